import type { TMessage, TPinRequest, TReactRequest } from '@parta/protocol';
import { and, eq } from 'drizzle-orm';
import { messageReactions, messages } from '../../../db/schema.js';
import type { Action } from '../../../infra/actions.js';
import { AppError } from '../../../infra/errors.js';
import { requirePerson } from '../../../infra/require.js';
import { accessChat } from '../../chats/access.js';
import { canPin, canReact } from '../../chats/policy.js';
import { findMessage } from '../queries.js';
import { announceChange, unchanged } from './change.js';

type MessageRef = { chatId: number; messageId: number };

/** Puts or takes back one of the fixed reactions; repeating either is a no-op. */
export const reactToMessage: Action<TReactRequest & MessageRef, TMessage> = async (
  { tx, actor, now },
  input,
) => {
  const person = requirePerson(actor);
  const chat = await accessChat(tx, person, input.chatId, canReact);
  const row = await findMessage(tx, input.chatId, input.messageId, true);
  if (row.deletedAt) throw new AppError('messages.deleted');
  const mine = and(
    eq(messageReactions.messageId, row.id),
    eq(messageReactions.userId, person.userId),
    eq(messageReactions.emoji, input.emoji),
  );
  const changed = input.on
    ? await tx
        .insert(messageReactions)
        .values({ messageId: row.id, userId: person.userId, emoji: input.emoji, createdAt: now })
        .onConflictDoNothing()
        .returning()
    : await tx.delete(messageReactions).where(mine).returning();
  if (changed.length === 0) return unchanged(tx, row.id, { person, chat, now });
  return announceChange(
    tx,
    input,
    'react',
    {
      type: 'messages.react',
      subjectId: row.id,
      data: { chatId: input.chatId, emoji: input.emoji, on: input.on },
    },
    { person, chat, now },
  );
};

export const pinMessage: Action<TPinRequest & MessageRef, TMessage> = async ({ tx, actor, now }, input) => {
  const person = requirePerson(actor);
  const chat = await accessChat(tx, person, input.chatId, canPin);
  const row = await findMessage(tx, input.chatId, input.messageId, true);
  if (row.deletedAt) throw new AppError('messages.deleted');
  if ((row.pinnedAt !== null) === input.pinned) return unchanged(tx, row.id, { person, chat, now });
  await tx
    .update(messages)
    .set({ pinnedAt: input.pinned ? now : null })
    .where(eq(messages.id, row.id));
  return announceChange(
    tx,
    input,
    'pin',
    {
      type: 'messages.pin',
      subjectId: row.id,
      data: { chatId: input.chatId, pinned: input.pinned },
    },
    { person, chat, now },
  );
};
