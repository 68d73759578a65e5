import type { TEvent, TEventPayload } from '@parta/protocol';
import { sql } from 'drizzle-orm';
import type { Queryable, Tx } from '../db/client.js';
import { run, statement } from '../db/prepared.js';
import { auditInsert } from './audit.js';

/** An event an action wants to publish, and who may read it. */
export interface EventDraft {
  payload: TEventPayload;
  userIds: number[];
}

/** An event as stored and as carried on the bus (JSON-safe). */
export interface StoredEvent {
  cursor: number;
  schoolId: number;
  userIds: number[];
  at: string;
  payload: TEventPayload;
}

/*
 * Event ids come from the `events_id_seq` sequence without a lock, so two
 * transactions may commit in the opposite order of their ids: seeing id 12
 * does not mean id 11 is final. Each writer therefore announces itself before
 * it draws: it takes a shared transaction-level advisory lock whose key is
 * the last id drawn so far (L), and holds it until it commits or rolls back.
 * Every id it draws is above L. A reader that reads the sequence and then the
 * held keys knows that every id up to min(last drawn, every held L) is final:
 * committed, or never will be. Keys are negative (-1 - L) so that they never
 * meet the positive constants of other advisory locks (migrations).
 */

/**
 * The lock that announces a writer (see above), as a CTE named `writing`:
 * the events' ids must be drawn from a CTE that joins it, so that the lock
 * is held before the first id. Taken only if `condition` holds (SQL).
 */
export function announceWriter(condition = ''): string {
  return `writing as materialized (
    select pg_advisory_xact_lock_shared(-1 - drawn.id)
    from (select coalesce(pg_sequence_last_value('events_id_seq'), 0) as id) as drawn
    ${condition ? `where ${condition}` : ''})`;
}

/**
 * The events statement: announces the writer and then draws the ids.
 * Parameters from `first`: the drafts as JSON, the school, the time, then
 * the audit row's (`auditParams`) if `audit`.
 */
function appendSql(first: number, options: { audit: boolean }): string {
  const $ = (i: number) => `$${first + i}`;
  const at = `${$(2)}::timestamptz`;
  return `
  with ${options.audit ? `audit as (${auditInsert(first + 3, at)}),` : ''}
  ${announceWriter()},
  drawn as materialized (
    select nextval('events_id_seq') as id, e.item
    from writing, jsonb_array_elements(${$(0)}::jsonb) with ordinality as e(item, n)
    order by e.n)
  insert into events (id, school_id, user_ids, type, payload, created_at)
  select drawn.id, ${$(1)}::integer, array(select jsonb_array_elements_text(drawn.item->'u')::integer),
    drawn.item->>'t', drawn.item->'p', ${at}
  from drawn
  order by drawn.id
  returning id, school_id, user_ids, payload, created_at`;
}

const append = statement<EventRow>('events.append', appendSql(1, { audit: false }));
const appendWithAudit = statement<EventRow>('events.append_with_audit', appendSql(1, { audit: true }));

/**
 * Appends events inside the action's transaction, and with `audit` (from
 * `auditParams`) the change's audit row in the same statement. Without
 * events to store, the audit row is the caller's to write.
 */
export async function appendEvents(
  tx: Tx,
  schoolId: number,
  drafts: EventDraft[],
  at: Date,
  audit: unknown[] | null = null,
): Promise<StoredEvent[]> {
  const items = eventItems(drafts);
  if (items.length === 0) throw new Error('events: nothing anyone may hear (see hasAudibleEvents)');
  const values = [JSON.stringify(items), schoolId, at];
  const rows = audit ? await run(tx, appendWithAudit, [...values, ...audit]) : await run(tx, append, values);
  return rows.map(toStored);
}

/** Whether any draft has someone to hear it (events nobody may read are not stored). */
export function hasAudibleEvents(drafts: EventDraft[]): boolean {
  return drafts.some((draft) => draft.userIds.length > 0);
}

/** The drafts anyone may hear, as the statements store them: readers, type, payload. */
export function eventItems(drafts: EventDraft[]): { u: number[]; t: string; p: TEventPayload }[] {
  return drafts
    .filter((draft) => draft.userIds.length > 0)
    .map((draft) => ({ u: [...new Set(draft.userIds)], t: draft.payload.type, p: draft.payload }));
}

