import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { auditLog, chats, events } from '../db/schema.js';
import { setUpSchool } from '../test/school.js';
import { startTestServer, type TestServer } from '../test/server.js';
import type { StoredEvent } from './events.js';
import { type BatchItem, WriteBatcher } from './write-batch.js';

let server: TestServer;
let adminId: number;

beforeAll(async () => {
  server = await startTestServer();
  const admin = await setUpSchool(server);
  adminId = admin.me!.id;
});
afterAll(() => server?.close());

async function drawChatId(): Promise<number> {
  const result = await server.db.execute<{ id: number }>(sql`select nextval('chats_id_seq')::integer as id`);
  return result.rows[0]!.id;
}

/** A group chat to create, as a one-statement write; `creator` may be made not to exist. */
async function newChat(title: string, creator = adminId): Promise<BatchItem> {
  const id = await drawChatId();
  const at = server.clock.now();
  return {
    write: {
      table: 'chats',
      row: { id, school_id: 1, kind: 'group', title, created_by: creator, created_at: at },
    },
    schoolId: 1,
    at,
    audit: { school_id: 1, actor_id: adminId, type: 'chats.create', subject_id: id, data: {} },
    events: [
      { payload: { type: 'chats.create', chatId: id, title, memberCount: 1 }, userIds: [adminId] },
      {
        payload: { type: 'chats.create', chatId: id, title: `${title} (2)`, memberCount: 1 },
        userIds: [adminId],
      },
    ],
  };
}

/** A batcher with one statement in flight at a time: what arrives meanwhile goes together. */
function batcher() {
  const heard: StoredEvent[][] = [];
  return {
    heard,
    batcher: new WriteBatcher(server.db, (stored) => heard.push(stored), { maxInFlight: 1, maxBatch: 64 }),
  };
}

const titlesOf = (stored: StoredEvent[]) =>
  stored.map((event) => (event.payload.type === 'chats.create' ? event.payload.title : event.payload.type));

it('writes what arrives while a write is in the database together, each row with its audit row and its events', async () => {
  const { heard, batcher: writes } = batcher();
  const items = [
    await newChat('Первый'),
    await newChat('Второй'),
    await newChat('Третий'),
    await newChat('Четвёртый'),
  ];
  const results = await Promise.all(items.map((item) => writes.write(item)));

  // The first went alone; the other three waited for it and went as one statement.
  expect(heard.map(titlesOf)).toEqual([
    ['Первый', 'Первый (2)'],
    ['Второй', 'Второй (2)', 'Третий', 'Третий (2)', 'Четвёртый', 'Четвёртый (2)'],
  ]);
  expect(results.map(titlesOf)).toEqual([
    ['Первый', 'Первый (2)'],
    ['Второй', 'Второй (2)'],
    ['Третий', 'Третий (2)'],
    ['Четвёртый', 'Четвёртый (2)'],
  ]);
  const cursors = heard.flat().map((event) => event.cursor);
  expect(cursors).toEqual([...cursors].sort((a, b) => a - b));

  const ids = items.map((item) => item.write.row.id);
  const stored = await server.db.select({ id: chats.id }).from(chats).where(inArray(chats.id, ids));
  expect(stored).toHaveLength(4);
  const audits = await server.db
    .select({ subjectId: auditLog.subjectId })
    .from(auditLog)
    .where(and(eq(auditLog.type, 'chats.create'), inArray(auditLog.subjectId, ids)));
  expect(audits.map((row) => row.subjectId).sort()).toEqual([...ids].sort());
  const storedEvents = await server.db
    .select({ id: events.id, payload: events.payload, userIds: events.userIds })
    .from(events)
    .where(inArray(events.id, cursors))
    .orderBy(events.id);
  expect(storedEvents.map((row) => row.payload)).toEqual(heard.flat().map((event) => event.payload));
  expect(storedEvents.every((row) => row.userIds.join() === String(adminId))).toBe(true);
});

it('refuses a bad row alone: the others of its batch are written and heard', async () => {
  const { heard, batcher: writes } = batcher();
  const first = await newChat('Сначала');
  const good = await newChat('Годится');
  const bad = await newChat('Без автора', 999_999);
  const alsoGood = await newChat('Тоже годится');
  const outcomes = await Promise.allSettled([first, good, bad, alsoGood].map((item) => writes.write(item)));

  expect(outcomes.map((outcome) => outcome.status)).toEqual([
    'fulfilled',
    'fulfilled',
    'rejected',
    'fulfilled',
  ]);
  expect(heard.flat().map((event) => event.payload.type === 'chats.create' && event.payload.title)).toEqual([
    'Сначала',
    'Сначала (2)',
    'Годится',
    'Годится (2)',
    'Тоже годится',
    'Тоже годится (2)',
  ]);
  const badId = bad.write.row.id;
  expect(await server.db.select().from(chats).where(eq(chats.id, badId))).toEqual([]);
  expect(
    await server.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.type, 'chats.create'), eq(auditLog.subjectId, badId))),
  ).toEqual([]);
});

it('writes a row that is already there no second time: no audit row, no events, nothing heard', async () => {
  const { heard, batcher: writes } = batcher();
  const item = await newChat('Дважды');
  const [once, twice, again] = await Promise.all([
    writes.write(item),
    writes.write(item),
    writes.write(item),
  ]);

  expect(titlesOf(once!)).toEqual(['Дважды', 'Дважды (2)']);
  expect(twice).toEqual([]);
  expect(again).toEqual([]);
  expect(heard.flat()).toHaveLength(2);
  const audits = await server.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.type, 'chats.create'), eq(auditLog.subjectId, item.write.row.id)));
  expect(audits).toHaveLength(1);
});
