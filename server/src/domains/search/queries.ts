import { HIGHLIGHT_END, HIGHLIGHT_START, type TSearchQuery, type TSearchResults } from '@parta/protocol';
import { sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import type { Person } from '../../infra/actor.js';
import { selectMessages } from '../messages/present.js';

const PAGE = 20;
const HEADLINE_OPTIONS = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_END}, MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`;

/**
 * Messages the person may read that match `q`, newest first: Russian
 * full-text search («собрание» finds «собрания») or, for typos and name
 * fragments, trigram word similarity. Only chats the person is in now.
 */
export async function searchMessages(
  db: Queryable,
  person: Person,
  query: TSearchQuery,
): Promise<TSearchResults> {
  const found = await db.execute<{ id: string; headline: string }>(sql`
    with q as (select websearch_to_tsquery('russian', ${query.q}) as tsq)
    select m.id, ts_headline('russian', m.body, q.tsq, ${HEADLINE_OPTIONS}) as headline
    from (
      select m.id, m.body from messages m, q
      where m.school_id = ${person.schoolId}
        and m.chat_id in (select chat_id from chat_members where user_id = ${person.userId})
        ${query.chatId === undefined ? sql`` : sql`and m.chat_id = ${query.chatId}`}
        ${query.before === undefined ? sql`` : sql`and m.id < ${query.before}`}
        and m.deleted_at is null
        and (m.search @@ q.tsq or ${query.q} <% m.body)
      order by m.id desc
      limit ${PAGE + 1}
    ) m, q
    order by m.id desc`);
  const rows = found.rows.slice(0, PAGE);
  if (rows.length === 0) return { hits: [], hasMore: false };
  const ids = `{${rows.map((row) => row.id).join(',')}}`;
  const messages = new Map(
    (await selectMessages(db, sql`m.id = any(${ids}::bigint[])`)).map((message) => [message.id, message]),
  );
  const titles = await chatTitles(db, person.userId, [
    ...new Set([...messages.values()].map((m) => m.chatId)),
  ]);
  return {
    hits: rows.map((row) => {
      const message = messages.get(Number(row.id))!;
      return { message, chatTitle: titles.get(message.chatId) ?? '', headline: row.headline };
    }),
    hasMore: found.rows.length > PAGE,
  };
}

/** Chat titles as the person sees them (a direct chat is called by the other person's name). */
async function chatTitles(db: Queryable, userId: number, chatIds: number[]): Promise<Map<number, string>> {
  const result = await db.execute<{ id: number; title: string }>(sql`
    select c.id, coalesce((select u.full_name from chat_members pm join users u on u.id = pm.user_id
        where c.kind = 'direct' and pm.chat_id = c.id and pm.user_id <> ${userId} limit 1), c.title) as title
    from chats c where c.id = any(${`{${chatIds.join(',')}}`}::int[])`);
  return new Map(result.rows.map((row) => [row.id, row.title]));
}