/**
 * A cursor below which every event is final, now: whatever is read after it
 * reflects every event up to it, and later events can only have larger ids.
 * The sequence is read before the locks (a subquery that depends on it): a
 * writer that drew an id up to that value had taken its lock before, so it
 * is either among the held locks or has ended.
 */
export async function finalCursor(db: Queryable): Promise<number> {
  const result = await db.execute<{ cursor: number }>(sql`
    select least(drawn.id, (
      select min(-1 - ((l.classid::bigint << 32) | l.objid::bigint))
      from pg_locks l
      where l.locktype = 'advisory' and l.objsubid = 1 and l.classid::bigint >= 2147483648
        and l.database = (select oid from pg_database where datname = current_database())
        and drawn.id is not null)) as cursor
    from (select coalesce(pg_sequence_last_value('events_id_seq'), 0) as id offset 0) as drawn`);
  return Number(result.rows[0]?.cursor ?? 0);
}

/**
 * What a node's feed reads (realtime/feed.ts): `final` from `finalCursor`,
 * then the visible events after `cursor` (all schools, oldest first, at most
 * `limit`) in a later snapshot. Up to `final` a missing id never committed;
 * above it, only a run of consecutive ids is known to be complete.
 */
export async function readEventsAfter(
  db: Queryable,
  cursor: number,
  limit: number,
): Promise<{ events: StoredEvent[]; final: number }> {
  const final = await finalCursor(db);
  const result = await db.execute<EventRow>(sql`
    select id, school_id, user_ids, payload, created_at from events
    where id > ${cursor} order by id limit ${limit}`);
  return { events: result.rows.map(toStored), final };
}

/**
 * The events one person may read in (`after`, `upTo`]: what a reconnecting
 * client missed. `upTo` must be a cursor the node's feed has reached, so
 * that everything up to it is final.
 */
export async function readEventsForUser(
  db: Queryable,
  schoolId: number,
  userId: number,
  after: number,
  upTo: number,
  limit: number,
): Promise<StoredEvent[]> {
  const result = await db.execute<EventRow>(sql`
    select id, school_id, user_ids, payload, created_at from events
    where id > ${after} and id <= ${upTo}
      and school_id = ${schoolId} and user_ids @> array[${userId}]::integer[]
    order by id limit ${limit}`);
  return result.rows.map(toStored);
}

/**
 * Whether the school has more than `limit` events after `after`: too long a
 * break to replay. Reads at most `limit` + 1 index entries. It counts events
 * the feed has not reached yet too: pruning (realtime/retention.ts) keeps
 * each school's newest `limit` + 1 events, so a cursor from before a pruned
 * event always has that many after it, however far behind the feed is.
 */
export async function missedTooMany(
  db: Queryable,
  schoolId: number,
  after: number,
  limit: number,
): Promise<boolean> {
  const result = await db.execute(sql`
    select 1 from events where school_id = ${schoolId} and id > ${after}
    order by id offset ${limit} limit 1`);
  return result.rows.length > 0;
}

/**
 * The cursor `GET /api/chats` hands out with the list it reads next: events
 * after it may repeat what the list shows, never miss it.
 */
export const latestCursor = finalCursor;

/** The largest id ever committed: a client's cursor beyond it comes from another database. */
export async function maxEventId(db: Queryable): Promise<number> {
  const result = await db.execute<{ id: number | null }>(sql`select max(id) as id from events`);
  return Number(result.rows[0]?.id ?? 0);
}

export function toWire(event: StoredEvent): TEvent {
  return { cursor: event.cursor, at: event.at, payload: event.payload };
}

type EventRow = {
  id: number;
  school_id: number;
  user_ids: number[];
  payload: TEventPayload;
  created_at: Date | string;
};

function toStored(row: EventRow): StoredEvent {
  return {
    cursor: Number(row.id),
    schoolId: row.school_id,
    userIds: row.user_ids,
    at: new Date(row.created_at).toISOString(),
    payload: row.payload,
  };
}
