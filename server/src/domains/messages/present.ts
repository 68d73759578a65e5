import {
  plainText,
  QUOTE_LENGTH,
  type ReactionEmoji,
  reactionEmojis,
  type TAttachment,
  type TMessage,
} from '@parta/protocol';
import { type SQL, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { attachmentsOf } from '../files/queries.js';

export interface MessageRow extends Record<string, unknown> {
  id: string | number;
  chat_id: number;
  author_id: number;
  author_name: string;
  client_id: string;
  body: string;
  created_at: Date | string;
  forwarded_from_name: string | null;
  mentions: number[];
  mentions_all: boolean;
  edited_at: Date | string | null;
  deleted_at: Date | string | null;
  pinned_at: Date | string | null;
  read_count?: number;
  reply_to: { id: number; authorName: string; body: string; deleted: boolean } | null;
  /** [emoji, userId] in the order they were chosen */
  reactions: [string, number][];
  delivery: 'held' | 'scheduled' | 'urgent' | null;
  attachments?: TAttachment[];
  written_at: Date | string | null;
}

/** The quoted message of a reply as JSON (`reply_to` of MessageRow); `where` picks `r`. */
export function replyQuote(where: string): string {
  return `(select json_build_object('id', r.id, 'authorName', ru.full_name, 'body', left(r.body, ${QUOTE_LENGTH * 2}),
      'deleted', r.deleted_at is not null)
    from messages r join users ru on ru.id = r.author_id where ${where})`;
}

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

/**
 * Messages as clients see them, in one query: quote, reactions and, with
 * `withReads`, «Прочитали N». `where` filters `m` (a messages row); `order`
 * and `limit` are applied as given.
 */
export async function selectMessages(
  db: Queryable,
  where: SQL,
  options: { order?: SQL; limit?: number; withReads?: boolean } = {},
): Promise<TMessage[]> {
  const result = await db.execute<MessageRow>(sql`
    select m.id, m.chat_id, m.author_id, u.full_name as author_name, m.client_id, m.body, m.created_at,
      m.forwarded_from_name, m.mentions, m.mentions_all, m.edited_at, m.deleted_at, m.pinned_at,
      m.delivery, m.written_at, ${sql.raw(attachmentsOf('m.id'))} as attachments,
      ${
        options.withReads
          ? sql`(select count(*)::int from chat_members cm where cm.chat_id = m.chat_id
              and cm.last_read_message_id >= m.id and cm.user_id <> m.author_id)`
          : sql`null`
      } as read_count,
      ${sql.raw(replyQuote('r.id = m.reply_to_id'))} as reply_to,
      (select coalesce(json_agg(json_build_array(mr.emoji, mr.user_id) order by mr.created_at, mr.user_id), '[]')
        from message_reactions mr where mr.message_id = m.id) as reactions
    from messages m join users u on u.id = m.author_id
    where ${where}
    ${options.order ? sql`order by ${options.order}` : sql``}
    ${options.limit ? sql`limit ${options.limit}` : sql``}`);
  return result.rows.map(toMessage);
}

export async function loadMessage(db: Queryable, messageId: number): Promise<TMessage | null> {
  const [message] = await selectMessages(db, sql`m.id = ${messageId}`);
  return message ?? null;
}

export function toMessage(row: MessageRow): TMessage {
  return {
    id: Number(row.id),
    chatId: row.chat_id,
    authorId: row.author_id,
    authorName: row.author_name,
    clientId: row.client_id,
    body: row.body,
    createdAt: iso(row.created_at)!,
    ...(row.read_count === null || row.read_count === undefined ? {} : { readCount: row.read_count }),
    replyTo: row.reply_to && {
      ...row.reply_to,
      body: row.reply_to.deleted ? '' : quote(row.reply_to.body),
    },
    forwardedFrom: row.forwarded_from_name === null ? null : { authorName: row.forwarded_from_name },
    mentions: row.mentions,
    mentionsAll: row.mentions_all,
    editedAt: iso(row.edited_at),
    deletedAt: iso(row.deleted_at),
    pinnedAt: iso(row.pinned_at),
    reactions: groupReactions(row.reactions),
    ...(row.delivery ? { delivery: row.delivery, writtenAt: iso(row.written_at) } : {}),
    ...(row.attachments && row.attachments.length > 0 ? { attachments: row.attachments } : {}),
  };
}

/** The start of a message as a reply quotes it. */
export function quote(body: string): string {
  const text = plainText(body);
  return text.length <= QUOTE_LENGTH ? text : `${text.slice(0, QUOTE_LENGTH - 1).trimEnd()}…`;
}

function groupReactions(pairs: [string, number][]): TMessage['reactions'] {
  const byEmoji = new Map<string, number[]>();
  for (const [emoji, userId] of pairs) byEmoji.set(emoji, [...(byEmoji.get(emoji) ?? []), userId]);
  return reactionEmojis
    .filter((emoji) => byEmoji.has(emoji))
    .map((emoji: ReactionEmoji) => ({ emoji, userIds: byEmoji.get(emoji)! }));
}
