import { randomUUID } from 'node:crypto';
import { HIGHLIGHT_END, HIGHLIGHT_START } from '@parta/protocol';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TestClient } from '../../test/client.js';
import { addPerson, setUpSchool, teachFamilies } from '../../test/school.js';
import { startTestServer, type TestServer } from '../../test/server.js';

/** Russian full-text search with stemming, trigram forgiveness, and only what the person may read. */
let server: TestServer;
let teacher: Awaited<ReturnType<typeof addPerson>>;
let parent: Awaited<ReturnType<typeof addPerson>>;
let classChat: number;
let staffChat: number;

const send = (client: TestClient, chat: number, body: string) =>
  client.post(`/api/chats/${chat}/messages`, { clientId: randomUUID(), body });
const search = (client: TestClient, query: string) => client.get(`/api/search?${query}`);
const bodies = (reply: { body: { hits: { message: { body: string } }[] } }) =>
  reply.body.hits.map((hit) => hit.message.body);

beforeAll(async () => {
  server = await startTestServer();
  const admin = await setUpSchool(server);
  teacher = await addPerson(server, admin, {
    fullName: 'Галиева Алсу',
    login: 'galieva',
    roles: ['teacher'],
  });
  parent = await addPerson(server, admin, { fullName: 'Петрова Анна', login: 'anna', roles: ['parent'] });
  await teachFamilies(admin, teacher.id, [parent.id]);
  classChat = (await teacher.client.post('/api/chats', { title: '5А — родители', memberIds: [parent.id] }))
    .body.id;
  staffChat = (await teacher.client.post('/api/chats', { title: 'Педсовет', memberIds: [] })).body.id;
  await send(teacher.client, classChat, 'В четверг родительское собрание в 18:00, кабинет 214.');
  await send(teacher.client, classChat, 'Экскурсия в Казанский кремль переносится.');
  await send(teacher.client, classChat, 'Не забудьте сменную обувь.');
  await send(teacher.client, staffChat, 'Итоги собрания педагогов: оценки выставить до пятницы.');
});
afterAll(() => server?.close());

it('finds a notice by another form of its word, with the match highlighted', async () => {
  const found = await search(parent.client, 'q=собрания');
  expect(found.status).toBe(200);
  expect(bodies(found)).toEqual(['В четверг родительское собрание в 18:00, кабинет 214.']);
  const [hit] = found.body.hits;
  expect(hit.chatTitle).toBe('5А — родители');
  expect(hit.headline).toContain(`${HIGHLIGHT_START}собрание${HIGHLIGHT_END}`);
});

it('searches only chats the person is in, and one chat when asked', async () => {
  expect(bodies(await search(teacher.client, 'q=собрание'))).toHaveLength(2);
  expect(bodies(await search(teacher.client, `q=собрание&chatId=${staffChat}`))).toEqual([
    'Итоги собрания педагогов: оценки выставить до пятницы.',
  ]);
  expect(bodies(await search(parent.client, `q=собрание&chatId=${staffChat}`))).toEqual([]);
  expect(bodies(await search(parent.client, 'q=оценки'))).toEqual([]);
});

it('forgives a typo through trigram similarity', async () => {
  expect(bodies(await search(parent.client, 'q=экскурся'))).toEqual([
    'Экскурсия в Казанский кремль переносится.',
  ]);
});

it('does not find deleted messages', async () => {
  const oops = await send(parent.client, classChat, 'Перепутала чат, про собрание не мне');
  expect(bodies(await search(parent.client, 'q=перепутала'))).toHaveLength(1);
  await parent.client.delete(`/api/chats/${classChat}/messages/${oops.body.id}`);
  expect(bodies(await search(parent.client, 'q=перепутала'))).toEqual([]);
});

it('pages through results newest first', async () => {
  for (let i = 0; i < 25; i++) await send(teacher.client, staffChat, `Журнал проверен, запись ${i}`);
  const first = await search(teacher.client, 'q=журнал');
  expect(first.body.hits).toHaveLength(20);
  expect(first.body.hasMore).toBe(true);
  const lastId = first.body.hits.at(-1).message.id;
  const second = await search(teacher.client, `q=журнал&before=${lastId}`);
  expect(second.body.hits).toHaveLength(5);
  expect(second.body.hasMore).toBe(false);
  expect(bodies(second).at(-1)).toBe('Журнал проверен, запись 0');
});

it('refuses a query too short or too long with a clear message, and a chat id that is not a number', async () => {
  for (const query of ['q=я', `q=${'а'.repeat(201)}`, 'q=собрание&chatId=abc', '']) {
    const reply = await search(parent.client, query);
    expect(reply.status, query).toBe(400);
    expect(reply.body.error.code).toBe('validation.failed');
  }
  expect((await server.client().get('/api/search?q=собрание')).status).toBe(401);
});
