import type { TFileRules, TWorkingHours } from '@parta/protocol';
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull();

export const schools = pgTable(
  'schools',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    timeZone: text('time_zone').notNull(),
    /** the calendar year in which the current school year began (2026 for 2026/27) */
    academicYear: integer('academic_year').notNull(),
    /** eight digits a family types on the school's public page to ask to join without an invite */
    joinCode: text('join_code').notNull(),
    /** subject teachers also sit in their classes' parents' chats */
    subjectTeachersInParentChats: boolean('subject_teachers_in_parent_chats').notNull().default(false),
    /** direct chats between two parents, between two students (off unless the school allows them) */
    directParentToParent: boolean('direct_parent_to_parent').notNull().default(false),
    directStudentToStudent: boolean('direct_student_to_student').notNull().default(false),
    /** the admin pressed «Скрыть» on «Первые шаги» */
    firstStepsHidden: boolean('first_steps_hidden').notNull().default(false),
    /** study chats' working hours (domains/hours); null: the defaults of protocol/hours.ts */
    workingHours: jsonb('working_hours').$type<TWorkingHours>(),
    /** what files the school lets through (domains/files); null: the defaults of protocol/files.ts */
    fileRules: jsonb('file_rules').$type<TFileRules>(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('schools_join_code_key').on(t.joinCode)],
);

/**
 * A person of a school. `login`, `email` and `phone` are stored normalised
 * (lower case; phone as digits only) and are unique across the installation,
 * so one login form serves every school.
 */
export const users = pgTable(
  'users',
  {
    id: serial('id').primaryKey(),
    schoolId: integer('school_id')
      .notNull()
      .references(() => schools.id),
    fullName: text('full_name').notNull(),
    login: text('login').notNull(),
    email: text('email'),
    phone: text('phone'),
    passwordHash: text('password_hash'),
    roles: text('roles').array().notNull(),
    /** chosen in the profile; null: follow the browser's language */
    locale: text('locale'),
    /** a student's class (exactly one while they study here) */
    classId: integer('class_id').references((): AnyPgColumn => classes.id),
    /** set when the person leaves the school: they keep authorship, lose every structural chat */
    leftAt: timestamp('left_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('users_login_key').on(t.login),
    uniqueIndex('users_email_key').on(t.email).where(sql`${t.email} is not null`),
    uniqueIndex('users_phone_key').on(t.phone).where(sql`${t.phone} is not null`),
    index('users_school_idx').on(t.schoolId),
    index('users_name_trgm_idx').using('gin', sql`${t.fullName} gin_trgm_ops`),
  ],
);

/** «5А» of one school year. Rollover renames it («6А») and moves it to the next year. */
export const classes = pgTable(
  'classes',
  {
    id: serial('id').primaryKey(),
    schoolId: integer('school_id')
      .notNull()
      .references(() => schools.id),
    grade: integer('grade').notNull(),
    letter: text('letter').notNull(),
    academicYear: integer('academic_year').notNull(),
    classTeacherId: integer('class_teacher_id').references((): AnyPgColumn => users.id),
    /** graduated: its chats are read-only history */
    archivedAt: timestamp('archived_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('classes_name_key')
      .on(t.schoolId, t.academicYear, t.grade, t.letter)
      .where(sql`${t.archivedAt} is null`),
  ],
);

/** Who teaches what in a class. */
export const subjectTeachers = pgTable(
  'subject_teachers',
  {
    classId: integer('class_id')
      .notNull()
      .references(() => classes.id),
    teacherId: integer('teacher_id')
      .notNull()
      .references(() => users.id),
    subject: text('subject').notNull(),
  },
  (t) => [primaryKey({ columns: [t.classId, t.teacherId, t.subject] })],
);

/** A parent (legal representative) and one of their children. */
export const guardianships = pgTable(
  'guardianships',
  {
    parentId: integer('parent_id')
      .notNull()
      .references(() => users.id),
    studentId: integer('student_id')
      .notNull()
      .references(() => users.id),
  },
  (t) => [
    primaryKey({ columns: [t.parentId, t.studentId] }),
    index('guardianships_student_idx').on(t.studentId),
  ],
);

/** The parent committee of a class (regulation §4.2: «чат руководителя с родительским активом»). */
export const committeeMembers = pgTable(
  'committee_members',
  {
    classId: integer('class_id')
      .notNull()
      .references(() => classes.id),
    parentId: integer('parent_id')
      .notNull()
      .references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.classId, t.parentId] })],
);

