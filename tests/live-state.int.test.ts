import { randomUUID } from 'node:crypto';
import type { TChat, TEvent, TMessage, TPendingMessage, TWorkingHours } from '@parta/protocol';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TestClient } from '../server/src/test/client.js';
import { addPerson, setUpSchool, teachFamilies } from '../server/src/test/school.js';
import { startTestServer, type TestServer } from '../server/src/test/server.js';
import { configureHttp } from '../web/src/api/http.js';
import { applyEvent, type Reader } from '../web/src/state/apply.js';
import { chats, clearChats, loadChats } from '../web/src/state/chats.js';
import { clearWaiting, loadWaiting, waiting } from '../web/src/state/hours.js';
import { clearPins, loadPins, pins } from '../web/src/state/pins.js';
import { clearThreads, thread } from '../web/src/state/threads.js';

/**
 * The web client's state after a stream of live events equals the state a
 * fresh fetch gives (Zulip's `verify_action`: apply_events(state) == fetch).
 * A viewer's client (a parent's, then the chat owner's, who sees who read)
 * loads its chats, threads and pins through the web's own code, listens on
 * the WebSocket while other people (and the viewer in another tab) send,
 * edit, delete, react, pin, read, create a chat and add a member; every event goes through the web's reducers (`applyEvent`), and
 * the result is compared with what the server answers afresh.
 */
let server: TestServer;
let admin: TestClient;
type Someone = Awaited<ReturnType<typeof addPerson>>;
let teacher: Someone;
let anna: Someone;
let petr: Someone;
let chatId: number;

beforeAll(async () => {
  server = await startTestServer();
  admin = await setUpSchool(server);
  const add = (fullName: string, login: string, role: 'teacher' | 'parent') =>
    addPerson(server, admin, { fullName, login, roles: [role] });
  teacher = await add('Галиева Алсу', 'galieva', 'teacher');
  anna = await add('Петрова Анна', 'anna', 'parent');
  petr = await add('Иванов Пётр', 'petr', 'parent');
  await teachFamilies(admin, teacher.id, [anna.id, petr.id]);
  chatId = (
    await teacher.client.post('/api/chats', { title: '9Я — родители', memberIds: [anna.id, petr.id] })
  ).body.id;
});
afterAll(() => server?.close());

const send = (client: TestClient, chat: number, body: string, extra: object = {}) =>
  client.post(`/api/chats/${chat}/messages`, { clientId: randomUUID(), body, ...extra });
const messageUrl = (chat: number, id: number, tail = '') => `/api/chats/${chat}/messages/${id}${tail}`;

/** The open thread of a chat, once its first page has come. */
function loaded(chat: number): Promise<readonly TMessage[]> {
  return new Promise((resolve) => {
    const stop = thread(chat).subscribe((value) => {
      if (value.status !== 'ready') return;
      queueMicrotask(() => stop());
      resolve(value.items);
    });
  });
}

/** The last event written for `userId`: the stream has caught up when it has arrived. */
async function lastEventFor(userId: number): Promise<number> {
  const result = await server.db.execute<{ id: string | null }>(
    sql`select max(id) as id from events where ${userId} = any(user_ids)`,
  );
  return Number(result.rows[0]?.id ?? 0);
}

/** The web's requests go to the test server with the viewer's session, as their browser would send them. */
function browserOf(viewer: Someone): void {
  configureHttp({
    csrfToken: viewer.client.csrfToken,
    fetch: (path, init) =>
      fetch(server.url + path, {
        ...init,
        headers: { ...(init.headers as object), cookie: viewer.client.cookie! },
      }),
  });
}

/**
 * A message as the viewer's screen uses it. A live event carries one copy
 * for every reader, without the reader's own abilities (docs/architecture.md,
 * «Authorization»): the web keeps what it was last told, and a fresh fetch
 * tells them, so they are set aside. «Прочитали N» shows under the viewer's
 * own messages, and under every message for those who see who read
 * (MessageBubble); only those counts are kept current by the stream
 * (`messages.read_counts`, `messages.reads`). Who a parent is
 * (`authorContext`, for staff) is shown the same whether a page said there is
 * none (null) or an event did not say (the web borrows it from the author's
 * other messages).
 */
function asShown(viewer: Someone, seeWhoRead: boolean) {
  return (message: TMessage): Omit<TMessage, 'policies'> => {
    const { policies: _policies, readCount, authorContext, ...shown } = message;
    const rest = { ...shown, authorContext: authorContext ?? null };
    return seeWhoRead || message.authorId === viewer.id ? { ...rest, readCount: readCount ?? 0 } : rest;
  };
}

