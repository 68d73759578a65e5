import type { TMessagePage } from '@parta/protocol';
import { and, desc, eq, lt } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { messages, users } from '../../db/schema.js';
import { toMessage } from './actions.js';

/** A page of history before `before` (newest page when absent), oldest first. */
export async function listMessages(
  db: Queryable,
  chatId: number,
  page: { before?: number | undefined; limit: number },
): Promise<TMessagePage> {
  const rows = await db
    .select({ message: messages, authorName: users.fullName })
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
      .map((row) => toMessage(row.message, row.authorName)),
    hasMore,
  };
}
