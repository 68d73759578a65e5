import { nextOpening } from '@parta/protocol';
import { sql } from 'drizzle-orm';
import type { Action } from '../../../infra/actions.js';
import type { EventDraft } from '../../../infra/events.js';
import { enqueue } from '../../../infra/jobs.js';
import { schoolHours } from '../../hours/study.js';
import { selectMessages } from '../present.js';
import { RELEASE_JOB, releaseKey } from './jobs.js';
import { selectPending } from './present.js';

/** Chats one run delivers to: a run is one transaction, and other nodes take the next chats. */
export const CHATS_PER_RELEASE = 50;

/**
 * Delivers waiting messages that are due (DESIGN §3.9), one school and at
 * most CHATS_PER_RELEASE chats per run. A chat is taken with its row locked
 * (`for no key update skip locked`: posting, which only shares the row's
 * key, goes on), so two nodes never deliver the same chat's messages and a
 * chat's messages arrive in the order they were written. Each gets its id
 * now, so it comes after what was delivered before it; moving it from
 * `pending_messages` to `messages` is one statement, so it is delivered
 * once. A node that dies mid-run rolls back, and the job is taken again.
 * What is left for other chats gets another run at once.
 */
export const releaseDue: Action<unknown, { released: number }> = async ({ tx, now }) => {
  const school = await tx.execute<{ school_id: number }>(sql`
    select school_id from pending_messages where deliver_at <= ${now} order by deliver_at, id limit 1`);
  const schoolId = school.rows[0]?.school_id;
  if (schoolId === undefined) return { result: { released: 0 }, audit: null };
  const taken = await tx.execute<{ id: number }>(sql`
    select c.id from chats c
    where c.school_id = ${schoolId}
      and c.id in (select p.chat_id from pending_messages p where p.deliver_at <= ${now})
    order by c.id limit ${CHATS_PER_RELEASE}
    for no key update of c skip locked`);
  const chatIds = `{${taken.rows.map((row) => row.id).join(',')}}`;
  if (taken.rows.length === 0) return { result: { released: 0 }, audit: null };
  // Authors who left the chat meanwhile: their waiting messages go with them. The files each one
  // claimed when it was written go with it (files/attach.ts).
  const written = await tx.execute<{ id: string }>(sql`
    with due as (
      delete from pending_messages p
      where p.chat_id = any(${chatIds}::int[]) and p.deliver_at <= ${now}
      returning p.*),
    written as (
      insert into messages (school_id, chat_id, author_id, client_id, body, reply_to_id, mentions, mentions_all,
        written_at, delivery, created_at)
      select due.school_id, due.chat_id, due.author_id, due.client_id, due.body, due.reply_to_id,
        array(select m from unnest(due.mentions) m
          where m in (select cm.user_id from chat_members cm where cm.chat_id = due.chat_id)),
        due.mentions_all, due.written_at, case due.reason when 'hours' then 'held' else 'scheduled' end, ${now}
      from due join chats c on c.id = due.chat_id
      where c.archived_at is null
        and exists (select from chat_members cm where cm.chat_id = due.chat_id and cm.user_id = due.author_id)
      order by due.chat_id, due.deliver_at, due.written_at, due.id
      on conflict do nothing
      returning id, chat_id, author_id, client_id),
    attached as (
      update files f set message_id = w.id from written w
      where f.chat_id = w.chat_id and f.uploader_id = w.author_id and f.client_id = w.client_id
        and f.message_id is null)
    select id from written`);
  const ids = `{${written.rows.map((row) => row.id).join(',')}}`;
  const delivered = await selectMessages(tx, sql`m.id = any(${ids}::bigint[])`, { order: sql`m.id` });
  const members = await tx.execute<{ chat_id: number; user_ids: number[] }>(sql`
    select chat_id, array_agg(user_id) as user_ids from chat_members
    where chat_id = any(${chatIds}::int[]) group by chat_id`);
  const readers = new Map(members.rows.map((row) => [row.chat_id, row.user_ids]));
  const events: EventDraft[] = delivered.map((message) => ({
    payload: { type: 'messages.send', message },
    userIds: readers.get(message.chatId) ?? [],
  }));
  const more = await tx.execute(sql`
    select from pending_messages where deliver_at <= ${now} and chat_id <> all(${chatIds}::int[]) limit 1`);
  if (more.rows.length > 0) await enqueue(tx, RELEASE_JOB, now);
  return {
    result: { released: delivered.length },
    events,
    schoolId,
    audit: {
      type: 'messages.release',
      data: { messages: delivered.length, chats: taken.rows.length },
    },
  };
};

/** After the school changes its hours (hours/actions.ts): what waits for them waits for the new next opening. */
export const rescheduleHeld: Action<{ schoolId: number }, { moved: number }> = async ({ tx, now }, input) => {
  const school = await schoolHours(tx, input.schoolId);
  const opening = nextOpening(school.hours, school.timeZone, now) ?? now;
  const moved = await tx.execute<{ id: string; author_id: number }>(sql`
    update pending_messages set deliver_at = ${opening}
    where school_id = ${input.schoolId} and reason = 'hours' and deliver_at <> ${opening}
    returning id, author_id`);
  if (moved.rows.length === 0) return { result: { moved: 0 }, audit: null };
  await enqueue(tx, RELEASE_JOB, opening, {}, { key: releaseKey(opening) });
  const ids = `{${moved.rows.map((row) => row.id).join(',')}}`;
  const shown = await selectPending(tx, sql`p.id = any(${ids}::bigint[])`);
  const authorOf = new Map(moved.rows.map((row) => [Number(row.id), row.author_id]));
  return {
    result: { moved: moved.rows.length },
    events: shown.map((message) => ({
      payload: { type: 'messages.pending', message },
      userIds: [authorOf.get(message.id)!],
    })),
    schoolId: input.schoolId,
    audit: null,
  };
};
