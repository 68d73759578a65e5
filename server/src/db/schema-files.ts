import type { FileKind } from '@parta/protocol';
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
// biome-ignore lint/suspicious/noImportCycles: schema.ts re-exports this file so `schema` is one namespace; every use of these tables here is inside a `references(() => …)` closure, read after both modules loaded.
import { chats, messages, users } from './schema.js';

/**
 * A file sent in a chat (domains/files): checked and cleaned when it came,
 * its bytes in storage under `storage_key` (their SHA-256). Until a message
 * carries it only its sender sees it; it belongs to the message after.
 */
export const files = pgTable(
  'files',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    // No foreign key on school_id, as on messages.
    schoolId: integer('school_id').notNull(),
    chatId: integer('chat_id')
      .notNull()
      .references(() => chats.id),
    uploaderId: integer('uploader_id')
      .notNull()
      .references(() => users.id),
    messageId: bigint('message_id', { mode: 'number' }).references((): AnyPgColumn => messages.id),
    /** the client id of the message that claimed it: set when it is sent, before it is delivered if it waits */
    clientId: uuid('client_id'),
    /** its place among the message's files, as the sender picked them */
    position: integer('position'),
    kind: text('kind').$type<FileKind>().notNull(),
    format: text('format').notNull(),
    mime: text('mime').notNull(),
    name: text('name').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    storageKey: text('storage_key').notNull(),
    thumbnailKey: text('thumbnail_key'),
    width: integer('width'),
    height: integer('height'),
    durationMs: integer('duration_ms'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    index('files_message_idx').on(t.messageId),
    index('files_chat_idx').on(t.chatId, t.uploaderId, t.clientId),
    index('files_storage_key_idx').on(t.storageKey),
  ],
);
