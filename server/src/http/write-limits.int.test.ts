import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply, TestClient } from '../test/client.js';
import { addPerson, setUpSchool } from '../test/school.js';
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
