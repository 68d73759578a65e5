import type { Role } from '@parta/protocol';
import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import type { Person } from '../../infra/actor.js';
import type { EventDraft } from '../../infra/events.js';
import { type ChatAccess, canSeeWhoRead } from './policy.js';

interface ReadMove {
  chatId: number;
  readerId: number;
  previousMessageId: number;
  lastReadMessageId: number;
}

/**
 * What the other members hear when someone reads a chat up to a message
 * (after the reader's marker has moved, in the same transaction). Those who
 * may see who read (`canSeeWhoRead`) hear who and how far; every other member
 * hears only the new counts under their own messages in that range, and
 * nothing when it holds none. The reader's own tabs get `chats.read` apart,
 * and `messages.reads` too when the reader sees who read: they count among
 * the readers of the others' messages (the counts a fresh page shows).
 */
export async function readReceiptEvents(tx: Tx, chat: ChatAccess, move: ReadMove): Promise<EventDraft[]> {
  const members = await tx.execute<{
    user_id: number;
    role: 'owner' | 'member';
    roles: Role[];
    school_id: number;
  }>(sql`
    select cm.user_id, cm.role, u.roles, u.school_id from chat_members cm join users u on u.id = cm.user_id
    where cm.chat_id = ${move.chatId}`);
  const seeWho: number[] = [];
  const countsOnly: number[] = [];
  for (const member of members.rows) {
    const person: Person = {
      kind: 'person',
      userId: member.user_id,
      schoolId: member.school_id,
      roles: member.roles,
      sessionId: null,
    };
    const allowed = canSeeWhoRead(person, { ...chat, membership: { role: member.role } }).ok;
    // The reader's own messages gain no reader by it; under the others' they are one reader more.
    if (member.user_id === move.readerId) {
      if (allowed) seeWho.push(member.user_id);
    } else (allowed ? seeWho : countsOnly).push(member.user_id);
  }
  const { readerId: userId, ...range } = move;
  const events: EventDraft[] = [{ payload: { type: 'messages.reads', userId, ...range }, userIds: seeWho }];
  if (countsOnly.length === 0) return events;
  const counted = await tx.execute<{ id: string; author_id: number; read_count: number }>(sql`
    select m.id, m.author_id, (select count(*)::int from chat_members cm where cm.chat_id = m.chat_id
        and cm.last_read_message_id >= m.id and cm.user_id <> m.author_id) as read_count
    from messages m
    where m.chat_id = ${move.chatId} and m.id > ${move.previousMessageId} and m.id <= ${move.lastReadMessageId}
      and m.deleted_at is null
      and m.author_id in (${sql.join(
        countsOnly.map((id) => sql`${id}`),
        sql`, `,
      )})
    order by m.id`);
  const byAuthor = new Map<number, { messageId: number; readCount: number }[]>();
  for (const row of counted.rows) {
    const counts = byAuthor.get(row.author_id) ?? [];
    counts.push({ messageId: Number(row.id), readCount: row.read_count });
    byAuthor.set(row.author_id, counts);
  }
  for (const [authorId, counts] of byAuthor) {
    events.push({
      payload: { type: 'messages.read_counts', chatId: move.chatId, counts },
      userIds: [authorId],
    });
  }
  return events;
}
