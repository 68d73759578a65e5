import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { TestSocket } from '../test/client.js';
import { addPerson, setUpSchool, teachFamilies } from '../test/school.js';
import { startTestServer, type TestServer } from '../test/server.js';

/** «Анна печатает…» reaches the chat's other members, throttled, and nobody else. */
let server: TestServer;
type Person = Awaited<ReturnType<typeof addPerson>>;
let teacher: Person;
let anna: Person;
let outsider: Person;
let chatId: number;
let sideChatId: number;
let secondSideChatId: number;
let admin: Awaited<ReturnType<typeof setUpSchool>>;
let adminId: number;

async function live(person: Pick<Person, 'client'>): Promise<TestSocket> {
  const socket = await person.client.socket(null);
  await socket.waitFor((s) => s.frames.some((f) => f.type === 'ready'), 'ready');
  return socket;
}
const typingFrames = (socket: TestSocket) => socket.frames.filter((f) => f.type === 'typing');

beforeAll(async () => {
  server = await startTestServer();
  admin = await setUpSchool(server);
  adminId = (await admin.get('/api/me')).body.id;
  teacher = await addPerson(server, admin, {
    fullName: 'Галиева Алсу',
    login: 'galieva',
    roles: ['teacher'],
  });
  anna = await addPerson(server, admin, { fullName: 'Петрова Анна', login: 'anna', roles: ['parent'] });
  outsider = await addPerson(server, admin, { fullName: 'Чужой Человек', login: 'out', roles: ['parent'] });
  await teachFamilies(admin, teacher.id, [anna.id, outsider.id]);
  const create = (title: string, memberIds: number[]) =>
    teacher.client.post('/api/chats', { title, memberIds });
  chatId = (await create('5А — родители', [anna.id])).body.id;
  sideChatId = (await create('Разговор', [outsider.id])).body.id;
  secondSideChatId = (await create('Ещё разговор', [outsider.id])).body.id;
});
afterAll(() => server?.close());

it('shows a member typing to the others, at most once per interval, never to outsiders', async () => {
  const [teacherSocket, annaSocket, outsiderSocket] = [
    await live(teacher),
    await live(anna),
    await live(outsider),
  ];
  annaSocket.send({ type: 'typing', chatId });
  await teacherSocket.waitFor((s) => typingFrames(s).length === 1, 'a typing frame');
  expect(typingFrames(teacherSocket)[0]).toEqual({
    type: 'typing',
    chatId,
    userId: anna.id,
    fullName: 'Петрова Анна',
  });

  // A burst within the interval is one signal; after it, the next one goes through.
  annaSocket.send({ type: 'typing', chatId });
  annaSocket.send({ type: 'typing', chatId });
  server.clock.advance(3000);
  annaSocket.send({ type: 'typing', chatId });
  await teacherSocket.waitFor((s) => typingFrames(s).length === 2, 'the next typing frame');

  // One socket's typing frames are handled in order: once the outsider's second frame (in a chat
  // they share with the teacher) has arrived, the first (into a chat they are not in) was dropped.
  outsiderSocket.send({ type: 'typing', chatId });
  outsiderSocket.send({ type: 'typing', chatId: sideChatId });
  await teacherSocket.waitFor((s) => typingFrames(s).length === 3, 'the outsider typing in their chat');
  expect(typingFrames(teacherSocket).map((f) => (f.type === 'typing' ? f.chatId : 0))).toEqual([
    chatId,
    chatId,
    sideChatId,
  ]);
  expect(typingFrames(annaSocket)).toEqual([]);
  expect(typingFrames(outsiderSocket)).toEqual([]);
  for (const socket of [teacherSocket, annaSocket, outsiderSocket]) socket.close();
});

