import { afterAll, beforeAll, expect, it } from 'vitest';
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

async function live(person: Person): Promise<TestSocket> {
  const socket = await person.client.socket(null);
  await socket.waitFor((s) => s.frames.some((f) => f.type === 'ready'), 'ready');
  return socket;
}
const typingFrames = (socket: TestSocket) => socket.frames.filter((f) => f.type === 'typing');

beforeAll(async () => {
  server = await startTestServer();
  const admin = await setUpSchool(server);
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

it('closes the socket on a typing frame with a bad chat id, like any bad frame', async () => {
  const socket = await live(anna);
  socket.send({ type: 'typing', chatId: 'five' });
  await socket.waitFor((s) => s.closed !== null, 'close');
  expect(socket.closed?.code).toBe(4400);
});
