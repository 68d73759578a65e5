import type { TEvent, TEventPayload } from '@parta/protocol';
import { and, asc, gt, sql } from 'drizzle-orm';
import type { Queryable, Tx } from '../db/client.js';
import { events } from '../db/schema.js';

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

/** Only event inserts take this transaction-scoped lock. */
const EVENTS_LOCK = 7_147_002;

/**
 * Appends events inside the action's transaction. The advisory lock is held
 * until commit, so a larger cursor always commits after a smaller one: a
 * reader that sees cursor N has already seen every committed event below N.
 * The price is that event-writing transactions commit one at a time, so the
 * lock is taken by the insert statement itself: one round trip, then COMMIT.
 */
export async function appendEvents(
  tx: Tx,
  schoolId: number,
  drafts: EventDraft[],
  at: Date,
): Promise<StoredEvent[]> {
  const audible = drafts.filter((draft) => draft.userIds.length > 0);
  if (audible.length === 0) return [];
  const items = audible.map((draft) => ({
    u: [...new Set(draft.userIds)],
    t: draft.payload.type,
    p: draft.payload,
  }));
  // The lock is in the FROM clause: it is held before the first row is produced, so before any id is drawn.
  const result = await tx.execute<{
    id: number;
    school_id: number;
    user_ids: number[];
    payload: TEventPayload;
    created_at: Date;
  }>(sql`
    insert into events (school_id, user_ids, type, payload, created_at)
    select ${schoolId}, array(select jsonb_array_elements_text(e.item->'u')::integer), e.item->>'t', e.item->'p', ${at}
    from (select pg_advisory_xact_lock(${EVENTS_LOCK})) as locked,
      jsonb_array_elements(${JSON.stringify(items)}::jsonb) with ordinality as e(item, n)
    order by e.n
    returning id, school_id, user_ids, payload, created_at`);
  return result.rows.map((row) => ({
    cursor: Number(row.id),
    schoolId: row.school_id,
    userIds: row.user_ids,
    at: new Date(row.created_at).toISOString(),
    payload: row.payload,
  }));
}

/** Every school's events after `cursor`, oldest first: what a node fans out. */
export async function readEventsAfter(db: Queryable, cursor: number, limit: number): Promise<StoredEvent[]> {
  const rows = await db
    .select()
    .from(events)
    .where(gt(events.id, cursor))
    .orderBy(asc(events.id))
    .limit(limit);
  return rows.map(toStored);
}

/** The events one person may read after `cursor`: what a reconnecting client missed. */
export async function readEventsForUser(
  db: Queryable,
  schoolId: number,
  userId: number,
  cursor: number,
  limit: number,
): Promise<StoredEvent[]> {
  const rows = await db
    .select()
    .from(events)
    .where(
      and(
        gt(events.id, cursor),
        sql`${events.schoolId} = ${schoolId}`,
        sql`${events.userIds} @> array[${userId}]::integer[]`,
      ),
    )
    .orderBy(asc(events.id))
    .limit(limit);
  return rows.map(toStored);
}

export async function latestCursor(db: Queryable): Promise<number> {
  const result = await db.execute<{ cursor: number | null }>(sql`select max(id) as cursor from events`);
  return Number(result.rows[0]?.cursor ?? 0);
}

export function toWire(event: StoredEvent): TEvent {
  return { cursor: event.cursor, at: event.at, payload: event.payload };
}

function toStored(row: typeof events.$inferSelect): StoredEvent {
  return {
    cursor: row.id,
    schoolId: row.schoolId,
    userIds: row.userIds,
    at: row.createdAt.toISOString(),
    payload: row.payload as TEventPayload,
  };
}
