import type { TMessagePage, TMessageReads } from '@parta/protocol';
import { and, asc, desc, eq, lt, ne, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { chatMembers, messages, users } from '../../db/schema.js';
import { AppError } from '../../infra/errors.js';
import { toMessage } from './actions.js';

/** A page of history before `before` (newest page when absent), oldest first. */
export async function listMessages(
  db: Queryable,
  chatId: number,
  page: { before?: number | undefined; limit: number },
): Promise<TMessagePage> {
  const rows = await db
    .select({
      message: messages,
      authorName: users.fullName,
      readCount: sql<number>`(select count(*)::int from chat_members cm where cm.chat_id = ${messages.chatId}
        and cm.last_read_message_id >= ${messages.id} and cm.user_id <> ${messages.authorId})`,
    })
    .from(messages)
    .innerJoin(users, eq(users.id, messages.authorId))
    .where(and(eq(messages.chatId, chatId), page.before ? lt(messages.id, page.before) : undefined))
    .orderBy(desc(messages.id))
    .limit(page.limit + 1);
  const hasMore = rows.length > page.limit;
  return {
    messages: rows
      .slice(0, page.limit)
      .reverse()
      .map((row) => ({ ...toMessage(row.message, row.authorName), readCount: row.readCount })),
    hasMore,
  };
}

/**
 * «Прочитали 23 из 30» for one message; the names of those who have not read
 * it only when `withNames` (its author and the chat's owners).
 */
export async function messageReads(
  db: Queryable,
  chatId: number,
  messageId: number,
  withNames: (authorId: number) => boolean,
): Promise<TMessageReads> {
  const [message] = await db
    .select({ id: messages.id, authorId: messages.authorId })
    .from(messages)
    .where(and(eq(messages.id, messageId), eq(messages.chatId, chatId)));
  if (!message) throw new AppError('messages.not_found');
  const members = await db
    .select({ id: users.id, fullName: users.fullName, lastRead: chatMembers.lastReadMessageId })
    .from(chatMembers)
    .innerJoin(users, eq(users.id, chatMembers.userId))
    .where(and(eq(chatMembers.chatId, chatId), ne(chatMembers.userId, message.authorId)))
    .orderBy(asc(users.fullName));
  const notRead = members.filter((member) => member.lastRead < message.id);
  return {
    messageId: message.id,
    readCount: members.length - notRead.length,
    total: members.length,
    notRead: withNames(message.authorId) ? notRead.map(({ id, fullName }) => ({ id, fullName })) : null,
  };
}
