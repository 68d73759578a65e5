import type { TChat } from '@parta/protocol';
import { and, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { chatMembers, chats } from '../../db/schema.js';
import type { Actor } from '../../infra/actor.js';
import { canSendUrgent } from '../hours/policy.js';
import { hasFamilyMember, isStudyChat, schoolHours } from '../hours/study.js';
import { selectMessages } from '../messages/present.js';
import { type ChatAccess, chatAbilities } from './policy.js';

/** The chat and the viewer's membership, or null when it is not in their school. */
export async function findChatAccess(
  db: Queryable,
  schoolId: number,
  chatId: number,
  userId: number,
  lock = false,
): Promise<(ChatAccess & { chat: typeof chats.$inferSelect }) | null> {
  const chatQuery = db
    .select()
    .from(chats)
    .where(and(eq(chats.id, chatId), eq(chats.schoolId, schoolId)));
  const [chat] = lock ? await chatQuery.for('update') : await chatQuery;
  if (!chat) return null;
  const [member] = await db
    .select({ role: chatMembers.role })
    .from(chatMembers)
    .where(and(eq(chatMembers.chatId, chatId), eq(chatMembers.userId, userId)));
  return {
    chat,
    membership: member ? { role: member.role as 'owner' | 'member' } : null,
    archived: chat.archivedAt !== null,
    kind: chat.kind,
  };
}

export async function memberIds(db: Queryable, chatId: number): Promise<number[]> {
  const rows = await db
    .select({ userId: chatMembers.userId })
    .from(chatMembers)
    .where(eq(chatMembers.chatId, chatId));
  return rows.map((row) => row.userId);
}

interface ChatRow extends Record<string, unknown> {
  id: number;
  kind: TChat['kind'];
  archived_at: Date | null;
  title: string;
  created_at: Date;
  role: 'owner' | 'member';
  last_read_message_id: number;
  muted: boolean;
  member_count: number;
  unread_count: number;
  unread_mentions: number;
  last_message_id: number | null;
  peer: { id: number; fullName: string } | null;
  with_family: boolean;
}

/** The viewer's chats, most recently active first, with unread counts. */
export async function listChats(
  db: Queryable,
  actor: Actor & { kind: 'person' },
  chatId?: number,
): Promise<TChat[]> {
  // The unread messages are walked once for both counts, and the chat's last message is found
  // through the (chat_id, id) index: ids are given in time order, so it is also the newest.
  const result = await db.execute<ChatRow>(sql`
    select c.id, c.kind, c.title, c.created_at, c.archived_at, m.role, m.last_read_message_id, m.muted,
      (select count(*)::int from chat_members cm where cm.chat_id = c.id) as member_count,
      u.unread_count, u.unread_mentions, last.id as last_message_id,
      (select json_build_object('id', pu.id, 'fullName', pu.full_name)
        from chat_members pm join users pu on pu.id = pm.user_id
        where c.kind = 'direct' and pm.chat_id = c.id and pm.user_id <> ${actor.userId} limit 1) as peer,
      ${sql.raw(hasFamilyMember('c.id'))} as with_family
    from chat_members m join chats c on c.id = m.chat_id
    cross join lateral (
      select count(*)::int as unread_count,
        (count(*) filter (where x.mentions_all or ${actor.userId} = any(x.mentions)))::int as unread_mentions
      from messages x
      where x.chat_id = c.id and x.id > m.last_read_message_id and x.author_id <> ${actor.userId}
        and x.deleted_at is null) u
    left join lateral (
      select x.id, x.created_at from messages x where x.chat_id = c.id order by x.id desc limit 1) last on true
    where m.user_id = ${actor.userId} and c.school_id = ${actor.schoolId}
      ${chatId === undefined ? sql`` : sql`and c.id = ${chatId}`}
    order by greatest(c.created_at, last.created_at) desc, c.id desc`);
  const lastIds = result.rows.flatMap((row) =>
    row.last_message_id === null ? [] : [Number(row.last_message_id)],
  );
  const lastMessages = new Map(
    lastIds.length === 0
      ? []
      : (await selectMessages(db, sql`m.id = any(${`{${lastIds.join(',')}}`}::bigint[])`)).map((message) => [
          message.chatId,
          message,
        ]),
  );
  const { hours } = await schoolHours(db, actor.schoolId);
  return result.rows.map((row) => {
    const access = { membership: { role: row.role }, archived: row.archived_at !== null, kind: row.kind };
    const abilities = chatAbilities(actor, access);
    const study = isStudyChat(hours, row.kind, row.with_family);
    return {
      id: row.id,
      kind: row.kind,
      title: row.peer?.fullName ?? row.title,
      memberCount: row.member_count,
      archived: row.archived_at !== null,
      unreadCount: row.unread_count,
      unreadMentions: row.unread_mentions,
      lastReadMessageId: Number(row.last_read_message_id),
      lastMessage: lastMessages.get(row.id) ?? null,
      createdAt: new Date(row.created_at).toISOString(),
      peer: row.peer,
      muted: row.muted,
      study,
      policies: { ...abilities, urgent: study && abilities.post && canSendUrgent(actor, hours).ok },
    };
  });
}

export async function listMembers(db: Queryable, chatId: number) {
  const result = await db.execute<{ id: number; fullName: string; role: 'owner' | 'member' }>(sql`
    select u.id, u.full_name as "fullName", m.role from chat_members m join users u on u.id = m.user_id
    where m.chat_id = ${chatId} order by m.role desc, u.full_name`);
  return result.rows;
}
