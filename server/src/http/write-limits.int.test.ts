import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../infra/clock.js';
import { RedisTokenBuckets } from '../infra/token-bucket.js';
import type { Reply, TestClient } from '../test/client.js';
import { ADMIN, addPerson, setUpSchool, teachFamilies } from '../test/school.js';
import { startTestServer, type TestServer } from '../test/server.js';

/**
 * Per-account token buckets on writes and searches (DESIGN §3.10): posting
 * with its default (30 at once, then one a second), the others set to 2:2.
 */
let server: TestServer;
let admin: TestClient;
type Person = Awaited<ReturnType<typeof addPerson>>;
let teacher: Person;
let parent: Person;
let chatId: number;

beforeAll(async () => {
  const tight = '2:2'; // two at once, then one every 30 s
  server = await startTestServer({
    env: {
      PARTA_LIMIT_EDITS: tight,
      PARTA_LIMIT_REACTIONS: tight,
      PARTA_LIMIT_CHATS: tight,
      PARTA_LIMIT_SEARCHES: tight,
    },
  });
  admin = await setUpSchool(server);
  teacher = await addPerson(server, admin, {
    fullName: 'Галиева Алсу',
    login: 'galieva',
    roles: ['teacher'],
  });
  parent = await addPerson(server, admin, { fullName: 'Петрова Анна', login: 'petrova', roles: ['parent'] });
  await teachFamilies(admin, teacher.id, [parent.id]);
  chatId = (await admin.post('/api/chats', { title: '5А — родители', memberIds: [teacher.id, parent.id] }))
    .body.id;
});
afterAll(() => server?.close());

const post = (client: TestClient, body: string) =>
  client.post(`/api/chats/${chatId}/messages`, { clientId: randomUUID(), body });

function expectLimited(reply: Reply, seconds: number): void {
  expect(reply.status).toBe(429);
  expect(reply.headers.get('retry-after')).toBe(String(seconds));
  expect(reply.body.error).toEqual({
    code: 'rate.limited',
    message: `Слишком много действий подряд. Повторите через ${seconds} с.`,
  });
}

async function messageCount(): Promise<number> {
  return (await admin.get(`/api/chats/${chatId}/messages?limit=100`)).body.messages.length;
}

describe('per-account write limits', () => {
  it('lets a teacher post 30 messages at once, then answers 429 and stores nothing, then one a second', async () => {
    const before = await messageCount();
    const burst = await Promise.all(
      Array.from({ length: 30 }, (_, i) => post(teacher.client, `Задание ${i}`)),
    );
    expect(burst.map((reply) => reply.status)).toEqual(Array(30).fill(200));

    const refused = await post(teacher.client, 'Тридцать первое');
    expectLimited(refused, 1);
    expect(await messageCount()).toBe(before + 30);
    const inEnglish = await teacher.client.request(
      'POST',
      `/api/chats/${chatId}/messages`,
      { clientId: randomUUID(), body: 'One more' },
      { 'accept-language': 'en' },
    );
    expect(inEnglish.body.error.message).toBe('Too many actions in a row. Try again in 1 s.');

    expect((await post(parent.client, 'Спасибо')).status, 'another account has its own bucket').toBe(200);
    server.clock.advance(1000);
    expect((await post(teacher.client, 'Через секунду')).status).toBe(200);
    expectLimited(await post(teacher.client, 'Сразу же'), 1);
    expect(await messageCount()).toBe(before + 32);
  });

  it('limits editing, reacting, creating chats and searching, each changing nothing when refused', async () => {
    const client = parent.client;
    const own = (await post(client, 'Черновик')).body.id;
    const messageUrl = `/api/chats/${chatId}/messages/${own}`;

    for (const text of ['Правка 1', 'Правка 2'])
      expect((await client.patch(messageUrl, { body: text })).status).toBe(200);
    expectLimited(await client.patch(messageUrl, { body: 'Правка 3' }), 30);
    expect((await client.request('DELETE', messageUrl)).status).toBe(429);

    const react = (emoji: string) => client.post(`${messageUrl}/reactions`, { emoji, on: true });
    for (const emoji of ['👍', '❤️']) expect((await react(emoji)).status).toBe(200);
    expectLimited(await react('🙏'), 30);

    const messages = (await admin.get(`/api/chats/${chatId}/messages?limit=100`)).body.messages;
    const stored = messages.find((message: { id: number }) => message.id === own);
    expect(stored.body).toBe('Правка 2');
    expect(stored.reactions.map((reaction: { emoji: string }) => reaction.emoji)).toEqual(['👍', '❤️']);

    const chatCount = async () => (await teacher.client.get('/api/chats')).body.chats.length;
    const chatsBefore = await chatCount();
    const create = (title: string) => teacher.client.post('/api/chats', { title, memberIds: [parent.id] });
    for (const title of ['Кружок', 'Экскурсия']) expect((await create(title)).status).toBe(201);
    expectLimited(await create('Ещё один'), 30);
    expect(await chatCount()).toBe(chatsBefore + 2);

    // Bad input is refused before the bucket and costs nothing from it.
    for (let i = 0; i < 3; i++) expect((await client.get('/api/search?q=a')).status).toBe(400);
    for (const q of ['черновик', 'правка']) expect((await client.get(`/api/search?q=${q}`)).status).toBe(200);
    expectLimited(await client.get('/api/search?q=собрание'), 30);
  });
});

describe('per-account write limits on several nodes', () => {
  const redisUrl = process.env.PARTA_TEST_REDIS ?? 'redis://127.0.0.1:6379';

  it('share an account’s bucket through Redis, and let writes through while Redis is unreachable', async () => {
    const clock = new ManualClock();
    const prefix = `parta-test:${randomUUID()}:`;
    const redis = new Redis(redisUrl);
    const unreachable = new Redis('redis://127.0.0.1:1', {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
    });
    unreachable.on('error', () => {}); // expected: nothing listens there
    const env = { PARTA_LIMIT_POSTS: '2:2' };
    const nodeOn = (client: Redis, databaseUrl?: string) =>
      startTestServer({
        env,
        clock,
        ...(databaseUrl ? { databaseUrl } : {}),
        bucketsFor: (kind, limit) => new RedisTokenBuckets(client, clock, limit, `${prefix}${kind}:`),
      });
    const nodeA = await nodeOn(redis);
    const nodeB = await nodeOn(redis, nodeA.databaseUrl);
    const nodeC = await nodeOn(unreachable, nodeA.databaseUrl);
    try {
      const adminOnA = await setUpSchool(nodeA);
      const adminOnB = nodeB.client();
      await adminOnB.login(ADMIN.login, ADMIN.password);
      const adminOnC = nodeC.client();
      await adminOnC.login(ADMIN.login, ADMIN.password);
      const chat = (await adminOnA.post('/api/chats', { title: 'Учительская' })).body.id;
      const postOn = (client: TestClient) =>
        client.post(`/api/chats/${chat}/messages`, { clientId: randomUUID(), body: 'Объявление' });

      expect((await postOn(adminOnA)).status).toBe(200);
      expect((await postOn(adminOnB)).status).toBe(200);
      expectLimited(await postOn(adminOnA), 30);
      expectLimited(await postOn(adminOnB), 30);

      for (let i = 0; i < 3; i++) expect((await postOn(adminOnC)).status).toBe(200);
    } finally {
      await nodeC.close();
      await nodeB.close();
      await nodeA.close();
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
      unreachable.disconnect();
    }
  });
});
