import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
// biome-ignore lint/suspicious/noImportCycles: schema.ts re-exports this file so `schema` is one namespace; every use of these tables here is inside a `references(() => …)` closure, read after both modules loaded.
import { chats, messages, users } from './schema.js';

/** Why a message waits: written outside the working hours, or scheduled by its author. */
export type PendingReason = 'hours' | 'scheduled';

/**
 * Messages written but not delivered yet (domains/hours): nobody but their
 * author sees them. At `deliver_at` the release job moves each into
 * `messages`, where it gets its id (so chats stay in delivery order) and
 * keeps `written_at`.
 */
export const pendingMessages = pgTable(
  'pending_messages',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    // No foreign key on school_id, as on messages.
    schoolId: integer('school_id').notNull(),
    chatId: integer('chat_id')
      .notNull()
      .references(() => chats.id),
    authorId: integer('author_id')
      .notNull()
      .references(() => users.id),
    clientId: uuid('client_id').notNull(),
    body: text('body').notNull(),
    replyToId: bigint('reply_to_id', { mode: 'number' }).references((): AnyPgColumn => messages.id),
    mentions: integer('mentions').array().notNull().default(sql`'{}'`),
    mentionsAll: boolean('mentions_all').notNull().default(false),
    reason: text('reason').$type<PendingReason>().notNull(),
    writtenAt: timestamp('written_at', { withTimezone: true, mode: 'date' }).notNull(),
    deliverAt: timestamp('deliver_at', { withTimezone: true, mode: 'date' }).notNull(),
    editedAt: timestamp('edited_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    uniqueIndex('pending_messages_client_key').on(t.chatId, t.authorId, t.clientId),
    index('pending_messages_due_idx').on(t.deliverAt, t.id),
    index('pending_messages_author_idx').on(t.authorId, t.chatId),
  ],
);
