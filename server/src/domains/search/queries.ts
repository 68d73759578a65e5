import { HIGHLIGHT_END, HIGHLIGHT_START, type TSearchQuery, type TSearchResults } from '@parta/protocol';
import { type SQL, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import type { Person } from '../../infra/actor.js';
import { selectMessages } from '../messages/present.js';

const PAGE = 20;
const HEADLINE_OPTIONS = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_END}, MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`;
/**
 * How many of the installation's newest messages (before the cursor) are
 * searched first, newest first. A word found often fills the page here and the
 * search stops early; the older messages are searched only when it did not.
 */
const RECENT = 20_000;
/** Forgiving search: at most this many query words, and this many similar words for each. */
const MAX_WORDS = 5;
const SIMILAR_WORDS = 30;
/** pg_trgm similarity from which a word of the school's messages counts as the query word misspelt */
const SIMILARITY = 0.4;

interface Scope {
  schoolId: number;
  chatIds: number[];
  /** the newest message id of the installation when the search began */
  newestId: number;
}

/**
 * Messages the person may read that match `q`, newest first, only in chats
 * the person is in now (and in `chatId` when given). Russian full text first:
 * «собрание» finds «собрания». When that finds less than a page in those
 * chats, the search forgives: each word of `q` also matches the words of the
 * school's messages most like it by trigram similarity (a typo: «экскурся»
 * finds «экскурсия»; part of a name: «Ильдар» finds «Ильдаровна»), taken
 * from the `search_words` dictionary and searched by full text, so they are
 * highlighted too; the last word, perhaps still being typed, also as a prefix
 * («собр»). Whether it forgives depends on `q` and the chats, not on the page
 * asked for, so pages do not mix the two.
 */
export async function searchMessages(
  db: Queryable,
  person: Person,
  query: TSearchQuery,
): Promise<TSearchResults> {
  const scope = await searchScope(db, person, query.chatId);
  if (scope.chatIds.length === 0) return { hits: [], hasMore: false };
  // The words as typed too: the stemmer cuts «Галиев» to «гал» but «Галиева» to «галиев».
  const exact = sql`(websearch_to_tsquery('russian', ${query.q}) || websearch_to_tsquery('simple', ${query.q}))`;
  let tsquery = exact;
  let found = await newestMatches(db, scope, exact, query.before);
  const exactFillsAPage =
    found.length > PAGE ||
    (query.before !== undefined && (await newestMatches(db, scope, exact)).length > PAGE);
  if (!exactFillsAPage) {
    const forgiving = await forgivingQuery(db, scope.schoolId, query.q);
    if (forgiving) {
      tsquery = sql`(${exact} || to_tsquery('russian', ${forgiving}))`;
      found = await newestMatches(db, scope, tsquery, query.before);
    }
  }
  const ids = found.slice(0, PAGE);
  if (ids.length === 0) return { hits: [], hasMore: false };
  const idList = `{${ids.join(',')}}`;
  const [headlines, messages] = await Promise.all([
    db.execute<{ id: number; headline: string }>(sql`
      select m.id, ts_headline('russian', m.body, ${tsquery}, ${HEADLINE_OPTIONS}) as headline
      from messages m where m.id = any(${idList}::bigint[])`),
    selectMessages(db, sql`m.id = any(${idList}::bigint[])`),
  ]);
  const headlineOf = new Map(headlines.rows.map((row) => [Number(row.id), row.headline]));
  const messageOf = new Map(messages.map((message) => [message.id, message]));
  const titles = await chatTitles(db, person.userId, [...new Set(messages.map((m) => m.chatId))]);
  return {
    hits: ids.map((id) => {
      const message = messageOf.get(id)!;
      return { message, chatTitle: titles.get(message.chatId) ?? '', headline: headlineOf.get(id) ?? '' };
    }),
    hasMore: found.length > PAGE,
  };
}

/** The chats to search, as a list the planner can read statistics for, and where "newest" begins. */
async function searchScope(db: Queryable, person: Person, chatId: number | undefined): Promise<Scope> {
  const result = await db.execute<{ chat_ids: number[]; newest_id: number | null }>(sql`
    select array(select chat_id from chat_members where user_id = ${person.userId}
        ${chatId === undefined ? sql`` : sql`and chat_id = ${chatId}`}) as chat_ids,
      (select max(id) from messages) as newest_id`);
  const row = result.rows[0]!;
  return { schoolId: person.schoolId, chatIds: row.chat_ids, newestId: Number(row.newest_id ?? 0) };
}

/**
 * Ids of up to a page and one of the newest messages in scope matching
 * `tsquery`, older than `before`. Two steps keep the work bounded: the RECENT
 * messages before it are walked newest first and the walk stops at the page
 * (a common word); only if that does not fill the page are the older messages
 * matched through the (chat_id, search) index first and sorted after (a rare
 * word), since walking them could read the whole table.
 */
async function newestMatches(db: Queryable, scope: Scope, tsquery: SQL, before?: number): Promise<number[]> {
  const upper = before ?? scope.newestId + 1;
  const recent = await recentMatches(db, scope, tsquery, upper);
  return recent.length > PAGE
    ? recent
    : [...recent, ...(await olderMatches(db, scope, tsquery, upper, recent.length))];
}

function inScope(scope: Scope): SQL {
  return sql`m.school_id = ${scope.schoolId}
    and m.chat_id = any(${`{${scope.chatIds.join(',')}}`}::int[]) and m.deleted_at is null`;
}

/**
 * Matches among the RECENT messages before `upper`, read newest first and
 * tested one by one, so the work is bounded whatever the words (the fence,
 * `offset 0`, keeps PostgreSQL from matching a common word through the
 * whole full-text index first).
 */
async function recentMatches(db: Queryable, scope: Scope, tsquery: SQL, upper: number): Promise<number[]> {
  const result = await db.execute<{ id: number }>(sql`
    select m.id from (
      select m.id, m.search from messages m
      where ${inScope(scope)} and m.id < ${upper} and m.id >= ${upper - RECENT}
      order by m.id desc offset 0) m
    where m.search @@ ${tsquery}
    order by m.id desc limit ${PAGE + 1}`);
  return result.rows.map((row) => Number(row.id));
}

/** The rest of the page from before the RECENT window (the CTE keeps PostgreSQL from walking the ids). */
async function olderMatches(
  db: Queryable,
  scope: Scope,
  tsquery: SQL,
  upper: number,
  have: number,
): Promise<number[]> {
  if (upper - RECENT <= 1) return [];
  const result = await db.execute<{ id: number }>(sql`
    with found as materialized (
      select m.id from messages m
      where ${inScope(scope)} and m.search @@ ${tsquery} and m.id < ${upper - RECENT})
    select id from found order by id desc limit ${PAGE + 1 - have}`);
  return result.rows.map((row) => Number(row.id));
}

/**
 * A `to_tsquery` text that forgives `q`: each of its words, or any of the
 * school's words most similar to it; the last word also as a prefix when it
 * is no word of the school's messages (still being typed: «собр»; a prefix
 * of a common word costs the index much more than the word). Only letters
 * and digits reach the text, so it always parses. Null when `q` has no word
 * of three characters or more.
 */
async function forgivingQuery(db: Queryable, schoolId: number, q: string): Promise<string | null> {
  const all = q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const words = [...new Set(all)].filter((word) => word.length >= 3).slice(-MAX_WORDS);
  if (words.length === 0) return null;
  const similar = await db.execute<{ word: string; known: boolean; similar: string[] }>(sql`
    select q.word,
      exists (select from search_words s where s.school_id = ${schoolId} and s.word = q.word) as known,
      array(
        select s.word from search_words s
        where s.school_id = ${schoolId} and s.word % q.word
          and similarity(s.word, q.word) >= ${SIMILARITY} and s.word <> q.word
        order by similarity(s.word, q.word) desc, s.word limit ${SIMILAR_WORDS}) as similar
    from unnest(${`{${words.map((word) => `"${word}"`).join(',')}}`}::text[]) as q(word)`);
  return similar.rows
    .map((row) => {
      const alike = row.similar.filter((word) => /^\p{L}+$/u.test(word));
      const typing = row.word === all.at(-1) && !row.known;
      return `(${[typing ? `${row.word}:*` : row.word, ...alike].join(' | ')})`;
    })
    .join(' & ');
}

/** Chat titles as the person sees them (a direct chat is called by the other person's name). */
async function chatTitles(db: Queryable, userId: number, chatIds: number[]): Promise<Map<number, string>> {
  const result = await db.execute<{ id: number; title: string }>(sql`
    select c.id, coalesce((select u.full_name from chat_members pm join users u on u.id = pm.user_id
        where c.kind = 'direct' and pm.chat_id = c.id and pm.user_id <> ${userId} limit 1), c.title) as title
    from chats c where c.id = any(${`{${chatIds.join(',')}}`}::int[])`);
  return new Map(result.rows.map((row) => [row.id, row.title]));
}