/** A pinned message as the pinned bar shows it: no abilities, no «Прочитали N» (PinnedBar). */
function asPinned(message: TMessage): Omit<TMessage, 'policies' | 'readCount'> {
  const { policies: _policies, readCount: _readCount, authorContext, ...rest } = message;
  return { ...rest, authorContext: authorContext ?? null };
}

it.each([
  ['Анна, a parent', () => anna, ['messages.read_counts']],
  ['Галиева, who owns the chat and sees who read', () => teacher, ['messages.reads']],
] as const)(
  'applies every live event so that the state of %s equals a fresh fetch',
  async (_who, viewerOf, reads) => {
    const viewer = viewerOf();
    // a minute after the previous case: its pins and this one's are not at the same instant
    server.clock.advance(60_000);
    clearChats();
    clearThreads();
    clearPins();
    browserOf(viewer);
    const first = await send(teacher.client, chatId, 'Собрание в пятницу');
    await send(petr.client, chatId, 'Приду');
    const mine = await send(anna.client, chatId, 'Я тоже');

    // The viewer's client starts: the chat list, the open chat and its pinned bar, then the stream.
    const cursor = await loadChats();
    await loaded(chatId);
    await loadPins(chatId);
    const socket = await viewer.client.socket(cursor);
    await socket.waitFor((s) => s.frames.some((f) => f.type === 'ready'), 'ready');

    const edited = await send(teacher.client, chatId, 'Экскурсия в музей');
    await teacher.client.patch(messageUrl(chatId, first.body.id), { body: 'Собрание в субботу' });
    await teacher.client.patch(messageUrl(chatId, edited.body.id), { body: 'Экскурсия в музей, 10:00' });
    const gone = await send(petr.client, chatId, 'Ошибся чатом');
    await petr.client.delete(messageUrl(chatId, gone.body.id));
    await petr.client.post(messageUrl(chatId, first.body.id, '/reactions'), { emoji: '👍', on: true });
    await teacher.client.post(messageUrl(chatId, first.body.id, '/reactions'), { emoji: '🙏', on: true });
    await petr.client.post(messageUrl(chatId, first.body.id, '/reactions'), { emoji: '👍', on: false });
    await teacher.client.post(messageUrl(chatId, first.body.id, '/pin'), { pinned: true });
    await teacher.client.post(messageUrl(chatId, edited.body.id, '/pin'), { pinned: true });
    await teacher.client.post(messageUrl(chatId, edited.body.id, '/pin'), { pinned: false });
    const reply = await send(petr.client, chatId, 'Во сколько?', { replyToId: first.body.id });
    await petr.client.post(`/api/chats/${chatId}/read`, { messageId: mine.body.id });
    await send(petr.client, chatId, `@[Петрова Анна](${anna.id}) вы придёте?`);
    await anna.client.post(`/api/chats/${chatId}/read`, { messageId: reply.body.id });
    // The viewer reads in another tab up to Пётр's reply; what came after stays unread.
    if (viewer !== anna) await viewer.client.post(`/api/chats/${chatId}/read`, { messageId: reply.body.id });
    const excursion = await teacher.client.post('/api/chats', { title: 'Экскурсия', memberIds: [anna.id] });
    await send(teacher.client, excursion.body.id, 'Кто едет?');
    await teacher.client.post(`/api/chats/${excursion.body.id}/members`, { userIds: [petr.id] });
    await send(anna.client, excursion.body.id, 'Мы едем');

    const last = await lastEventFor(viewer.id);
    await socket.waitFor((s) => s.events().some((e) => e.cursor === last), 'every event');
    const events: TEvent[] = socket.events();
    socket.close();
    const reader: Reader = {
      id: viewer.id,
      isReading: () => false,
      onReceived: () => {},
      onPersonChanged: () => {},
      onJoinsChanged: () => {},
      onSchoolChanged: () => {},
      onHoursChanged: () => {},
    };
    for (const event of events) await applyEvent(event, reader);
    const types = new Set(events.map((event) => event.payload.type));
    for (const type of [
      'messages.send',
      'messages.update',
      'chats.read',
      'chats.create',
      'chats.add_members',
      ...reads,
    ]) {
      expect(types).toContain(type);
    }

    const fresh = (await viewer.client.get('/api/chats')).body.chats as TChat[];
    expect(chats.value).toEqual(new Map(fresh.map((chat) => [chat.id, chat])));
    const shown = asShown(viewer, fresh.find((chat) => chat.id === chatId)!.policies.seeWhoRead);
    const history = (await viewer.client.get(`/api/chats/${chatId}/messages`)).body.messages as TMessage[];
    expect(thread(chatId).value.items.map(shown)).toEqual(history.map(shown));
    const pinned = (await viewer.client.get(`/api/chats/${chatId}/pins`)).body.messages as TMessage[];
    expect(pins.value.get(chatId)?.map(asPinned)).toEqual(pinned.map(asPinned));
  },
);

