import type { TAttachment, TPendingMessage } from '@parta/protocol';
import { type SQL, sql } from 'drizzle-orm';
import type { Queryable } from '../../../db/client.js';
import { quote, replyQuote } from '../present.js';

interface PendingRow extends Record<string, unknown> {
  id: string | number;
  chat_id: number;
  client_id: string;
  body: string;
  reason: 'hours' | 'scheduled';
  written_at: Date | string;
  deliver_at: Date | string;
  edited_at: Date | string | null;
  reply_to: { id: number; authorName: string; body: string; deleted: boolean } | null;
  can_post: boolean;
  attachments: TAttachment[];
}

const iso = (value: Date | string) => new Date(value).toISOString();

/**
 * Waiting messages as their author sees them, soonest first. `edit` needs
 * the chat still open to the author's posts; `cancel` is always theirs.
 */
export async function selectPending(db: Queryable, where: SQL): Promise<TPendingMessage[]> {
  const result = await db.execute<PendingRow>(sql`
    select p.id, p.chat_id, p.client_id, p.body, p.reason, p.written_at, p.deliver_at, p.edited_at,
      ${sql.raw(replyQuote('r.id = p.reply_to_id'))} as reply_to,
      (select coalesce(json_agg(json_build_object('id', f.id, 'kind', f.kind, 'name', f.name, 'format', f.format,
          'size', f.size, 'width', f.width, 'height', f.height, 'durationMs', f.duration_ms,
          'thumbnail', f.thumbnail_key is not null) order by f.position, f.id), '[]')
        from files f where f.chat_id = p.chat_id and f.uploader_id = p.author_id and f.client_id = p.client_id
          and f.message_id is null) as attachments,
      (c.archived_at is null and exists (select from chat_members cm
        where cm.chat_id = p.chat_id and cm.user_id = p.author_id)) as can_post
    from pending_messages p join chats c on c.id = p.chat_id
    where ${where}
    order by p.deliver_at, p.written_at, p.id`);
  return result.rows.map((row) => ({
    id: Number(row.id),
    chatId: row.chat_id,
    clientId: row.client_id,
    body: row.body,
    replyTo: row.reply_to && { ...row.reply_to, body: row.reply_to.deleted ? '' : quote(row.reply_to.body) },
    reason: row.reason,
    writtenAt: iso(row.written_at),
    deliverAt: iso(row.deliver_at),
    editedAt: row.edited_at === null ? null : iso(row.edited_at),
    ...(row.attachments.length > 0 ? { attachments: row.attachments } : {}),
    policies: { edit: row.can_post, cancel: true },
  }));
}

/** One's own waiting messages in a chat. */
export function listPending(db: Queryable, authorId: number, chatId: number): Promise<TPendingMessage[]> {
  return selectPending(db, sql`p.author_id = ${authorId} and p.chat_id = ${chatId}`);
}
