import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestClient } from '../../test/client.js';
import { addPerson, setUpSchool, teachFamilies } from '../../test/school.js';
import { startTestServer, type TestServer } from '../../test/server.js';

/**
 * The chat list a person opens: per chat, how many messages of others they
 * have not read (their own and deleted ones never count), how many of those
 * mention them, the last message, and the most recently active chat first.
 */
let server: TestServer;
let teacher: Awaited<ReturnType<typeof addPerson>>;
let anna: Awaited<ReturnType<typeof addPerson>>;
let parentsChat: number;
let clubChat: number;

const send = (client: TestClient, chat: number, body: string) =>
  client.post(`/api/chats/${chat}/messages`, { clientId: randomUUID(), body });

interface Row {
  id: number;
  unreadCount: number;
  unreadMentions: number;
  lastMessage: { id: number; body: string } | null;
}
/** The two chats of this test, as the list has them (the school's own chats are there too). */
async function list(client: TestClient): Promise<Row[]> {
  const reply = await client.get('/api/chats');
  expect(reply.status).toBe(200);
  return (reply.body.chats as Row[]).filter((row) => row.id === parentsChat || row.id === clubChat);
}

beforeAll(async () => {
  server = await startTestServer();
  const admin = await setUpSchool(server);
  teacher = await addPerson(server, admin, {
    fullName: 'Галиева Алсу',
    login: 'galieva',
    roles: ['teacher'],
  });
  anna = await addPerson(server, admin, { fullName: 'Петрова Анна', login: 'anna', roles: ['parent'] });
  await teachFamilies(admin, teacher.id, [anna.id]);
  parentsChat = (await teacher.client.post('/api/chats', { title: '5А — родители', memberIds: [anna.id] }))
    .body.id;
  clubChat = (await teacher.client.post('/api/chats', { title: 'Кружок', memberIds: [anna.id] })).body.id;
});
afterAll(() => server?.close());

describe('the chat list', () => {
  it('counts the unread of others once per chat, with the mentions among them, and puts the latest chat first', async () => {
    const first = await send(anna.client, parentsChat, 'Добрый вечер');
    await send(anna.client, parentsChat, `@[Галиева Алсу](${teacher.id}), завтра будет физкультура?`);
    const deleted = await send(anna.client, parentsChat, 'Ой, не туда');
    await anna.client.delete(`/api/chats/${parentsChat}/messages/${deleted.body.id}`);
    const own = await send(teacher.client, parentsChat, 'Да, с формой');
    server.clock.advance(60_000);
    const inClub = await send(anna.client, clubChat, 'Во сколько кружок?');

    let rows = await list(teacher.client);
    expect(rows.map((row) => row.id)).toEqual([clubChat, parentsChat]);
    const parents = rows.find((row) => row.id === parentsChat)!;
    expect(parents).toMatchObject({ unreadCount: 2, unreadMentions: 1 });
    expect(parents.lastMessage).toMatchObject({ id: own.body.id, body: 'Да, с формой' });
    expect(rows.find((row) => row.id === clubChat)).toMatchObject({
      unreadCount: 1,
      unreadMentions: 0,
      lastMessage: { id: inClub.body.id },
    });
    // Her own messages are read for her: Anna has only the teacher's answer unread.
    expect((await list(anna.client)).find((row) => row.id === parentsChat)).toMatchObject({
      unreadCount: 1,
      unreadMentions: 0,
    });

    await teacher.client.post(`/api/chats/${parentsChat}/read`, { messageId: first.body.id });
    server.clock.advance(60_000);
    const later = await send(anna.client, parentsChat, 'Спасибо!');
    rows = await list(teacher.client);
    expect(rows.map((row) => row.id)).toEqual([parentsChat, clubChat]);
    expect(rows[0]).toMatchObject({ unreadCount: 2, unreadMentions: 1, lastMessage: { id: later.body.id } });
    expect((await teacher.client.get(`/api/chats/${parentsChat}`)).body).toMatchObject({
      unreadCount: 2,
      unreadMentions: 1,
    });
  });
});
