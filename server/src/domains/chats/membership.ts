import { and, count, eq } from 'drizzle-orm';
import { chatMembers } from '../../db/schema.js';
import type { Action } from '../../infra/actions.js';
import { enforce, requirePerson } from '../../infra/require.js';
import { accessChat } from './access.js';
import { canLeaveChat, canReadChat } from './policy.js';
import { memberIds } from './queries.js';

/**
 * «Без звука»: the reader's own setting for one chat. Unread messages are
 * still counted, without the highlight (and, later, without notifications);
 * the reader's other tabs follow.
 */
export const setMuted: Action<{ chatId: number; muted: boolean }, null> = async ({ tx, actor }, input) => {
  const person = requirePerson(actor);
  await accessChat(tx, person, input.chatId, canReadChat);
  await tx
    .update(chatMembers)
    .set({ muted: input.muted })
    .where(and(eq(chatMembers.chatId, input.chatId), eq(chatMembers.userId, person.userId)));
  return {
    result: null,
    events: [
      { payload: { type: 'chats.mute', chatId: input.chatId, muted: input.muted }, userIds: [person.userId] },
    ],
    audit: { type: 'chats.mute', subjectId: input.chatId, data: { muted: input.muted } },
  };
};

/** «Покинуть чат»: the reader leaves a group or announcement chat (policy.ts `canLeaveChat`). */
export const leaveChat: Action<{ chatId: number }, null> = async ({ tx, actor }, input) => {
  const person = requirePerson(actor);
  // the chat's row is locked: two owners leaving at once cannot both be "not the last"
  const access = await accessChat(tx, person, input.chatId, canReadChat, true);
  const [owners] = await tx
    .select({ n: count() })
    .from(chatMembers)
    .where(and(eq(chatMembers.chatId, input.chatId), eq(chatMembers.role, 'owner')));
  enforce(canLeaveChat(person, { ...access, owners: owners!.n }));
  await tx
    .delete(chatMembers)
    .where(and(eq(chatMembers.chatId, input.chatId), eq(chatMembers.userId, person.userId)));
  const rest = await memberIds(tx, input.chatId);
  return {
    result: null,
    events: [
      {
        payload: {
          type: 'chats.remove_members',
          chatId: input.chatId,
          userIds: [person.userId],
          memberCount: rest.length,
        },
        userIds: [...rest, person.userId],
      },
    ],
    audit: { type: 'chats.leave', subjectId: input.chatId },
  };
};