export const sessions = pgTable(
  'sessions',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    schoolId: integer('school_id')
      .notNull()
      .references(() => schools.id),
    tokenHash: text('token_hash').notNull(),
    csrfToken: text('csrf_token').notNull(),
    device: text('device').notNull(),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [uniqueIndex('sessions_token_key').on(t.tokenHash), index('sessions_user_idx').on(t.userId)],
);

/** One-time links that let a person set a new password (first login or reset). */
export const passwordResets = pgTable(
  'password_resets',
  {
    id: serial('id').primaryKey(),
    schoolId: integer('school_id')
      .notNull()
      .references(() => schools.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    tokenHash: text('token_hash').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [uniqueIndex('password_resets_token_key').on(t.tokenHash)],
);

export const chats = pgTable(
  'chats',
  {
    id: serial('id').primaryKey(),
    schoolId: integer('school_id')
      .notNull()
      .references(() => schools.id),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    /** structural chats only: which part of the structure it follows ('staff', 'class:12:parents', …) */
    structuralKey: text('structural_key'),
    classId: integer('class_id').references(() => classes.id),
    /** direct chats only: 'lowerUserId:higherUserId', so two people have one direct chat */
    directKey: text('direct_key'),
    /** read-only history (a graduated class) */
    archivedAt: timestamp('archived_at', { withTimezone: true, mode: 'date' }),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('chats_school_idx').on(t.schoolId),
    uniqueIndex('chats_structural_key').on(t.schoolId, t.structuralKey),
    uniqueIndex('chats_direct_key').on(t.schoolId, t.directKey),
  ],
);

export const chatMembers = pgTable(
  'chat_members',
  {
    chatId: integer('chat_id')
      .notNull()
      .references(() => chats.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    role: text('role').notNull(),
    lastReadMessageId: bigint('last_read_message_id', { mode: 'number' }).notNull().default(0),
    /** «Без звука»: the chat still counts unread messages, quietly (no highlight, no notification) */
    muted: boolean('muted').notNull().default(false),
    joinedAt: timestamp('joined_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.chatId, t.userId] }), index('chat_members_user_idx').on(t.userId)],
);

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const messages = pgTable(
  'messages',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    // No foreign key on school_id here: on the tables written for every message, a key check
    // locked the one school row in every transaction (docs/performance.md). The server sets it
    // from the writer's session, and schools are never deleted.
    schoolId: integer('school_id').notNull(),
    chatId: integer('chat_id')
      .notNull()
      .references(() => chats.id),
    authorId: integer('author_id')
      .notNull()
      .references(() => users.id),
    clientId: uuid('client_id').notNull(),
    /** as typed (see protocol/src/text.ts); '' once deleted (the old text is in message_versions) */
    body: text('body').notNull(),
    replyToId: bigint('reply_to_id', { mode: 'number' }).references((): AnyPgColumn => messages.id),
    /** a forwarded copy: the original's author, as a name (they may be of a chat the readers are not in) */
    forwardedFromName: text('forwarded_from_name'),
    /** members mentioned with @[Имя](id) when it was written or last edited */
    mentions: integer('mentions').array().notNull().default(sql`'{}'`),
    mentionsAll: boolean('mentions_all').notNull().default(false),
    editedAt: timestamp('edited_at', { withTimezone: true, mode: 'date' }),
    deletedAt: timestamp('deleted_at', { withTimezone: true, mode: 'date' }),
    pinnedAt: timestamp('pinned_at', { withTimezone: true, mode: 'date' }),
    /** a message that waited (domains/hours): when its author wrote it, and why it waited or went at once */
    writtenAt: timestamp('written_at', { withTimezone: true, mode: 'date' }),
    delivery: text('delivery').$type<'held' | 'scheduled' | 'urgent'>(),
    /** Russian stemming: «собрание» finds «собрания» */
    search: tsvector('search').notNull().generatedAlwaysAs(sql`to_tsvector('russian'::regconfig, body)`),
    createdAt: createdAt(),
  },
  (t) => [
    index('messages_chat_idx').on(t.chatId, t.id),
    uniqueIndex('messages_client_key').on(t.chatId, t.authorId, t.clientId),
    index('messages_pinned_idx').on(t.chatId, t.pinnedAt).where(sql`${t.pinnedAt} is not null`),
    // The administration's weekly count of held, scheduled and urgent messages (domains/hours/report.ts).
    index('messages_delivery_idx').on(t.schoolId, t.createdAt).where(sql`${t.delivery} is not null`),
    // Full-text search uses the (chat_id, search) GIN index of migration 0007; nothing searches
    // `body` by trigrams (typos go through the search_words dictionary), so neither has its own.
  ],
);

/*
 * Not declared here, created by the hand-written migration 0007 (drizzle-kit
 * does not model triggers or btree_gin): the `search_words` dictionary of each
 * school's words, filled by a trigger on messages, and the GIN index
 * `messages_chat_search_idx` on (chat_id, search). See domains/search/queries.ts.
 */

/** Earlier texts of edited and deleted messages, for the chat's moderators. */
export const messageVersions = pgTable(
  'message_versions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    messageId: bigint('message_id', { mode: 'number' })
      .notNull()
      .references(() => messages.id),
    body: text('body').notNull(),
    /** what ended this version */
    change: text('change').notNull(),
    byId: integer('by_id')
      .notNull()
      .references(() => users.id),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('message_versions_message_idx').on(t.messageId)],
);

export const messageReactions = pgTable(
  'message_reactions',
  {
    messageId: bigint('message_id', { mode: 'number' })
      .notNull()
      .references(() => messages.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    emoji: text('emoji').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.messageId, t.userId, t.emoji] })],
);

/**
 * The live feed, persisted. `id` is the cursor clients resume from; ids are
 * drawn without a lock and may commit out of order, so readers hand out only
 * ids that are final (see infra/events.ts). `user_ids` is who may read the event.
 */
export const events = pgTable(
  'events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    // No foreign key, as on messages.
    schoolId: integer('school_id').notNull(),
    userIds: integer('user_ids').array().notNull(),
    type: text('type').notNull(),
    payload: jsonb('payload').notNull(),
    createdAt: createdAt(),
  },
  // A replay reads one school's events after a cursor and keeps the person's (`user_ids`):
  // bounded by the replay limit (realtime/hub.ts), so no index on user_ids, which cost
  // every event one GIN entry per reader.
  (t) => [index('events_school_idx').on(t.schoolId, t.id)],
);

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    // No foreign key, as on messages.
    schoolId: integer('school_id'),
    actorId: integer('actor_id').references(() => users.id),
    type: text('type').notNull(),
    subjectId: bigint('subject_id', { mode: 'number' }),
    data: jsonb('data').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('audit_log_school_idx').on(t.schoolId, t.id)],
);