it('relays typing in an announcement chat from those who may post there (an admin), not from readers', async () => {
  const news = await teacher.client.post('/api/chats', {
    title: 'Объявления 5А',
    memberIds: [anna.id, adminId],
    announcement: true,
  });
  const newsId: number = news.body.id;
  const [teacherSocket, annaSocket, adminSocket] = [
    await live(teacher),
    await live(anna),
    await live({ client: admin }),
  ];
  const inNews = (socket: TestSocket) =>
    typingFrames(socket).filter((f) => f.type === 'typing' && f.chatId === newsId);
  server.clock.advance(3000);
  // The admin may post in any chat they are in (`canPostMessage`): members see them typing.
  adminSocket.send({ type: 'typing', chatId: newsId });
  await annaSocket.waitFor((s) => inNews(s).length === 1, 'the admin typing');
  await teacherSocket.waitFor((s) => inNews(s).length === 1, 'the admin typing, to the owner');
  expect(inNews(annaSocket)[0]).toMatchObject({ userId: adminId, fullName: 'Мусина Ирина Маратовна' });

  // Anna reads announcements and may not post: her typing there is dropped. Her frames are
  // handled in order, so once her next one (in the parents' chat) arrives, the first was handled.
  annaSocket.send({ type: 'typing', chatId: newsId });
  annaSocket.send({ type: 'typing', chatId });
  const fromAnna = (f: (typeof teacherSocket.frames)[number]) =>
    f.type === 'typing' && f.userId === anna.id && f.chatId === chatId;
  await teacherSocket.waitFor((s) => s.frames.some(fromAnna), 'Anna typing in the parents chat');
  expect(inNews(teacherSocket).map((f) => (f.type === 'typing' ? f.userId : 0))).toEqual([adminId]);
  expect(inNews(adminSocket)).toEqual([]);
  for (const socket of [teacherSocket, annaSocket, adminSocket]) socket.close();
});

it('closes the socket on a typing frame with a bad chat id, like any bad frame', async () => {
  const socket = await live(anna);
  socket.send({ type: 'typing', chatId: 'five' });
  await socket.waitFor((s) => s.closed !== null, 'close');
  expect(socket.closed?.code).toBe(4400);
});

/** The SQL of the queries the server sends while `run` runs. */
async function queriesDuring(run: () => Promise<void>): Promise<string[]> {
  const spy = vi.spyOn(server.pool, 'query');
  try {
    await run();
    return spy.mock.calls.map(([query]) =>
      typeof query === 'string' ? query : String((query as { text?: string }).text ?? ''),
    );
  } finally {
    spy.mockRestore();
  }
}

it('drops frames for chats the person is not in without asking the database each time', async () => {
  const teacherSocket = await live(teacher);
  const outsiderSocket = await live(outsider);
  server.clock.advance(3000);
  outsiderSocket.send({ type: 'typing', chatId: sideChatId });
  const fromOutsider = (s: TestSocket, id: number) =>
    typingFrames(s).some((f) => f.type === 'typing' && f.chatId === id);
  await teacherSocket.waitFor((s) => fromOutsider(s, sideChatId), 'the outsider typing');

  const queries = await queriesDuring(async () => {
    outsiderSocket.send({ type: 'typing', chatId });
    for (let i = 1; i <= 9; i++) outsiderSocket.send({ type: 'typing', chatId: 900_000 + i });
    // Frames are handled in order: once this one arrives, the ten before it were dropped.
    outsiderSocket.send({ type: 'typing', chatId: secondSideChatId });
    await teacherSocket.waitFor((s) => fromOutsider(s, secondSideChatId), 'the outsider typing again');
  });
  const aboutChats = queries.filter((sql) => /"chats"|"chat_members"|"users"/.test(sql));
  // Only the relayed frame cost queries: the chat, the membership, the name, the members.
  expect(aboutChats.length).toBeLessThanOrEqual(4);
  for (const socket of [teacherSocket, outsiderSocket]) socket.close();
});

it('relays at most 5 typing frames of one socket at once, then one a second', async () => {
  const chats: number[] = [];
  for (let i = 1; i <= 7; i++) {
    chats.push(
      (await teacher.client.post('/api/chats', { title: `Группа ${i}`, memberIds: [anna.id] })).body.id,
    );
  }
  const teacherSocket = await live(teacher);
  const annaSocket = await live(anna);
  const seen = () =>
    typingFrames(teacherSocket).flatMap((f) =>
      f.type === 'typing' && chats.includes(f.chatId) ? [f.chatId] : [],
    );

  for (const id of chats.slice(0, 6)) annaSocket.send({ type: 'typing', chatId: id });
  annaSocket.send({ type: 'ping' });
  await annaSocket.waitFor((s) => s.frames.some((f) => f.type === 'pong'), 'pong');
  await teacherSocket.waitFor(() => seen().length >= 5, 'five typing frames');

  server.clock.advance(1000);
  annaSocket.send({ type: 'typing', chatId: chats[6]! });
  await teacherSocket.waitFor(() => seen().includes(chats[6]!), 'the frame a second later');
  expect(seen()).toEqual([...chats.slice(0, 5), chats[6]]);
  for (const socket of [teacherSocket, annaSocket]) socket.close();
});
