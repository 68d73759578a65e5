import { sql } from 'drizzle-orm';
import type { Action } from '../infra/actions.js';
import { REPLAY_LIMIT } from './hub.js';

/** Events are kept this long: the live feed's replay and nothing else reads them. */
export const EVENT_RETENTION_MS = 14 * 24 * 60 * 60 * 1000;

/**
 * Deletes events older than the retention, except each school's newest
 * REPLAY_LIMIT + 1: a client whose cursor is older than the oldest kept event
 * then has more than REPLAY_LIMIT of its school's events to catch up on, and
 * gets `resync` (realtime/hub.ts) instead of a replay with a hole in it.
 */
export const pruneEvents: Action<unknown, { deleted: number }> = async ({ tx, now }) => {
  const cutoff = new Date(now.getTime() - EVENT_RETENTION_MS);
  // Materialized: each school's bound is computed once, not once per event row.
  const result = await tx.execute(sql`
    with kept as materialized (
      select s.id as school_id, (select x.id from events x where x.school_id = s.id
        order by x.id desc offset ${REPLAY_LIMIT} limit 1) as oldest_kept
      from schools s)
    delete from events e using kept k
    where e.school_id = k.school_id and e.id < k.oldest_kept and e.created_at < ${cutoff}`);
  const deleted = result.rowCount ?? 0;
  return { result: { deleted }, audit: { type: 'retention.prune', data: { what: 'events', deleted } } };
};
