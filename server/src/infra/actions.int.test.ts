import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { auditLog, chats, events } from '../db/schema.js';
import { setUpSchool } from '../test/school.js';
import { startTestServer, type TestServer } from '../test/server.js';
import type { Action } from './actions.js';
import type { StoredEvent } from './events.js';

let server: TestServer;
let adminId: number;

beforeAll(async () => {
  server = await startTestServer();
  const admin = await setUpSchool(server);
  adminId = admin.me!.id;
});
afterAll(() => server?.close());

const createThenFail: Action<void, null> = async ({ tx, now }) => {
  await tx.insert(chats).values({ schoolId: 1, kind: 'group', title: 'Откатится', createdAt: now });
  throw new Error('boom after the write');
};

it('writes the change, its audit row and its events in one transaction, and publishes after commit', async () => {
  const heard: StoredEvent[][] = [];
  const unsubscribe = server.bus.subscribe((batch) => heard.push(batch));
  const admin = {
    kind: 'person' as const,
    userId: adminId,
    schoolId: 1,
    roles: ['admin' as const],
    sessionId: null,
  };
  const { createChat } = await import('../domains/chats/actions.js');
  const { chatId } = await server.parta.actions.run(admin, createChat, { title: 'Педагоги', memberIds: [] });
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