it('keeps one’s own waiting messages and the school’s hours as a fresh fetch says, and lets them go on delivery', async () => {
  const viewer = anna;
  // Tuesday 21:00 in Moscow (the test school's zone): the class chat is a study chat, and closed.
  server.clock.set(new Date('2026-09-01T21:00:00+03:00'));
  clearChats();
  clearThreads();
  clearWaiting();
  browserOf(viewer);
  const before = await send(anna.client, chatId, 'Вопрос про домашнее задание');
  expect(before.status).toBe(202);

  // The viewer's client opens the chat: its waiting messages, then the stream.
  const cursor = await loadChats();
  await loaded(chatId);
  await loadWaiting(chatId);
  const socket = await viewer.client.socket(cursor);
  await socket.waitFor((s) => s.frames.some((f) => f.type === 'ready'), 'ready');

  // In another tab: one more, an edit, a time chosen, one written and cancelled; the school changes its hours.
  const later = await send(anna.client, chatId, 'И про экскурсию');
  await anna.client.patch(`/api/chats/${chatId}/pending/${before.body.clientId}`, {
    body: 'Вопрос про домашнее задание по математике',
  });
  await anna.client.patch(`/api/chats/${chatId}/pending/${later.body.clientId}`, {
    sendAt: '2026-09-02T09:00:00+03:00',
  });
  const dropped = await send(anna.client, chatId, 'Не то');
  expect((await anna.client.delete(`/api/chats/${chatId}/pending/${dropped.body.clientId}`)).status).toBe(
    200,
  );
  const set = await admin.post('/api/hours', { closesAt: '19:30' });
  expect(set.status).toBe(200);

  const last = await lastEventFor(viewer.id);
  await socket.waitFor((s) => s.events().some((e) => e.cursor === last), 'every event');
  let hours: TWorkingHours | null = null;
  const reader: Reader = {
    id: viewer.id,
    isReading: () => false,
    onReceived: () => {},
    onPersonChanged: () => {},
    onJoinsChanged: () => {},
    onSchoolChanged: () => {},
    onHoursChanged: (next) => {
      hours = next;
    },
  };
  for (const event of socket.events()) await applyEvent(event, reader);
  const types = new Set(socket.events().map((event) => event.payload.type));
  for (const type of ['messages.pending', 'messages.pending_cancel', 'school.hours'])
    expect(types).toContain(type);
  const fresh = (await viewer.client.get(`/api/chats/${chatId}/pending`)).body.messages as TPendingMessage[];
  expect(fresh.map((message) => message.body)).toEqual([
    'Вопрос про домашнее задание по математике',
    'И про экскурсию',
  ]);
  const asWaiting = ({ policies: _policies, ...rest }: TPendingMessage) => rest;
  expect(waiting.value.get(chatId)?.map(asWaiting)).toEqual(fresh.map(asWaiting));
  expect(hours).toEqual((await admin.get('/api/hours')).body.hours);

  // Wednesday 07:30 and 09:00: both are delivered; the waiting ones give way to them (same clientId).
  const seen = socket.events().length;
  server.clock.set(new Date('2026-09-02T07:30:00+03:00'));
  await server.parta.jobs.runDue();
  server.clock.set(new Date('2026-09-02T09:00:00+03:00'));
  await server.parta.jobs.runDue();
  const delivered = await lastEventFor(viewer.id);
  await socket.waitFor((s) => s.events().some((e) => e.cursor === delivered), 'the deliveries');
  for (const event of socket.events().slice(seen)) await applyEvent(event, reader);
  socket.close();
  expect(waiting.value.get(chatId)).toBeUndefined();
  const bodies = thread(chatId)
    .value.items.slice(-2)
    .map((message) => [message.body, message.delivery]);
  expect(bodies).toEqual([
    ['Вопрос про домашнее задание по математике', 'held'],
    ['И про экскурсию', 'scheduled'],
  ]);
});
