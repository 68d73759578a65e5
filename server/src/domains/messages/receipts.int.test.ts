import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TestClient } from '../../test/client.js';
import { addPerson, setUpSchool } from '../../test/school.js';
import { startTestServer, type TestServer } from '../../test/server.js';

/** «Прочитали 2 из 3» and who has not: the class teacher's key question. */
let server: TestServer;
let admin: TestClient;
let teacher: Awaited<ReturnType<typeof addPerson>>;
const parents: Awaited<ReturnType<typeof addPerson>>[] = [];
let chatId: number;

beforeAll(async () => {
  server = await startTestServer();
  admin = await setUpSchool(server);
  teacher = await addPerson(server, admin, {
    fullName: 'Галиева Алсу Ринатовна',
    login: 'galieva',
    roles: ['teacher'],
  });
  for (const [i, fullName] of ['Петрова Анна', 'Сафина Лилия', 'Иванов Пётр'].entries()) {
    parents.push(await addPerson(server, admin, { fullName, login: `parent-${i}`, roles: ['parent'] }));
  }
  const chat = await admin.post('/api/chats', {
    title: '5А — родители',
    memberIds: [teacher.id, ...parents.map((p) => p.id)],
  });
  chatId = chat.body.id;
});
afterAll(() => server?.close());

it('counts who has read a notice and names who has not, for staff in the chat only', async () => {
  const { body } = await teacher.client.get('/api/chats');
  const live = await teacher.client.socket(body.cursor);
  await live.waitFor((s) => s.frames.some((f) => f.type === 'ready'), 'ready');
  const notice = await teacher.client.post(`/api/chats/${chatId}/messages`, {
    clientId: randomUUID(),
    body: 'Завтра собрание в 18:00, кабинет 214.',
  });
  for (const parent of parents.slice(0, 2)) {
    await parent.client.post(`/api/chats/${chatId}/read`, { messageId: notice.body.id });
  }
  await live.waitFor(
    (s) => s.events().filter((e) => e.payload.type === 'messages.reads').length >= 2,
    'two reads, live',
  );

  const forTeacher = await teacher.client.get(`/api/chats/${chatId}/messages/${notice.body.id}/reads`);
  expect(forTeacher.body).toEqual({
    messageId: notice.body.id,
    readCount: 2,
    total: 4,
    notRead: [
      expect.objectContaining({ fullName: 'Иванов Пётр' }),
      expect.objectContaining({ fullName: 'Мусина Ирина Маратовна' }),
    ],
    read: [expect.anything(), expect.anything()],
    policies: { seeWhoRead: true, remind: true },
  });
  const forParent = await parents[0]!.client.get(`/api/chats/${chatId}/messages/${notice.body.id}/reads`);
  expect(forParent.body).toMatchObject({
    readCount: 2,
    total: 4,
    notRead: null,
    read: null,
    policies: { seeWhoRead: false, remind: false },
  });

  const page = await teacher.client.get(`/api/chats/${chatId}/messages`);
  expect(page.body.messages.find((m: { id: number }) => m.id === notice.body.id).readCount).toBe(2);
  live.close();
});

it('does not count a read twice, nor a read that goes backwards', async () => {
  const first = await teacher.client.post(`/api/chats/${chatId}/messages`, {
    clientId: randomUUID(),
    body: 'Первое',
  });
  const second = await teacher.client.post(`/api/chats/${chatId}/messages`, {
    clientId: randomUUID(),
    body: 'Второе',
  });
  await parents[2]!.client.post(`/api/chats/${chatId}/read`, { messageId: second.body.id });
  const back = await parents[2]!.client.post(`/api/chats/${chatId}/read`, { messageId: first.body.id });
  expect(back.body.lastReadMessageId).toBe(second.body.id);
  const reads = await teacher.client.get(`/api/chats/${chatId}/messages/${first.body.id}/reads`);
  expect(reads.body.readCount).toBe(1);
});

it('answers "not found" for a message of another chat, and for a chat one is not in', async () => {
  const other = await admin.post('/api/chats', { title: 'Педсовет', memberIds: [teacher.id] });
  const hidden = await teacher.client.post(`/api/chats/${other.body.id}/messages`, {
    clientId: randomUUID(),
    body: 'Тайна',
  });
  const wrongChat = await teacher.client.get(`/api/chats/${chatId}/messages/${hidden.body.id}/reads`);
  expect(wrongChat.body.error.code).toBe('messages.not_found');
  const outsider = await parents[0]!.client.get(
    `/api/chats/${other.body.id}/messages/${hidden.body.id}/reads`,
  );
  expect(outsider.body.error.code).toBe('chats.not_found');
});

