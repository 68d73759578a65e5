import type { THoursReport } from '@parta/protocol';
import { sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * For the administration: per class chat, how many messages of the last
 * seven days waited for the hours, went urgently, or were scheduled. Class
 * chats with none are listed too, with zeros: a quiet week is an answer.
 */
export async function hoursReport(db: Queryable, schoolId: number, now: Date): Promise<THoursReport> {
  const from = new Date(now.getTime() - WEEK_MS);
  const result = await db.execute<{
    chat_id: number;
    title: string;
    held: number;
    urgent: number;
    scheduled: number;
  }>(sql`
    with counted as (
      select m.chat_id,
        count(*) filter (where m.delivery = 'held')::int as held,
        count(*) filter (where m.delivery = 'urgent')::int as urgent,
        count(*) filter (where m.delivery = 'scheduled')::int as scheduled
      from messages m
      where m.school_id = ${schoolId} and m.delivery is not null
        and m.created_at > ${from} and m.created_at <= ${now}
      group by m.chat_id)
    select c.id as chat_id, c.title, coalesce(n.held, 0) as held, coalesce(n.urgent, 0) as urgent,
      coalesce(n.scheduled, 0) as scheduled
    from chats c left join counted n on n.chat_id = c.id
    left join classes k on k.id = c.class_id
    where c.school_id = ${schoolId} and c.archived_at is null
      and c.kind in ('class_parents', 'class_students')
    order by k.grade nulls last, k.letter, c.kind, c.id`);
  return {
    from: from.toISOString(),
    to: now.toISOString(),
    chats: result.rows.map((row) => ({
      chatId: row.chat_id,
      title: row.title,
      held: row.held,
      urgent: row.urgent,
      scheduled: row.scheduled,
    })),
  };
}
