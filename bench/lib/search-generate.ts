import type pg from 'pg';
import { type Audience, audienceOf, messageText, random } from './search-corpus.js';

export interface LoadReport {
  messages: number;
  chats: number;
  days: number;
  insertMs: number;
  /** index name → build time */
  indexMs: [string, number][];
  /** filling `search_words` (migration 0007) from the loaded messages; null before that migration */
  dictionary: { ms: number; words: number; bytes: number } | null;
  vacuumAnalyzeMs: number;
  /** bytes */
  tableBytes: number;
  indexBytes: [string, number][];
  avgBodyChars: number;
}

interface ChatRow {
  id: number;
  title: string;
  kind: string;
  members: number[];
}

const BATCH = 50_000;
/** Share of generated messages that were deleted (empty body, a tombstone). */
const DELETED = 0.003;
/** Relative activity of a chat by audience; each chat also gets a random factor of 0.4–1.6. */
const WEIGHT: Record<Audience, number> = { parents: 3, students: 3, staff: 2.5, any: 1 };

/** Picks a chat with probability proportional to its weight (binary search over the running sums). */
function chatPicker(chats: ChatRow[], next: () => number): () => ChatRow {
  let sum = 0;
  const bounds = chats.map((chat) => {
    sum += WEIGHT[audienceOf(chat.title, chat.kind)] * (0.4 + 1.2 * next());
    return sum;
  });
  return () => {
    const target = next() * sum;
    let low = 0;
    let high = bounds.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (bounds[mid]! < target) low = mid + 1;
      else high = mid;
    }
    return chats[low]!;
  };
}

/** The arrays of one INSERT … SELECT FROM unnest(…): messages `from` … `to - 1`, oldest first. */
function batch(
  from: number,
  to: number,
  total: number,
  start: number,
  days: number,
  next: () => number,
  pick: () => ChatRow,
) {
  const chatIds: number[] = [];
  const authors: number[] = [];
  const bodies: string[] = [];
  const times: string[] = [];
  const deleted: boolean[] = [];
  for (let i = from; i < to; i++) {
    // Day by day across the year, and within a day between 07:30 and 20:00.
    const position = (i / total) * days;
    const day = Math.floor(position);
    const at = new Date(start + day * 86_400_000 + (7.5 + 12.5 * (position - day)) * 3_600_000);
    const chat = pick();
    chatIds.push(chat.id);
    authors.push(chat.members[Math.floor(next() * chat.members.length)]!);
    const gone = next() < DELETED;
    bodies.push(gone ? '' : messageText(next, audienceOf(chat.title, chat.kind), at));
    times.push(at.toISOString());
    deleted.push(gone);
  }
  return [chatIds, authors, bodies, times, deleted];
}

/**
 * The words dictionary of the forgiving search is kept by a trigger on
 * messages, which the bulk load switches off with the foreign keys: fill it
 * the way migration 0007 does for messages that already exist.
 */
async function fillDictionary(db: pg.Client, log: (line: string) => void): Promise<LoadReport['dictionary']> {
  const present = await db.query<{ ok: boolean }>(`select to_regclass('search_words') is not null as ok`);
  if (!present.rows[0]!.ok) return null;
  const began = performance.now();
  await db.query(`
    insert into search_words (school_id, word)
    select distinct m.school_id, w.lexeme from messages m, unnest(to_tsvector('simple', m.body)) as w
    where length(w.lexeme) between 3 and 40 and w.lexeme !~ '[0-9@./:_-]'
    on conflict do nothing`);
  const ms = performance.now() - began;
  const size = await db.query<{ words: string; bytes: string }>(
    `select count(*) as words, pg_total_relation_size('search_words') as bytes from search_words`,
  );
  log(`  dictionary search_words: ${(ms / 1000).toFixed(1)} s`);
  return { ms, words: Number(size.rows[0]!.words), bytes: Number(size.rows[0]!.bytes) };
}