/**
 * Background work (infra/jobs.ts): taken with `FOR UPDATE SKIP LOCKED` and a
 * lease, so each job runs once across nodes and again after a node dies.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind').notNull(),
    /** at most one job per key: recurring jobs use their kind, so every node may schedule them */
    key: text('key'),
    /** the school it works for; null for the installation's own upkeep */
    schoolId: integer('school_id').references(() => schools.id),
    payload: jsonb('payload').notNull(),
    runAt: timestamp('run_at', { withTimezone: true, mode: 'date' }).notNull(),
    /** 'pending', or 'dead' after too many failures (kept for the operator) */
    state: text('state').notNull().default('pending'),
    /** how many times it was taken */
    attempts: integer('attempts').notNull().default(0),
    /** the lease: who holds it, and until when */
    lockedBy: uuid('locked_by'),
    lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
    /** an error code or SQLSTATE, never a message (it could hold row values) */
    lastError: text('last_error'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('jobs_key').on(t.key),
    index('jobs_due_idx').on(t.runAt).where(sql`${t.state} = 'pending'`),
  ],
);

// biome-ignore lint/suspicious/noImportCycles: as above, see schema-files.ts.
export * from './schema-files.js';
// biome-ignore lint/suspicious/noImportCycles: as above, see schema-hours.ts.
export * from './schema-hours.js';
// Invites and join requests live in schema-joins.ts; re-exported so `schema` is one namespace.
// biome-ignore lint/suspicious/noImportCycles: the one allowed file cycle, see schema-joins.ts.
export * from './schema-joins.js';