it('tells a parent only how many have read their message, never who; staff in the chat see who', async () => {
  const [anna, liliya, pyotr] = parents as [(typeof parents)[0], (typeof parents)[0], (typeof parents)[0]];
  const { body } = await teacher.client.get('/api/chats');
  const sockets = await Promise.all([teacher, anna, pyotr].map((p) => p.client.socket(body.cursor)));
  for (const live of sockets) await live.waitFor((s) => s.frames.some((f) => f.type === 'ready'), 'ready');
  const [teacherLive, annaLive, pyotrLive] = sockets as [
    (typeof sockets)[0],
    (typeof sockets)[0],
    (typeof sockets)[0],
  ];
  const notice = await teacher.client.post(`/api/chats/${chatId}/messages`, {
    clientId: randomUUID(),
    body: 'Сдаём на экскурсию до пятницы.',
  });
  const question = await anna.client.post(`/api/chats/${chatId}/messages`, {
    clientId: randomUUID(),
    body: 'А сколько сдавать?',
  });
  await liliya.client.post(`/api/chats/${chatId}/read`, { messageId: question.body.id });

  await teacherLive.waitFor(
    (s) => s.events().some((e) => e.payload.type === 'messages.reads' && e.payload.userId === liliya.id),
    'the teacher hears who read',
  );
  await annaLive.waitFor(
    (s) => s.events().some((e) => e.payload.type === 'messages.read_counts'),
    'the parent hears how many read her question',
  );
  // A later message reaches everyone after whatever the read produced.
  const after = await teacher.client.post(`/api/chats/${chatId}/messages`, {
    clientId: randomUUID(),
    body: 'Спасибо!',
  });
  for (const live of [annaLive, pyotrLive]) {
    await live.waitFor(
      (s) =>
        s.events().some((e) => e.payload.type === 'messages.send' && e.payload.message.id === after.body.id),
      'the later message',
    );
    const heard = live.events().map((e) => e.payload);
    expect(heard.filter((p) => p.type === 'messages.reads')).toEqual([]);
    expect(JSON.stringify(heard.filter((p) => p.type !== 'messages.send'))).not.toContain('"userId"');
  }
  expect(annaLive.events().find((e) => e.payload.type === 'messages.read_counts')?.payload).toEqual({
    type: 'messages.read_counts',
    chatId,
    counts: [{ messageId: question.body.id, readCount: 1 }],
  });
  expect(pyotrLive.events().filter((e) => e.payload.type === 'messages.read_counts')).toEqual([]);

  const forAnna = await anna.client.get(`/api/chats/${chatId}/messages/${question.body.id}/reads`);
  expect(forAnna.body).toEqual({
    messageId: question.body.id,
    readCount: 1,
    total: 4,
    notRead: null,
    read: null,
    policies: { seeWhoRead: false, remind: false },
  });
  const forTeacher = await teacher.client.get(`/api/chats/${chatId}/messages/${question.body.id}/reads`);
  expect(forTeacher.body).toMatchObject({ readCount: 1, total: 4, policies: { seeWhoRead: true } });
  expect(forTeacher.body.notRead.map((p: { id: number }) => p.id)).not.toContain(liliya.id);
  const chats = await anna.client.get('/api/chats');
  expect(chats.body.chats.find((c: { id: number }) => c.id === chatId).policies.seeWhoRead).toBe(false);
  for (const live of sockets) live.close();
  expect(notice.status).toBe(200);
});

it('tells the reader who sees who read of their own read too: they are one reader more under the others’ messages', async () => {
  const [anna, , pyotr] = parents as [(typeof parents)[0], (typeof parents)[0], (typeof parents)[0]];
  const { body } = await teacher.client.get('/api/chats');
  const otherTab = await teacher.client.socket(body.cursor);
  const parentLive = await pyotr.client.socket(body.cursor);
  for (const live of [otherTab, parentLive]) {
    await live.waitFor((s) => s.frames.some((f) => f.type === 'ready'), 'ready');
  }
  const question = await anna.client.post(`/api/chats/${chatId}/messages`, {
    clientId: randomUUID(),
    body: 'Во сколько автобус?',
  });
  const before = (await teacher.client.get(`/api/chats/${chatId}`)).body.lastReadMessageId;
  await teacher.client.post(`/api/chats/${chatId}/read`, { messageId: question.body.id });
  await otherTab.waitFor(
    (s) => s.events().some((e) => e.payload.type === 'messages.reads'),
    'the own read, with who read',
  );
  expect(otherTab.events().map((e) => e.payload)).toEqual(
    expect.arrayContaining([
      { type: 'chats.read', chatId, lastReadMessageId: question.body.id },
      {
        type: 'messages.reads',
        chatId,
        userId: teacher.id,
        previousMessageId: before,
        lastReadMessageId: question.body.id,
      },
    ]),
  );
  const page = await teacher.client.get(`/api/chats/${chatId}/messages`);
  const counted = page.body.messages.find((m: { id: number }) => m.id === question.body.id);
  expect(counted.readCount).toBe(1);
  // A parent hears of nobody's reading.
  const after = await teacher.client.post(`/api/chats/${chatId}/messages`, {
    clientId: randomUUID(),
    body: 'В 8:30.',
  });
  await parentLive.waitFor(
    (s) =>
      s.events().some((e) => e.payload.type === 'messages.send' && e.payload.message.id === after.body.id),
    'the later message',
  );
  expect(parentLive.events().filter((e) => e.payload.type === 'messages.reads')).toEqual([]);
  otherTab.close();
  parentLive.close();
});
