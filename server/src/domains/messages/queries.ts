import type { TMessage, TMessageHistory, TMessagePage, TMessageReads } from '@parta/protocol';
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { chatMembers, messages, messageVersions, users } from '../../db/schema.js';
import { AppError } from '../../infra/errors.js';
import { selectMessages } from './present.js';

/** A page of history before `before` (newest page when absent), oldest first. */
export async function listMessages(
  db: Queryable,
  chatId: number,
  page: { before?: number | undefined; limit: number },
): Promise<TMessagePage> {
  const rows = await selectMessages(
    db,
    sql`m.chat_id = ${chatId} ${page.before ? sql`and m.id < ${page.before}` : sql``}`,
    { order: sql`m.id desc`, limit: page.limit + 1, withReads: true },
  );
  return { messages: rows.slice(0, page.limit).reverse(), hasMore: rows.length > page.limit };
}

/** Pinned messages of a chat, the latest pin first. */
export async function listPins(db: Queryable, chatId: number): Promise<TMessage[]> {
  return selectMessages(db, sql`m.chat_id = ${chatId} and m.pinned_at is not null`, {
    order: sql`m.pinned_at desc`,
    limit: 100,
    withReads: true,
  });
}

/** The facts policies need about one message of a chat (locked inside an action that changes it). */
export async function findMessage(db: Queryable, chatId: number, messageId: number, lock = false) {
  const query = db
    .select()
    .from(messages)
    .where(and(eq(messages.id, messageId), eq(messages.chatId, chatId)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw new AppError('messages.not_found');
  return row;
}

/**
 * «Прочитали 23 из 30» for one message; the names of those who have not read
 * it only for those who may see who read (`canSeeWhoRead`).
 */
export async function messageReads(
  db: Queryable,
  chatId: number,
  messageId: number,
  seeWhoRead: boolean,
): Promise<TMessageReads> {
  const message = await findMessage(db, chatId, messageId);
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
    notRead: seeWhoRead ? notRead.map(({ id, fullName }) => ({ id, fullName })) : null,
    policies: { seeWhoRead },
  };
}

export async function messageHistory(
  db: Queryable,
  chatId: number,
  messageId: number,
): Promise<TMessageHistory> {
  await findMessage(db, chatId, messageId);
  const rows = await db
    .select({
      body: messageVersions.body,
      at: messageVersions.at,
      change: messageVersions.change,
      byName: users.fullName,
    })
    .from(messageVersions)
    .innerJoin(users, eq(users.id, messageVersions.byId))
    .where(eq(messageVersions.messageId, messageId))
    .orderBy(asc(messageVersions.id));
  return {
    versions: rows.map((row) => ({
      body: row.body,
      at: row.at.toISOString(),
      change: row.change as 'edit' | 'delete',
      byName: row.byName,
    })),
  };
}
