import { randomUUID } from 'node:crypto';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { installationNamespace } from '../db/identity.js';
import { ManualClock } from '../infra/clock.js';
import { LOGIN_WINDOW_MS, RedisFailureCounter } from '../infra/rate-limit.js';
import { RedisBus } from '../infra/redis-bus.js';
import { createTestDatabase } from '../test/database.js';
import { ADMIN, addPerson, setUpSchool } from '../test/school.js';
import { startTestServer, type TestServer } from '../test/server.js';

/** Two Parta nodes on one database, joined by Redis: people on either node chat live. */
const redisUrl = process.env.PARTA_TEST_REDIS ?? 'redis://127.0.0.1:6379';
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let nodeA: TestServer;
let nodeB: TestServer;
const buses: RedisBus[] = [];

async function node(clock: ManualClock): Promise<TestServer> {
  const prefix = await namespaceOf(database.url);
  const bus = await RedisBus.connect(redisUrl, pino({ level: 'silent' }), prefix);
  buses.push(bus);
  return startTestServer({
    databaseUrl: database.url,
    bus,
    clock,
    failures: new RedisFailureCounter(bus.client, clock, LOGIN_WINDOW_MS, prefix),
  });
}

async function namespaceOf(url: string): Promise<string> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    return await installationNamespace(pool);
  } finally {
    await pool.end();
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  const clock = new ManualClock();
  nodeA = await node(clock);
  nodeB = await node(clock);
});
afterAll(async () => {
  await nodeA?.close();
  await nodeB?.close();
  for (const bus of buses) await bus.close();
  await database?.drop();
});

it('delivers a message sent on node A to a reader on node B, live and once', async () => {
  const adminOnA = await setUpSchool(nodeA);
  const parent = await addPerson(nodeA, adminOnA, {
    fullName: 'Родитель Б',
    login: 'parent-b',
    roles: ['parent'],
  });
  const chat = await adminOnA.post('/api/chats', { title: 'Два узла', memberIds: [parent.id] });
  const parentOnB = nodeB.client();
  await parentOnB.login('parent-b', parent.password);
  const { body } = await parentOnB.get('/api/chats');
  const socket = await parentOnB.socket(body.cursor);
  await socket.waitFor((s) => s.frames.some((f) => f.type === 'ready'), 'ready');
  const sent = await adminOnA.post(`/api/chats/${chat.body.id}/messages`, {
    clientId: randomUUID(),
    body: 'С узла А',
  });
  await socket.waitFor(
    (s) =>
      s.events().some((e) => e.payload.type === 'messages.send' && e.payload.message.id === sent.body.id),
    'the message from node A',
  );
  const copies = socket
    .events()
    .filter((e) => e.payload.type === 'messages.send' && e.payload.message.id === sent.body.id);
  expect(copies).toHaveLength(1);
  socket.close();
});

it('ends a session on every node: logged out on node A, it is refused on node B at once', async () => {
  const phoneOnA = nodeA.client();
  await phoneOnA.login(ADMIN.login, ADMIN.password);
  // The same session seen through node B, which now holds it in its session cache.
  const tabOnB = nodeB.client();
  tabOnB.cookie = phoneOnA.cookie;
  tabOnB.csrfToken = phoneOnA.csrfToken;
  expect((await tabOnB.get('/api/me')).status).toBe(200);
  const told = new Promise<void>((resolve) => {
    const stop = nodeB.bus.onSignal((signal) => {
      if (signal.type !== 'sessions.changed') return;
      stop();
      resolve();
    });
  });
  expect((await phoneOnA.post('/api/auth/logout')).status).toBe(200);
  await told;
  expect((await tabOnB.get('/api/me')).status).toBe(401);
});

it('shares the login failure count between nodes', async () => {
  for (let i = 0; i < 5; i++)
    await nodeA.client().post('/api/auth/login', { login: 'parent-b', password: 'wrong-one' });
  for (let i = 0; i < 5; i++)
    await nodeB.client().post('/api/auth/login', { login: 'parent-b', password: 'wrong-one' });
  const limited = await nodeA
    .client()
    .post('/api/auth/login', { login: 'parent-b', password: 'parent-b-password' });
  expect(limited.status).toBe(429);
});

it('gives every node of an installation one Redis namespace, and another database another', async () => {
  const other = await createTestDatabase();
  try {
    const here = await namespaceOf(database.url);
    expect(await namespaceOf(database.url)).toBe(here);
    expect(here).toMatch(/^parta:\d+:\d+:$/);
    expect(await namespaceOf(other.url)).not.toBe(here);
  } finally {
    await other.drop();
  }
});
