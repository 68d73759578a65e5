import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TestClient } from '../../test/client.js';
import { addPerson, setUpSchool } from '../../test/school.js';
import { startTestServer, type TestServer } from '../../test/server.js';

/** A deleted message's text is gone: from replays, from search, from the search vocabulary. */
let server: TestServer;
let admin: TestClient;
let teacher: Awaited<ReturnType<typeof addPerson>>;
let parent: Awaited<ReturnType<typeof addPerson>>;
let chatId: number;

const post = (client: TestClient, body: string, replyToId?: number) =>
  client.post(`/api/chats/${chatId}/messages`, {
    clientId: randomUUID(),
    body,
    ...(replyToId ? { replyToId } : {}),
  });
const words = async (prefix: string) =>
  (
    await server.db.execute<{ word: string }>(
      sql`select word from search_words where word like ${`${prefix}%`}`,
    )
  ).rows.map((row) => row.word);

beforeAll(async () => {
  server = await startTestServer();
  admin = await setUpSchool(server);
  teacher = await addPerson(server, admin, {
    fullName: 'Галиева Алсу Ринатовна',
    login: 'galieva',
    roles: ['teacher'],
  });
  parent = await addPerson(server, admin, { fullName: 'Петрова Анна', login: 'petrova', roles: ['parent'] });
  const chat = await admin.post('/api/chats', { title: '5А — родители', memberIds: [teacher.id, parent.id] });
  chatId = chat.body.id;
});
afterAll(() => server?.close());

it('replays a deleted message from an old cursor as a tombstone, and replies quote nothing of it', async () => {
  const { body } = await parent.client.get('/api/chats');
  const insult = await post(parent.client, 'Первоначальная грубость про учительницу');
  await parent.client.patch(`/api/chats/${chatId}/messages/${insult.body.id}`, {
    body: 'Исправленная грубость про учительницу',
  });
  const reply = await post(teacher.client, 'Прошу вас так не писать', insult.body.id);
  await teacher.client.post(`/api/chats/${chatId}/messages/${insult.body.id}/reactions`, {
    emoji: '😢',
    on: true,
  });
  const deleted = await admin.delete(`/api/chats/${chatId}/messages/${insult.body.id}`);
  expect(deleted.status).toBe(200);

  for (const reader of [parent, teacher]) {
    const live = await reader.client.socket(body.cursor);
    await live.waitFor((s) => s.frames.some((f) => f.type === 'ready'), 'replay');
    const replayed = JSON.stringify(live.frames);
    expect(replayed).not.toContain('грубость');
    const events = live.events();
    expect(
      events.some((e) => e.payload.type === 'messages.send' && e.payload.message.id === reply.body.id),
    ).toBe(true);
    const tombstones = events.flatMap((e) =>
      'message' in e.payload && e.payload.message.id === insult.body.id ? [e.payload.message] : [],
    );
    expect(tombstones.length).toBeGreaterThanOrEqual(3);
    for (const message of tombstones)
      expect(message).toMatchObject({ body: '', deletedAt: expect.any(String) });
    live.close();
  }
});

it('replays an edited message from an old cursor as it is now, quotes included', async () => {
  const { body } = await parent.client.get('/api/chats');
  const typo = await post(parent.client, 'Мой телефон 89001234567, звоните после шести');
  const reply = await post(teacher.client, 'Хорошо, позвоню', typo.body.id);
  await parent.client.patch(`/api/chats/${chatId}/messages/${typo.body.id}`, { body: 'Звоните после шести' });

  const live = await teacher.client.socket(body.cursor);
  await live.waitFor((s) => s.frames.some((f) => f.type === 'ready'), 'replay');
  live.close();
  expect(JSON.stringify(live.frames)).not.toContain('89001234567');
  const quoted = live
    .events()
    .flatMap((e) =>
      e.payload.type === 'messages.send' && e.payload.message.id === reply.body.id ? [e.payload] : [],
    );
  expect(quoted.map((p) => p.message.replyTo?.body)).toEqual(['Звоните после шести']);
});

it('finds nothing of a deleted or edited-away text, and its words leave the search vocabulary', async () => {
  const shared = await post(teacher.client, 'Экскурсия в планетарий переносится');
  const secret = await post(parent.client, 'Экскурсия: код калитки шифрограмма');
  const edited = await post(parent.client, 'Мой адрес Подгорнаяулица');
  await parent.client.patch(`/api/chats/${chatId}/messages/${edited.body.id}`, {
    body: 'Адрес уточню позже',
  });
  expect(await words('шифрограмм')).toEqual(['шифрограмма']);

  await parent.client.delete(`/api/chats/${chatId}/messages/${secret.body.id}`);

  for (const q of ['шифрограмма', 'шифрограма', 'шифрогр', 'подгорнаяулица', 'подгорная']) {
    const found = await parent.client.get(`/api/search?q=${encodeURIComponent(q)}`);
    expect(found.status).toBe(200);
    expect(found.body.hits).toEqual([]);
  }
  expect(await words('шифрограмм')).toEqual([]);
  expect(await words('подгорн')).toEqual([]);
  // A word that a live message still holds stays findable, typos included.
  expect(await words('экскурси')).toEqual(['экскурсия']);
  const kept = await parent.client.get(`/api/search?q=${encodeURIComponent('экскурся')}`);
  expect(kept.body.hits.map((hit: { message: { id: number } }) => hit.message.id)).toEqual([shared.body.id]);
});
