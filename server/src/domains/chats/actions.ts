import type { TAddMembersRequest, TCreateChatRequest, TMarkReadRequest } from '@parta/protocol';
import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { chatMembers, chats, messages, users } from '../../db/schema.js';
import type { Action } from '../../infra/actions.js';
import { AppError } from '../../infra/errors.js';
import { enforce, requirePerson } from '../../infra/require.js';
import { loadDirectRules } from '../org/direct-rules.js';
import { accessChat } from './access.js';
import { canAddMembers, canCreateChat, canPutInGroup } from './policy.js';
import { memberIds } from './queries.js';
import { readReceiptEvents } from './read-receipts.js';

/** Everyone named must be a person of the same school. */
async function checkSameSchool(tx: Tx, schoolId: number, userIds: number[]): Promise<void> {
  if (userIds.length === 0) return;
  const found = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.id, userIds), eq(users.schoolId, schoolId)));
  if (found.length !== new Set(userIds).size) throw new AppError('chats.member_not_found');
}

export const createChat: Action<TCreateChatRequest, { chatId: number }> = async (
  { tx, actor, now },
  input,
) => {
  enforce(canCreateChat(actor));
  const creator = requirePerson(actor);
  const others = [...new Set(input.memberIds)].filter((id) => id !== creator.userId);
  await checkSameSchool(tx, creator.schoolId, others);
  enforce(canPutInGroup(creator, await loadDirectRules(tx, creator.schoolId), others));
  const [chat] = await tx
    .insert(chats)
    .values({
      schoolId: creator.schoolId,
      kind: input.announcement ? 'announcement' : 'group',
      title: input.title,
      createdBy: creator.userId,
      createdAt: now,
    })
    .returning();
  const rows = [
    { userId: creator.userId, role: 'owner' },
    ...others.map((userId) => ({ userId, role: 'member' })),
  ].map((row) => ({ ...row, chatId: chat!.id, joinedAt: now }));
  await tx.insert(chatMembers).values(rows);
  const everyone = rows.map((row) => row.userId);
  return {
    result: { chatId: chat!.id },
    events: [
      {
        payload: { type: 'chats.create', chatId: chat!.id, title: chat!.title, memberCount: everyone.length },
        userIds: everyone,
      },
    ],
    audit: { type: 'chats.create', subjectId: chat!.id, data: { members: everyone.length } },
  };
};

export const addMembers: Action<TAddMembersRequest & { chatId: number }, { added: number }> = async (
  { tx, actor, now },
  input,
) => {
  const person = requirePerson(actor);
  await accessChat(tx, person, input.chatId, canAddMembers, true);
  const wanted = [...new Set(input.userIds)];
  await checkSameSchool(tx, person.schoolId, wanted);
  enforce(canPutInGroup(person, await loadDirectRules(tx, person.schoolId), wanted));
  const present = new Set(await memberIds(tx, input.chatId));
  const added = wanted.filter((id) => !present.has(id));
  if (added.length > 0) {
    await tx
      .insert(chatMembers)
      .values(added.map((userId) => ({ chatId: input.chatId, userId, role: 'member', joinedAt: now })));
  }
  const everyone = [...present, ...added];
  return {
    result: { added: added.length },
    events:
      added.length === 0
        ? []
        : [
            {
              payload: {
                type: 'chats.add_members',
                chatId: input.chatId,
                userIds: added,
                memberCount: everyone.length,
              },
              userIds: everyone,
            },
          ],
    audit: { type: 'chats.add_members', subjectId: input.chatId, data: { userIds: added } },
  };
};

/**
 * «Прочитано до»: moves forward only. Tells the reader's other tabs, and the
 * other members what each may know of it (read-receipts.ts).
 */
export const markRead: Action<TMarkReadRequest & { chatId: number }, { lastReadMessageId: number }> = async (
  { tx, actor },
  input,
) => {
  const person = requirePerson(actor);
  const chat = await accessChat(tx, person, input.chatId);
  const [message] = await tx
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.id, input.messageId), eq(messages.chatId, input.chatId)));
  if (!message) throw new AppError('messages.not_found');
  const membership = and(eq(chatMembers.chatId, input.chatId), eq(chatMembers.userId, person.userId));
  const [before] = await tx
    .select({ lastReadMessageId: chatMembers.lastReadMessageId })
    .from(chatMembers)
    .where(membership)
    .for('update');
  const previousMessageId = before!.lastReadMessageId;
  if (message.id <= previousMessageId)
    return { result: { lastReadMessageId: previousMessageId }, audit: null };
  await tx.update(chatMembers).set({ lastReadMessageId: message.id }).where(membership);
  const receipts = await readReceiptEvents(tx, chat, {
    chatId: input.chatId,
    readerId: person.userId,
    previousMessageId,
    lastReadMessageId: message.id,
  });
  return {
    result: { lastReadMessageId: message.id },
    events: [
      {
        payload: { type: 'chats.read', chatId: input.chatId, lastReadMessageId: message.id },
        userIds: [person.userId],
      },
      ...receipts,
    ],
    audit: null,
  };
};
