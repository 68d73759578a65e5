import { type ChildProcess, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ManualClock } from '../../../infra/clock.js';
import { enqueue } from '../../../infra/jobs.js';
import { addPerson, setUpSchool } from '../../../test/school.js';
import { startTestServer, type TestServer } from '../../../test/server.js';
import { RELEASE_JOB, releaseKey } from './jobs.js';

/**
 * Two nodes release held messages from one PostgreSQL. Each node is a
 * process of its own (test/job-node.ts: a pool, an action runner and the
 * server's job runner) rather than `parta serve`, because a served node
 * reads the system clock and these tests move time. The HTTP server below
 * only sets the school up; it never runs jobs.
 */
const jobNode = fileURLToPath(new URL('../../../test/job-node.ts', import.meta.url));
const LEASE_MS = 5_000;
const CHATS = 200;
const PER_CHAT = 5;

let server: TestServer;
let schoolId: number;
let parentId: number;
let chatIds: number[];
const nodes: ChildProcess[] = [];

type Answer = { ready?: true; taken?: number; error?: string };

async function startNode(): Promise<ChildProcess> {
  const child = fork(jobNode, [], {
    execArgv: ['--import', 'tsx'],
    env: { PATH: process.env.PATH, DATABASE_URL: server.databaseUrl, JOB_LEASE_MS: String(LEASE_MS) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  nodes.push(child);
  const [answer] = (await once(child, 'message')) as [Answer];
  expect(answer).toEqual({ ready: true });
  return child;
}

/** The node sets its clock to `at` and runs every due job; answers how many it took. */
async function runDue(node: ChildProcess, at: Date): Promise<number> {
  const answered = new Promise<Answer>((resolve, reject) => {
    node.once('message', resolve);
    node.once('exit', (_code, signal) => reject(new Error(`node exited (${signal})`)));
  });
  node.send({ run: at.toISOString() });
  const answer = await answered;
  if (answer.error !== undefined) throw new Error(answer.error);
  return answer.taken!;
}

/** Holds `messages` in SHARE mode: a release stops at its insert, its transaction open, until `commit`. */
async function blockDelivery() {
  const blocker = await server.pool.connect();
  await blocker.query('begin');
  await blocker.query('lock table messages in share mode');
  return {
    async commit() {
      await blocker.query('commit');
      blocker.release();
    },
  };
}

/** Backends of this database that wait inside a release (see blockDelivery). */
async function waitingReleases(): Promise<number[]> {
  const waiting = await server.db.execute<{ pid: number }>(sql`
    select pid from pg_stat_activity
    where datname = current_database() and wait_event_type = 'Lock' and query like '%pending_messages%'`);
  return waiting.rows.map((row) => row.pid);
}

/** Bounded polling (a minute at most) for something another process does; no fixed sleeps. */
async function waitFor<T>(what: string, probe: () => Promise<T | null>): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const found = await probe();
    if (found !== null) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await delay(20);
  }
}

/** Moscow time on a given day. */
const moscow = (date: string, time: string) => new Date(`${date}T${time}+03:00`);

/**
 * A parent's evening messages in every chat, PER_CHAT each, written one
 * second apart; they wait for `moments` moments from `opening` on (a minute
 * apart, later messages later), each with its release job, as holds and
 * schedules make them. Answers each chat's client ids in written order.
 */
async function holdEvening(evening: Date, opening: Date, moments: number): Promise<Map<number, string[]>> {
  const written = new Map<number, string[]>();
  const rows: { chat: number; clientId: string; writtenAt: Date; deliverAt: Date }[] = [];
  for (const chat of chatIds) {
    const ids: string[] = [];
    for (let k = 0; k < PER_CHAT; k++) {
      const clientId = randomUUID();
      ids.push(clientId);
      rows.push({
        chat,
        clientId,
        writtenAt: new Date(evening.getTime() + k * 1000),
        deliverAt: new Date(opening.getTime() + Math.floor((k * moments) / PER_CHAT) * 60_000),
      });
    }
    written.set(chat, ids);
  }
  // Random insertion order: the ids of pending_messages must not be what orders delivery.
  rows.sort(() => Math.random() - 0.5);
  await server.db.execute(sql`
    insert into pending_messages (school_id, chat_id, author_id, client_id, body, reason, written_at, deliver_at)
    select ${schoolId}, r.chat, ${parentId}, r.client_id, 'вечером', 'hours', r.written_at, r.deliver_at
    from unnest(${`{${rows.map((r) => r.chat).join(',')}}`}::int[],
      ${`{${rows.map((r) => r.clientId).join(',')}}`}::uuid[],
      ${`{${rows.map((r) => r.writtenAt.toISOString()).join(',')}}`}::timestamptz[],
      ${`{${rows.map((r) => r.deliverAt.toISOString()).join(',')}}`}::timestamptz[])
      as r(chat, client_id, written_at, deliver_at)`);
  for (let minute = 0; minute < moments; minute++) {
    const at = new Date(opening.getTime() + minute * 60_000);
    await enqueue(server.db, RELEASE_JOB, at, {}, { key: releaseKey(at) });
  }
  return written;
}

/** Every held message is in `messages` exactly once, each chat in written order with rising ids. */
async function expectDeliveredOnce(written: Map<number, string[]>) {
  const clientIds = [...written.values()].flat();
  const delivered = await server.db.execute<{ chat_id: number; client_id: string; n: number }>(sql`
    select chat_id, client_id, count(*) over (partition by client_id)::int as n from messages
    where client_id = any(${`{${clientIds.join(',')}}`}::uuid[]) order by id`);
  expect(delivered.rows).toHaveLength(clientIds.length);
  expect(delivered.rows.filter((row) => row.n !== 1)).toEqual([]);
  const byChat = new Map<number, string[]>();
  for (const row of delivered.rows)
    byChat.set(row.chat_id, [...(byChat.get(row.chat_id) ?? []), row.client_id]);
  expect(byChat).toEqual(written);
  const left = await server.db.execute(sql`select count(*)::int as n from pending_messages`);
  expect(left.rows[0]).toEqual({ n: 0 });
}

beforeAll(async () => {
  server = await startTestServer({ clock: new ManualClock(moscow('2026-12-01', '10:00')) });
  const admin = await setUpSchool(server);
  const teacher = await addPerson(server, admin, {
    fullName: 'Галиева Алсу',
    login: 'galieva',
    roles: ['teacher'],
  });
  const parent = await addPerson(server, admin, {
    fullName: 'Петров Иван',
    login: 'petrov',
    roles: ['parent'],
  });
  parentId = parent.id;
  const first = await admin.post('/api/chats', { title: 'Родители 1', memberIds: [teacher.id, parent.id] });
  expect(first.status).toBe(201);
  // The other chats are copies of the one the admin made (creating chats is rate-limited per account).
  const copies = await server.db.execute<{ id: number; school_id: number }>(sql`
    insert into chats (school_id, kind, title, created_by, created_at)
    select school_id, kind, 'Родители ' || n, created_by, created_at
    from chats, generate_series(2, ${CHATS}) n where id = ${first.body.id}
    returning id, school_id`);
  chatIds = [first.body.id, ...copies.rows.map((row) => row.id)];
  schoolId = copies.rows[0]!.school_id;
  await server.db.execute(sql`
    insert into chat_members (chat_id, user_id, role, joined_at)
    select c.id, m.user_id, m.role, m.joined_at
    from chat_members m, unnest(${`{${chatIds.slice(1).join(',')}}`}::int[]) c(id)
    where m.chat_id = ${first.body.id}`);
  await server.db.execute(sql`delete from jobs`);
}, 120_000);

afterAll(async () => {
  for (const node of nodes) if (node.exitCode === null && node.signalCode === null) node.kill('SIGKILL');
  await server?.close();
});

it('deliver 1,000 held messages exactly once and in written order when two nodes release them at once', async () => {
  const written = await holdEvening(moscow('2026-12-01', '21:00'), moscow('2026-12-02', '07:30'), 3);
  const [a, b] = await Promise.all([startNode(), startNode()]);
  const at = moscow('2026-12-02', '07:33');
  // Both nodes are made to be inside a release at the same moment, each with chats it locked.
  const block = await blockDelivery();
  const both = Promise.all([runDue(a, at), runDue(b, at)]);
  await waitFor('both nodes inside a release', async () =>
    (await waitingReleases()).length === 2 ? true : null,
  );
  await block.commit();
  const [byA, byB] = await both;
  expect(byA).toBeGreaterThan(0);
  expect(byB).toBeGreaterThan(0);
  await expectDeliveredOnce(written);
  expect((await server.db.execute(sql`select kind from jobs where kind = ${RELEASE_JOB}`)).rows).toEqual([]);
}, 120_000);

it('lose nothing when a node dies in the middle of a release: the other delivers it all, once, after the lease', async () => {
  const written = await holdEvening(moscow('2026-12-02', '21:00'), moscow('2026-12-03', '07:30'), 1);
  const [doomed, survivor] = await Promise.all([startNode(), startNode()]);
  const at = moscow('2026-12-03', '07:31');
  const block = await blockDelivery();
  const dying = runDue(doomed, at).catch(() => 'gone');
  const stuck = await waitFor(
    'the doomed node inside its release',
    async () => (await waitingReleases())[0] ?? null,
  );
  const exited = once(doomed, 'exit');
  doomed.kill('SIGKILL');
  await exited;
  expect(await dying).toBe('gone');
  await block.commit();
  // Its backend finds its client gone and rolls the release back.
  await waitFor('the doomed node’s transaction to end', async () => {
    const left = await server.db.execute(sql`select from pg_stat_activity where pid = ${stuck}`);
    return left.rows.length === 0 ? true : null;
  });
  expect((await server.db.execute(sql`select count(*)::int as n from pending_messages`)).rows[0]).toEqual({
    n: CHATS * PER_CHAT,
  });

  // The job it took is leased to it: the survivor leaves it until the lease runs out.
  const taken = await server.db.execute<{ locked_until: Date }>(sql`
    select locked_until from jobs where kind = ${RELEASE_JOB} and locked_by is not null`);
  expect(taken.rows).toHaveLength(1);
  const leaseEnd = new Date(taken.rows[0]!.locked_until);
  expect(await runDue(survivor, new Date(leaseEnd.getTime() - 1))).toBe(0);
  expect((await server.db.execute(sql`select count(*)::int as n from pending_messages`)).rows[0]).toEqual({
    n: CHATS * PER_CHAT,
  });
  expect(await runDue(survivor, leaseEnd)).toBeGreaterThan(0);
  await expectDeliveredOnce(written);
  expect((await server.db.execute(sql`select from jobs where kind = ${RELEASE_JOB}`)).rows).toEqual([]);
}, 120_000);
