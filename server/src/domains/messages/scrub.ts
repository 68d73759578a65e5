import type { TMessage } from '@parta/protocol';
import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { quote } from './present.js';

/**
 * Events older than the message by more than this are not looked at: ids are
 * drawn at commit, so an event written just before the message may commit
 * with a larger id than one written just after; a minute covers any writer.
 */
const CLOCK_MARGIN_MS = 60_000;

/**
 * An edited or deleted message leaves nothing of its earlier text in the live
 * feed's table: every stored event that carries the message (its send,
 * edits, reactions, pins) carries it as it is now (a deleted one as the
 * tombstone), and replies quote it as it is now (a deleted one: nothing), so
 * a client replaying from an old cursor sees what a live one saw last. The
 * earlier texts are for the chat's moderators only (`message_versions`).
 * Runs in the edit's or delete's transaction. Reads the school's events since
 * the message was written (`events_school_idx`), which pruning bounds.
 */
export async function scrubEventsOf(tx: Tx, schoolId: number, now: TMessage): Promise<void> {
  const since = new Date(new Date(now.createdAt).getTime() - CLOCK_MARGIN_MS);
  const id = String(now.id);
  const quoted = { body: now.deletedAt ? '' : quote(now.body), deleted: now.deletedAt !== null };
  await tx.execute(sql`
    with bound as (
      select coalesce((select id from events where school_id = ${schoolId} and created_at < ${since}
        order by id desc limit 1), 0) as id)
    update events e set payload = case
        when e.payload->'message'->>'id' = ${id} then jsonb_set(e.payload, '{message}', ${JSON.stringify(now)}::jsonb)
        else jsonb_set(e.payload, '{message,replyTo}',
          (e.payload->'message'->'replyTo') || ${JSON.stringify(quoted)}::jsonb)
      end
    from bound
    where e.school_id = ${schoolId} and e.id > bound.id
      and e.type in ('messages.send', 'messages.update')
      and (e.payload->'message'->>'id' = ${id} or e.payload->'message'->'replyTo'->>'id' = ${id})`);
}
