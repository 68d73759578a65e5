import type { TMessage, TPostMessageRequest } from '@parta/protocol';
import { and, eq } from 'drizzle-orm';
import { messages, users } from '../../db/schema.js';
import type { Action } from '../../infra/actions.js';
import { AppError } from '../../infra/errors.js';
import { requirePerson } from '../../infra/require.js';
import { accessChat } from '../chats/access.js';
import { canPostMessage } from '../chats/policy.js';
import { memberIds } from '../chats/queries.js';

/**
 * Posts a text message. The client's id makes a retry (lost answer, reconnect)
 * return the stored message instead of writing it twice.
 */
export const postMessage: Action<TPostMessageRequest & { chatId: number }, TMessage> = async (
  { tx, actor, now },
  input,
) => {
  const author = requirePerson(actor);
  await accessChat(tx, author, input.chatId, canPostMessage);
  const [inserted] = await tx
    .insert(messages)
    .values({
      schoolId: author.schoolId,
      chatId: input.chatId,
      authorId: author.userId,
      clientId: input.clientId,
      body: input.body,
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning();
  const [authorRow] = await tx
    .select({ fullName: users.fullName })
    .from(users)
    .where(eq(users.id, author.userId));
  if (!inserted) {
    const [stored] = await tx
      .select()
      .from(messages)
      .where(
        and(
          eq(messages.chatId, input.chatId),
          eq(messages.authorId, author.userId),
          eq(messages.clientId, input.clientId),
        ),
      );
    if (!stored) throw new AppError('messages.not_found');
    return { result: toMessage(stored, authorRow!.fullName), audit: null };
  }
  const message = toMessage(inserted, authorRow!.fullName);
  return {
    result: message,
    events: [{ payload: { type: 'messages.send', message }, userIds: await memberIds(tx, input.chatId) }],
    audit: { type: 'messages.send', subjectId: message.id, data: { chatId: input.chatId } },
  };
};

export function toMessage(row: typeof messages.$inferSelect, authorName: string): TMessage {
  return {
    id: row.id,
    chatId: row.chatId,
    authorId: row.authorId,
    authorName,
    clientId: row.clientId,
    body: row.body,
    createdAt: row.createdAt.toISOString(),
  };
}
