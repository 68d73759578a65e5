import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TestClient } from '../../test/client.js';
import { addPerson, setUpSchool } from '../../test/school.js';
import { startTestServer, type TestServer } from '../../test/server.js';
import { DELETE_WINDOW_MS } from './policy.js';

/** Each reader's answer says what they may do with a message, and when the author's delete window closes. */
let server: TestServer;
let admin: TestClient;
let teacher: Awaited<ReturnType<typeof addPerson>>;
let parent: Awaited<ReturnType<typeof addPerson>>;
let chatId: number;

beforeAll(async () => {
  server = await startTestServer();
  admin = await setUpSchool(server);
  teacher = await addPerson(server, admin, {
    fullName: 'Галиева Алсу',
    login: 'galieva',
    roles: ['teacher'],
  });
  parent = await addPerson(server, admin, { fullName: 'Петрова Анна', login: 'anna', roles: ['parent'] });
  chatId = (await admin.post('/api/chats', { title: '5А — родители', memberIds: [teacher.id, parent.id] }))
    .body.id;
});
afterAll(() => server?.close());

const policiesOf = async (client: TestClient, messageId: number) => {
  const page = await client.get(`/api/chats/${chatId}/messages`);
  return page.body.messages.find((m: { id: number }) => m.id === messageId).policies;
};

it('answers the author, the others and the moderator with their own abilities; events carry none', async () => {
  const clientId = randomUUID();
  const sent = await parent.client.post(`/api/chats/${chatId}/messages`, { clientId, body: 'Здравствуйте!' });
  const until = new Date(Date.parse(sent.body.createdAt) + DELETE_WINDOW_MS).toISOString();
  const author = { reply: true, react: true, pin: false };
  expect(sent.body.policies).toEqual({ ...author, edit: true, delete: true, deleteUntil: until });
  const retry = await parent.client.post(`/api/chats/${chatId}/messages`, {
    clientId,
    body: 'Здравствуйте!',
  });
  expect(retry.body.policies).toEqual({ ...author, edit: true, delete: true, deleteUntil: until });

  expect(await policiesOf(teacher.client, sent.body.id)).toEqual({
    ...author,
    edit: false,
    delete: false,
    deleteUntil: null,
  });
  // The admin owns the chat: deletes anyone's message, at any time.
  expect(await policiesOf(admin, sent.body.id)).toEqual({
    ...author,
    pin: true,
    edit: false,
    delete: true,
    deleteUntil: null,
  });
  const { rows } = await server.db.execute<{ policies: unknown }>(
    sql`select payload->'message'->'policies' as policies from events where payload->'message'->>'clientId' = ${clientId}`,
  );
  expect(rows).toEqual([{ policies: null }]);

  server.clock.advance(DELETE_WINDOW_MS + 1000);
  expect(await policiesOf(parent.client, sent.body.id)).toEqual({
    ...author,
    edit: true,
    delete: false,
    deleteUntil: null,
  });
  expect((await parent.client.delete(`/api/chats/${chatId}/messages/${sent.body.id}`)).status).toBe(403);

  const removed = await admin.delete(`/api/chats/${chatId}/messages/${sent.body.id}`);
  const nothing = { reply: false, react: false, pin: false, edit: false, delete: false, deleteUntil: null };
  expect(removed.body.policies).toEqual(nothing);
  // A tombstone's abilities are everyone's, so its event carries them.
  const update = await server.db.execute<{ policies: unknown }>(
    sql`select payload->'message'->'policies' as policies from events
      where payload->>'type' = 'messages.update' and (payload->'message'->>'id')::bigint = ${sent.body.id}`,
  );
  expect(update.rows).toEqual([{ policies: nothing }]);
  expect(await policiesOf(parent.client, sent.body.id)).toEqual(nothing);
});
