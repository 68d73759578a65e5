import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { auditLog, chats, events } from '../db/schema.js';
import { setUpSchool } from '../test/school.js';
import { startTestServer, type TestServer } from '../test/server.js';
import type { Action, StatementAction } from './actions.js';
import type { StoredEvent } from './events.js';

let server: TestServer;
let adminId: number;

beforeAll(async () => {
  server = await startTestServer();
  const admin = await setUpSchool(server);
  adminId = admin.me!.id;
});
afterAll(() => server?.close());

const admin = () => ({
  kind: 'person' as const,
  userId: adminId,
  schoolId: 1,
  roles: ['admin' as const],
  sessionId: null,
});

const createThenFail: Action<void, null> = async ({ tx, now }) => {
  await tx.insert(chats).values({ schoolId: 1, kind: 'group', title: 'Откатится', createdAt: now });
  throw new Error('boom after the write');
};

it('writes the change, its audit row and its events in one transaction, and publishes after commit', async () => {
  const heard: StoredEvent[][] = [];
  const unsubscribe = server.bus.subscribe((batch) => heard.push(batch));
  const { createChat } = await import('../domains/chats/actions.js');
  const { chatId } = await server.parta.actions.run(admin(), createChat, {
    title: 'Педагоги',
    memberIds: [],
  });
  unsubscribe();
  const [audit] = await server.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.subjectId, chatId), eq(auditLog.type, 'chats.create')));
  expect(audit?.type).toBe('chats.create');
  expect(audit?.actorId).toBe(adminId);
  expect(heard.flat().map((event) => event.payload)).toEqual([
    { type: 'chats.create', chatId, title: 'Педагоги', memberCount: 1 },
  ]);
});

it('publishes nothing and keeps nothing when the action fails', async () => {
  const heard: StoredEvent[][] = [];
  const unsubscribe = server.bus.subscribe((batch) => heard.push(batch));
  const before = await server.db.select({ n: count() }).from(events);
  await expect(server.parta.actions.run({ kind: 'system' }, createThenFail, undefined)).rejects.toThrow(
    'boom',
  );
  unsubscribe();
  expect(heard).toEqual([]);
  expect(await server.db.select().from(chats).where(eq(chats.title, 'Откатится'))).toEqual([]);
  expect(await server.db.select({ n: count() }).from(events)).toEqual(before);
});

/** A one-statement write that the database refuses: a creator who does not exist. */
const createWithUnknownCreator: StatementAction<void, null> = async ({ now }) => ({
  result: null,
  write: {
    table: 'chats',
    row: {
      id: 2_000_000_000,
      school_id: 1,
      kind: 'group',
      title: 'Откатится одной строкой',
      created_by: 999999,
      created_at: now,
    },
  },
  audit: { type: 'chats.create', data: {} },
  events: [{ payload: { type: 'chats.create', chatId: 1, title: 'x', memberCount: 1 }, userIds: [adminId] }],
  ifNotWritten: async () => null,
});

it('keeps nothing and publishes nothing when a one-statement write fails', async () => {
  const heard: StoredEvent[][] = [];
  const unsubscribe = server.bus.subscribe((batch) => heard.push(batch));
  const before = await server.db.select({ n: count() }).from(events);
  const audits = await server.db.select({ n: count() }).from(auditLog);
  await expect(
    server.parta.actions.runStatement(admin(), createWithUnknownCreator, undefined),
  ).rejects.toThrow();
  unsubscribe();
  expect(heard).toEqual([]);
  expect(await server.db.select().from(chats).where(eq(chats.title, 'Откатится одной строкой'))).toEqual([]);
  expect(await server.db.select({ n: count() }).from(events)).toEqual(before);
  expect(await server.db.select({ n: count() }).from(auditLog)).toEqual(audits);
});
