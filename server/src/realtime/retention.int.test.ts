import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TestClient } from '../test/client.js';
import { ADMIN, addPerson, setUpSchool } from '../test/school.js';
import { startTestServer, type TestServer } from '../test/server.js';
import { REPLAY_LIMIT } from './hub.js';
import { EVENT_RETENTION_MS } from './retention.js';

/** The daily jobs delete what outlived its retention, and never leave a replay with a hole. */
let server: TestServer;
let admin: TestClient;
let parent: Awaited<ReturnType<typeof addPerson>>;
let chatId: number;
let schoolId: number;
const DAY = 24 * 60 * 60 * 1000;

const post = (client: TestClient, body: string) =>
  client.post(`/api/chats/${chatId}/messages`, { clientId: randomUUID(), body });
const cursorOf = async (client: TestClient) => (await client.get('/api/chats')).body.cursor as number;
const schoolEvents = async () =>
  Number(
    (
      await server.db.execute<{ n: string }>(
        sql`select count(*) as n from events where school_id = ${schoolId}`,
      )
    ).rows[0]!.n,
  );

/**
 * What a client resuming from `cursor` gets: `resync`, or the events up to
 * and including message `until` (the feed may still be reading the table).
 */
async function resume(client: TestClient, cursor: number, until?: number) {
  const live = await client.socket(cursor);
  await live.waitFor(
    (s) =>
      s.frames.some((f) => f.type === 'resync') ||
      s.events().some((e) => e.payload.type === 'messages.send' && e.payload.message.id === until),
    'resync or the message',
  );
  live.close();
  const sent = live
    .events()
    .flatMap((e) => (e.payload.type === 'messages.send' ? [e.payload.message.id] : []));
  return { resync: live.frames.some((f) => f.type === 'resync'), sent };
}

beforeAll(async () => {
  server = await startTestServer();
  admin = await setUpSchool(server);
  parent = await addPerson(server, admin, { fullName: 'Петрова Анна', login: 'petrova', roles: ['parent'] });
  const chat = await admin.post('/api/chats', { title: '5А — родители', memberIds: [parent.id] });
  chatId = chat.body.id;
  schoolId = (await server.db.execute<{ id: number }>(sql`select id from schools`)).rows[0]!.id;
});
afterAll(() => server?.close());

/** Sessions end 30 days after login however much they are used: after a jump of the clock, log in again. */
async function logInAgain() {
  await admin.login(ADMIN.login, ADMIN.password);
  await parent.client.login('petrova', parent.password);
}

it('drops words of the search dictionary that no live message has', async () => {
  await post(parent.client, 'Экскурсия в планетарий');
  await server.db.execute(
    sql`insert into search_words (school_id, word) values (${schoolId}, 'забытоеслово') on conflict do nothing`,
  );
  server.clock.advance(DAY);
  await server.parta.jobs.runDue();
  const words = await server.db.execute<{ word: string }>(
    sql`select word from search_words where word in ('забытоеслово', 'экскурсия', 'планетарий') order by word`,
  );
  expect(words.rows.map((row) => row.word)).toEqual(['планетарий', 'экскурсия']);
});

it('prunes old events but keeps what a replay needs: a cursor from before them gets resync', async () => {
  const beforeAll = await cursorOf(parent.client);
  const first = await post(admin, 'Первое сообщение');
  server.clock.advance(EVENT_RETENTION_MS + DAY);
  await server.parta.jobs.runDue();
  // Old, but the school has fewer events than a replay may read: all kept, the replay is whole.
  expect(await resume(parent.client, beforeAll, first.body.id)).toEqual({
    resync: false,
    sent: [first.body.id],
  });

  // A busy fortnight: more of the school's events than a replay reads.
  await server.db.execute(sql`
    insert into events (school_id, user_ids, type, payload, created_at)
    select ${schoolId}, array[${parent.id}]::integer[], 'people.update',
      jsonb_build_object('type', 'people.update', 'personId', ${parent.id}::integer), ${server.clock.now()}::timestamptz
    from generate_series(1, ${REPLAY_LIMIT + 100})`);
  const afterBusy = await cursorOf(parent.client);
  const latest = await post(admin, 'Свежее сообщение');
  server.clock.advance(EVENT_RETENTION_MS + DAY);
  expect(await server.parta.jobs.runDue()).toBeGreaterThan(0);
  await logInAgain();

  expect(await schoolEvents()).toBe(REPLAY_LIMIT + 1);
  expect((await resume(parent.client, beforeAll)).resync).toBe(true);
  expect(await resume(parent.client, afterBusy, latest.body.id)).toEqual({
    resync: false,
    sent: [latest.body.id],
  });
});

it('keeps the earlier texts of a message for the moderators for thirty days, then forgets them', async () => {
  await logInAgain();
  const message = await post(parent.client, 'Собрание в среду');
  await parent.client.patch(`/api/chats/${chatId}/messages/${message.body.id}`, {
    body: 'Собрание в четверг',
  });
  await parent.client.delete(`/api/chats/${chatId}/messages/${message.body.id}`);
  const history = () => admin.get(`/api/chats/${chatId}/messages/${message.body.id}/history`);
  expect((await history()).body.versions.map((v: { body: string }) => v.body)).toEqual([
    'Собрание в среду',
    'Собрание в четверг',
  ]);

  server.clock.advance(29 * DAY);
  await server.parta.jobs.runDue();
  await logInAgain();
  expect((await history()).body.versions).toHaveLength(2);
  server.clock.advance(2 * DAY);
  await server.parta.jobs.runDue();
  expect((await history()).body.versions).toEqual([]);
});

it('runs the daily jobs by itself once started, and stops them when it closes', async () => {
  const own = await startTestServer({ jobPollMs: 5 });
  const pruned = async () =>
    (
      await own.db.execute(sql`select data->>'what' as what from audit_log where type = 'retention.prune'`)
    ).rows
      .map((row) => row.what)
      .sort();
  await expect.poll(pruned, { timeout: 10_000 }).toEqual(['events', 'message_history', 'search_words']);
  await own.close();
});
