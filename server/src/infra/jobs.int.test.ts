import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { connect, type Db } from '../db/client.js';
import { createTestDatabase } from '../test/database.js';
import { type Action, ActionRunner } from './actions.js';
import { MemoryBus } from './bus.js';
import { ManualClock } from './clock.js';
import { AppError } from './errors.js';
import { enqueue, JOB_LEASE_MS, JobRunner, retryDelayMs } from './jobs.js';

/** Two nodes on one database: each has its own pool, action runner and job runner. */
const clock = new ManualClock();
const logger = pino({ level: 'silent' });
let database: Awaited<ReturnType<typeof createTestDatabase>>;
const pools: { end(): Promise<void> }[] = [];
let db: Db;

function node(name: string, kinds: (runner: JobRunner, name: string) => void): JobRunner {
  const { db: nodeDb, pool } = connect(database.url, 4);
  pools.push(pool);
  const actions = new ActionRunner({ db: nodeDb, bus: new MemoryBus(), clock, logger });
  const runner = new JobRunner({ db: nodeDb, actions, clock, logger });
  kinds(runner, name);
  return runner;
}

/** The job's one visible effect: a row naming the job and the node that ran it. */
const recordEffect =
  (name: string, before: () => Promise<void> = async () => {}): Action<{ n: number }, null> =>
  async ({ tx }, payload) => {
    await before();
    await tx.execute(sql`insert into job_effects (n, node) values (${payload.n}, ${name})`);
    return { result: null, audit: null };
  };

const effects = async () =>
  (await db.execute<{ n: number; node: string }>(sql`select n, node from job_effects order by n`)).rows;

beforeAll(async () => {
  database = await createTestDatabase();
  const connection = connect(database.url, 2);
  pools.push(connection.pool);
  db = connection.db;
  await db.execute(sql`create table job_effects (n integer not null, node text not null)`);
});
beforeEach(async () => {
  await db.execute(sql`truncate job_effects, jobs`);
});
afterAll(async () => {
  for (const pool of pools) await pool.end();
  await database?.drop();
});

it('runs each job once when two nodes take jobs from one database at the same time', async () => {
  const [a, b] = ['a', 'b'].map((name) =>
    node(name, (runner) => runner.register('test.effect', { run: recordEffect(name) })),
  ) as [JobRunner, JobRunner];
  for (let n = 1; n <= 40; n++) await enqueue(db, 'test.effect', clock.now(), { n });

  const [byA, byB] = await Promise.all([a.runDue(), b.runDue()]);

  expect(byA + byB).toBe(40);
  expect((await effects()).map((row) => row.n)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  expect((await db.execute(sql`select * from jobs`)).rows).toEqual([]);
});

it('takes a job again when the node that held it stops answering, once its lease has run out', async () => {
  let entered: () => void = () => {};
  const inHand = new Promise<void>((resolve) => {
    entered = resolve;
  });
  let release: () => void = () => {};
  const hung = new Promise<void>((resolve) => {
    release = resolve;
  });
  const a = node('a', (runner, name) =>
    runner.register('test.effect', {
      run: recordEffect(name, async () => {
        entered();
        await hung;
      }),
    }),
  );
  const b = node('b', (runner, name) => runner.register('test.effect', { run: recordEffect(name) }));
  await enqueue(db, 'test.effect', clock.now(), { n: 1 });

  const stuck = a.runDue();
  await inHand;
  expect(await b.runDue()).toBe(0);
  clock.advance(JOB_LEASE_MS);
  expect(await b.runDue()).toBe(1);
  expect(await effects()).toEqual([{ n: 1, node: 'b' }]);

  // The stuck node wakes up: its lease is gone, so its work is rolled back.
  release();
  await stuck;
  expect(await effects()).toEqual([{ n: 1, node: 'b' }]);
  expect((await db.execute(sql`select * from jobs`)).rows).toEqual([]);
});

it('retries a failing job later and later, and leaves it dead after five tries', async () => {
  let calls = 0;
  const failing: Action<unknown, null> = async () => {
    calls++;
    throw new AppError('messages.not_found');
  };
  const a = node('a', (runner) => runner.register('test.failing', { run: failing }));
  await enqueue(db, 'test.failing', clock.now(), {});

  for (let attempt = 1; attempt <= 5; attempt++) {
    expect(await a.runDue()).toBe(1);
    expect(await a.runDue()).toBe(0);
    clock.advance(retryDelayMs(attempt));
  }
  expect(calls).toBe(5);
  const [job] = (
    await db.execute<{ state: string; attempts: number; last_error: string }>(
      sql`select state, attempts, last_error from jobs`,
    )
  ).rows;
  expect(job).toEqual({ state: 'dead', attempts: 5, last_error: 'messages.not_found' });
  clock.advance(24 * 60 * 60 * 1000);
  expect(await a.runDue()).toBe(0);
});

it('schedules a recurring job once however many nodes start, and runs it again each period', async () => {
  const every = 60 * 60 * 1000;
  let n = 0;
  const tick: Action<unknown, null> = async ({ tx }) => {
    n++;
    await tx.execute(sql`insert into job_effects (n, node) values (${n}, 'any')`);
    return { result: null, audit: null };
  };
  const [a, b] = ['a', 'b'].map((name) =>
    node(name, (runner) => runner.register('test.tick', { run: tick, everyMs: every })),
  ) as [JobRunner, JobRunner];
  await a.scheduleRecurring();
  await b.scheduleRecurring();
  expect((await db.execute(sql`select * from jobs`)).rows).toHaveLength(1);

  expect((await a.runDue()) + (await b.runDue())).toBe(1);
  clock.advance(every - 1);
  expect(await a.runDue()).toBe(0);
  clock.advance(1);
  expect(await b.runDue()).toBe(1);
  expect((await effects()).length).toBe(2);
});

it('does not queue a job whose action rolled back', async () => {
  const a = node('a', () => {});
  await expect(
    db.transaction(async (tx) => {
      await enqueue(tx, 'test.effect', clock.now(), { n: 1 });
      throw new Error('rolled back');
    }),
  ).rejects.toThrow('rolled back');
  expect((await db.execute(sql`select * from jobs`)).rows).toEqual([]);
  expect(await a.runDue()).toBe(0);
});
