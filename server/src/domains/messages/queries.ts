import type { Locale, TMessage, TMessageHistory, TMessagePage, TMessageReads } from '@parta/protocol';
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { chatMembers, messages, messageVersions, users } from '../../db/schema.js';
import type { Person } from '../../infra/actor.js';
import { AppError } from '../../infra/errors.js';
import { familyLabels } from '../org/families.js';
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

/**
 * Who each author is to the reader, next to the name: «мама Миши И., 5А» for
 * a parent, to staff (`familyLabels`). Live events carry no such field (one
 * copy for every reader); the next page or reload brings it.
 */
export async function withAuthorContexts(
  db: Queryable,
  viewer: Person,
  list: TMessage[],
  locale: Locale,
): Promise<TMessage[]> {
  const labels = await familyLabels(
    db,
    viewer,
    viewer.schoolId,
    list.map((message) => message.authorId),
    locale,
  );
  return list.map((message) => ({ ...message, authorContext: labels.get(message.authorId) ?? null }));
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
 * «Прочитали 23 из 30» for one message; who has read it and who has not
 * (with who each parent is, for staff: `familyLabels`) only for those who may
 * see who read (`canSeeWhoRead`), and whether they may remind those who have
 * not (a reply in the chat: `canPostMessage`).
 */
export async function messageReads(
  db: Queryable,
  viewer: Person,
  chatId: number,
  messageId: number,
  abilities: TMessageReads['policies'],
  locale: Locale,
): Promise<TMessageReads> {
  const message = await findMessage(db, chatId, messageId);
  const members = await db
    .select({ id: users.id, fullName: users.fullName, lastRead: chatMembers.lastReadMessageId })
    .from(chatMembers)
    .innerJoin(users, eq(users.id, chatMembers.userId))
    .where(and(eq(chatMembers.chatId, chatId), ne(chatMembers.userId, message.authorId)))
    .orderBy(asc(users.fullName));
  const readers = members.filter((member) => member.lastRead >= message.id);
  const seeWho = abilities.seeWhoRead;
  const labels = seeWho
    ? await familyLabels(
        db,
        viewer,
        viewer.schoolId,
        members.map((member) => member.id),
        locale,
      )
    : new Map<number, string>();
  const present = (list: typeof members) =>
    list.map(({ id, fullName }) => ({ id, fullName, context: labels.get(id) ?? null }));
  return {
    messageId: message.id,
    readCount: readers.length,
    total: members.length,
    read: seeWho ? present(readers) : null,
    notRead: seeWho ? present(members.filter((member) => member.lastRead < message.id)) : null,
    policies: { ...abilities, remind: abilities.seeWhoRead && abilities.remind },
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