const INSERT = `
  insert into messages (school_id, chat_id, author_id, client_id, body, created_at, deleted_at)
  select $1, t.chat_id, t.author_id, gen_random_uuid(), t.body, t.at,
    case when t.deleted then t.at + interval '2 minutes' end
  from unnest($2::int[], $3::int[], $4::text[], $5::timestamptz[], $6::bool[])
    as t(chat_id, author_id, body, at, deleted)`;

/**
 * Bulk-loads `count` generated messages into the school's chats over the last
 * `days` days, the way a restore would: the secondary indexes of `messages`
 * are dropped, the rows inserted in batches of 50,000 (foreign-key triggers
 * off: the ids are taken from the database), then each index is rebuilt from
 * its own definition and the table vacuumed and analysed.
 */
export async function loadMessages(
  db: pg.Client,
  options: { count: number; days: number; seed: number; log: (line: string) => void },
): Promise<LoadReport> {
  const { count, days, log } = options;
  const next = random(options.seed);
  const school = (await db.query<{ id: number }>('select id from schools order by id limit 1')).rows[0]!;
  const chats = (
    await db.query<ChatRow>(
      `select c.id, c.title, c.kind, array_agg(m.user_id order by m.user_id) as members
       from chats c join chat_members m on m.chat_id = c.id where c.school_id = $1
       group by c.id order by c.id`,
      [school.id],
    )
  ).rows;
  const pick = chatPicker(chats, next);
  const indexes = (
    await db.query<{ name: string; definition: string }>(
      `select indexname as name, indexdef as definition from pg_indexes
       where schemaname = 'public' and tablename = 'messages' and indexname <> 'messages_pkey'
       order by indexname`,
    )
  ).rows;
  for (const index of indexes) await db.query(`drop index ${index.name}`);

  const start = Date.now() - days * 86_400_000;
  const began = performance.now();
  await db.query(`set session_replication_role = replica`);
  let arrays = batch(0, Math.min(BATCH, count), count, start, days, next, pick);
  for (let from = 0; from < count; from += BATCH) {
    const inserting = db.query(INSERT, [school.id, ...arrays]);
    const to = Math.min(from + BATCH, count);
    // Generate the next batch while PostgreSQL inserts this one.
    if (to < count) arrays = batch(to, Math.min(to + BATCH, count), count, start, days, next, pick);
    await inserting;
    if (to % 200_000 === 0 || to === count) {
      log(`  ${to.toLocaleString('en')} messages, ${((performance.now() - began) / 1000).toFixed(0)} s`);
    }
  }
  await db.query(`set session_replication_role = origin`);
  const insertMs = performance.now() - began;

  await db.query(`set maintenance_work_mem = '256MB'`);
  const indexMs: [string, number][] = [];
  for (const index of indexes) {
    const t0 = performance.now();
    await db.query(index.definition);
    indexMs.push([index.name, performance.now() - t0]);
    log(`  index ${index.name}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  const dictionary = await fillDictionary(db, log);
  const t1 = performance.now();
  await db.query('vacuum (analyze) messages');
  if (dictionary) await db.query('vacuum (analyze) search_words');
  const vacuumAnalyzeMs = performance.now() - t1;

  const sizes = await db.query<{ table_bytes: string; avg_chars: string }>(
    `select pg_table_size('messages') as table_bytes,
       (select avg(length(body)) from messages) as avg_chars`,
  );
  const indexBytes = await db.query<{ name: string; bytes: string }>(
    `select indexrelid::regclass::text as name, pg_relation_size(indexrelid) as bytes
     from pg_index where indrelid = 'messages'::regclass order by 2 desc`,
  );
  return {
    messages: count,
    chats: chats.length,
    days,
    insertMs,
    indexMs,
    dictionary,
    vacuumAnalyzeMs,
    tableBytes: Number(sizes.rows[0]!.table_bytes),
    indexBytes: indexBytes.rows.map((row) => [row.name, Number(row.bytes)]),
    avgBodyChars: Number(sizes.rows[0]!.avg_chars),
  };
}
