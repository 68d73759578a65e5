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
 * The price is that event-writing transactions commit one at a time.
 */
export async function appendEvents(
  tx: Tx,
  schoolId: number,
  drafts: EventDraft[],
  at: Date,
): Promise<StoredEvent[]> {
  const audible = drafts.filter((draft) => draft.userIds.length > 0);
  if (audible.length === 0) return [];
  await tx.execute(sql`select pg_advisory_xact_lock(${EVENTS_LOCK})`);
  const rows = await tx
    .insert(events)
    .values(
      audible.map((draft) => ({
        schoolId,
        userIds: [...new Set(draft.userIds)],
        type: draft.payload.type,
        payload: draft.payload,
        createdAt: at,
      })),
    )
    .returning();
  return rows.map(toStored);
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
