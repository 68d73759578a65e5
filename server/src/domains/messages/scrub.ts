import type { TMessage } from '@parta/protocol';
import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';

/**
 * Events older than the message by more than this are not looked at: ids are
 * drawn at commit, so an event written just before the message may commit
 * with a larger id than one written just after; a minute covers any writer.
 */
const CLOCK_MARGIN_MS = 60_000;

/**
 * A deleted message leaves nothing of its text in the live feed's table:
 * every stored event that carries it (its send, edits, reactions, pins)
 * carries the tombstone instead, and replies that quote it quote nothing,
 * so a client replaying from an old cursor sees what a live one saw last.
 * Runs in the delete's transaction. Reads the school's events since the
 * message was written (`events_school_idx`), which pruning bounds.
 */
export async function scrubEventsOf(tx: Tx, schoolId: number, tombstone: TMessage): Promise<void> {
  const since = new Date(new Date(tombstone.createdAt).getTime() - CLOCK_MARGIN_MS);
  const id = String(tombstone.id);
  await tx.execute(sql`
    with bound as (
      select coalesce((select id from events where school_id = ${schoolId} and created_at < ${since}
        order by id desc limit 1), 0) as id)
    update events e set payload = case
        when e.payload->'message'->>'id' = ${id} then jsonb_set(e.payload, '{message}', ${JSON.stringify(tombstone)}::jsonb)
        else jsonb_set(e.payload, '{message,replyTo}',
          (e.payload->'message'->'replyTo') || '{"body": "", "deleted": true}'::jsonb)
      end
    from bound
    where e.school_id = ${schoolId} and e.id > bound.id
      and e.type in ('messages.send', 'messages.update')
      and (e.payload->'message'->>'id' = ${id} or e.payload->'message'->'replyTo'->>'id' = ${id})`);
}
