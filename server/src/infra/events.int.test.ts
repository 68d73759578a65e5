import { sql } from 'drizzle-orm';
import pg from 'pg';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { connect, type Db } from '../db/client.js';
import { EventFeed } from '../realtime/feed.js';
import { createTestDatabase } from '../test/database.js';
import { MemoryBus } from './bus.js';
import {
  appendEvents,
  latestCursor,
  readEventsAfter,
  readEventsForUser,
  type StoredEvent,
} from './events.js';

/**
 * Event ids are drawn without a lock, so two transactions can commit in the
 * opposite order of their ids. These tests hold transactions open with two
 * (or more) connections and check that no reader — the feed, the replay
 * query, `latestCursor` — ever hands out an id while a smaller one may still
 * commit, and that an id that rolled back is passed over once it is final.
 */
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: Db;
let pool: pg.Pool;
let schoolId: number;
const USER = 7;
const feeds: EventFeed[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  ({ db, pool } = connect(database.url, 12));
  const school = await db.execute<{ id: number }>(sql`
    insert into schools (name, time_zone, academic_year, join_code, created_at)
    values ('Школа', 'Europe/Moscow', 2026, '12345678', now()) returning id`);
  schoolId = school.rows[0]!.id;
});
afterEach(() => {
  for (const feed of feeds.splice(0)) feed.stop();
});
afterAll(async () => {
  await pool?.end();
  await database?.drop();
});

class Rollback extends Error {}

/** A transaction that appends one event and then waits to be told to commit or roll back. */
function writer() {
  let decide!: (commit: boolean) => void;
  const decision = new Promise<boolean>((resolve) => {
    decide = resolve;
  });
  let drawn!: (event: StoredEvent) => void;
  const written = new Promise<StoredEvent>((resolve) => {
    drawn = resolve;
  });
  const payload = { type: 'chats.create', chatId: 1, title: 'Тест', memberCount: 1 } as const;
  const done = db
    .transaction(async (tx) => {
      const [event] = await appendEvents(tx, schoolId, [{ payload, userIds: [USER] }], new Date());
      drawn(event!);
      if (!(await decision)) throw new Rollback();
    })
    .then(
      () => true,
      (error) => {
        if (error instanceof Rollback) return false;
        throw error;
      },
    );
  return {
    written,
    /** commits (or rolls back) and resolves once the transaction has ended */
    end: (commit: boolean) => {
      decide(commit);
      return done;
    },
  };
}

/** A node's feed on a bus the test publishes to, as the action runner does after commit. */
async function startFeed() {
  const bus = new MemoryBus();
  const feed = new EventFeed(db, bus, pino({ level: 'silent' }));
  await feed.start();
  feeds.push(feed);
  const delivered: number[] = [];
  const waiters = new Set<() => void>();
  feed.onEvents((events) => {
    delivered.push(...events.map((event) => event.cursor));
    for (const waiter of [...waiters]) waiter();
  });
  /**
   * Resolves once the feed has delivered what `condition` asks for (it does
   * so by itself: the gap check). If it never does, the test's own timeout
   * fails it, and the log names `what` and what was delivered.
   */
  const until = (condition: () => boolean, what: string) =>
    new Promise<void>((resolve) => {
      onTestFailed(() => console.error(`was waiting for ${what}; delivered ${delivered.join(',')}`));
      const check = () => {
        if (!condition()) return;
        waiters.delete(check);
        resolve();
      };
      waiters.add(check);
      check();
    });
  return { feed, bus, delivered, until };
}

describe('event ids that commit out of order', () => {
  it('holds back a later id that commits first until the earlier one commits', async () => {
    const { feed, bus, delivered } = await startFeed();
    const before = feed.cursor;
    const first = writer();
    const a = await first.written;
    const second = writer();
    const b = await second.written;
    expect(b.cursor).toBeGreaterThan(a.cursor);

    await second.end(true);
    await bus.publish([b]);
    await feed.catchUp();
    expect(delivered, 'the feed waits for the earlier id').toEqual([]);
    expect(await latestCursor(db)).toBe(before);
    const { events, final } = await readEventsAfter(db, before, 100);
    expect(events.map((event) => event.cursor)).toEqual([b.cursor]);
    expect(final).toBeLessThan(a.cursor);
    expect(await readEventsForUser(db, schoolId, USER, before, feed.cursor, 100)).toEqual([]);

    await first.end(true);
    await bus.publish([a]);
    expect(delivered).toEqual([a.cursor, b.cursor]);
    expect(feed.cursor).toBe(b.cursor);
    expect(await latestCursor(db)).toBe(b.cursor);
    const replay = await readEventsForUser(db, schoolId, USER, before, feed.cursor, 100);
    expect(replay.map((event) => event.cursor)).toEqual([a.cursor, b.cursor]);
  });

  it('passes over an id that rolled back, without anybody publishing anything more', async () => {
    const { bus, delivered, until } = await startFeed();
    const first = writer();
    const a = await first.written;
    const second = writer();
    const b = await second.written;
    await second.end(true);
    await bus.publish([b]);
    await first.end(false);
    // Nobody publishes anything more: the feed finds out from the table.
    await until(() => delivered.includes(b.cursor), 'the event after the rolled-back id');
    expect(delivered).toEqual([b.cursor]);
    expect(delivered).not.toContain(a.cursor);
    expect(await latestCursor(db)).toBe(b.cursor);
  });

  it('is not held back by a long-running transaction that writes no events', async () => {
    const { feed, bus, delivered } = await startFeed();
    const long = new pg.Client({ connectionString: database.url });
    await long.connect();
    try {
      await long.query('begin');
      await long.query('select pg_current_xact_id()');

      const first = writer();
      await first.written;
      const second = writer();
      const b = await second.written;
      await second.end(true);
      await bus.publish([b]);
      await first.end(false);
      await feed.catchUp();
      expect(delivered).toEqual([b.cursor]);
      expect(await latestCursor(db)).toBe(b.cursor);
      await long.query('commit');
    } finally {
      await long.end();
    }
  });

  it('never skips or repeats an id under many writers committing and rolling back in random order', async () => {
    const { bus, delivered, until } = await startFeed();
    let seed = 20_261_125;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const open = new Map<number, ReturnType<typeof writer>>();
    const committed: number[] = [];
    const violations: string[] = [];
    for (let step = 0; step < 120; step++) {
      if (open.size < 8 && random() < 0.6) {
        const w = writer();
        open.set((await w.written).cursor, w);
      } else if (open.size > 0) {
        const ids = [...open.keys()];
        const id = ids[Math.floor(random() * ids.length)]!;
        const w = open.get(id)!;
        open.delete(id);
        const commit = random() < 0.8;
        await w.end(commit);
        if (commit) {
          committed.push(id);
          void bus.publish([(await w.written)!]);
        }
      }
      if (step % 5 === 0) {
        const undecided = new Set(open.keys());
        const cursor = await latestCursor(db);
        const unsafe = [...undecided].filter((id) => open.has(id) && id <= cursor);
        if (unsafe.length > 0) violations.push(`latestCursor ${cursor} while ${unsafe} was open`);
      }
    }
    for (const [id, w] of open) {
      await w.end(true);
      committed.push(id);
      void bus.publish([await w.written]);
    }
    const expected = committed.sort((x, y) => x - y);
    await until(() => delivered.length >= expected.length, 'every committed event');
    expect(violations).toEqual([]);
    expect(delivered).toEqual(expected);
  });
});
