import type { InviteRole } from '@parta/protocol';
import { sql } from 'drizzle-orm';
import { index, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
// biome-ignore lint/suspicious/noImportCycles: schema.ts re-exports this file so `schema` is one namespace; every use of these tables here is inside a `references(() => …)` closure, read after both modules loaded.
import { chats, classes, schools, users } from './schema.js';

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull();

/**
 * Invite links (regulation §4.1): bound to a role, optionally to a class and to
 * one person record. The link's token and the slip's code are stored only as
 * their SHA-256.
 */
export const invites = pgTable(
  'invites',
  {
    id: serial('id').primaryKey(),
    schoolId: integer('school_id')
      .notNull()
      .references(() => schools.id),
    tokenHash: text('token_hash').notNull(),
    /** the slip's short code (protocol/slip-code.ts), as its SHA-256; null for personal invites */
    codeHash: text('code_hash'),
    role: text('role').$type<InviteRole>().notNull(),
    classId: integer('class_id').references(() => classes.id),
    /** also admits into this chat (a club, an elective) */
    chatId: integer('chat_id').references(() => chats.id),
    personId: integer('person_id').references(() => users.id),
    /** null: unlimited */
    maxUses: integer('max_uses'),
    uses: integer('uses').notNull().default(0),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('invites_token_key').on(t.tokenHash),
    uniqueIndex('invites_code_key').on(t.codeHash),
    index('invites_school_idx').on(t.schoolId, t.classId),
  ],
);

/** «Заявка на вступление»: who, as whom, for which child, through which link; reviewed by admins or the class teacher. */
export const joinRequests = pgTable(
  'join_requests',
  {
    id: serial('id').primaryKey(),
    schoolId: integer('school_id')
      .notNull()
      .references(() => schools.id),
    inviteId: integer('invite_id').references(() => invites.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    role: text('role').$type<InviteRole>().notNull(),
    classId: integer('class_id').references(() => classes.id),
    childId: integer('child_id').references(() => users.id),
    /** also admit into this chat (from the invite) */
    chatId: integer('chat_id').references(() => chats.id),
    status: text('status').notNull(),
    /** when the applicant accepted the school's rules and the personal-data consent */
    rulesAcceptedAt: timestamp('rules_accepted_at', { withTimezone: true, mode: 'date' }).notNull(),
    reason: text('reason'),
    createdAt: createdAt(),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }),
    decidedBy: integer('decided_by').references(() => users.id),
  },
  (t) => [
    // The same person asking for the same child twice is one request.
    uniqueIndex('join_requests_pending_key')
      .on(t.schoolId, t.userId, t.role, sql`coalesce(${t.childId}, 0)`)
      .where(sql`${t.status} = 'pending'`),
    index('join_requests_school_idx').on(t.schoolId, t.status),
  ],
);
