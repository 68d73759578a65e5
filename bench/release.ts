/**
 * The morning release: `--messages` held messages (default 10,000) across
 * `--chats` chats (300) of the demo school wait for 07:30; the bench sets a
 * manual clock to 07:30 and times until the release job has delivered them
 * all (every one in `messages`, none left pending). One node is one job
 * runner with its own pool (the built server's JobRunner, ActionRunner and
 * job kinds, as `parta serve` wires them); `--nodes 2` runs two of them
 * against the same database at once, in this one process. No HTTP server:
 * a served node reads the system clock, and the bench must say when 07:30
 * is.
 *
 *   npx tsc -b protocol server && npx tsx bench/release.ts
 *   npx tsx bench/release.ts --nodes 2 --runs 3
 *
 * See bench/README.md.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type pg from 'pg';
import { cli, numberOption } from './lib/cli.js';
import { machineCpuSeconds, waitForQuiet } from './lib/procfs.js';
import type { Cleanups } from './lib/search-setup.js';
import { assertBuilt, createScratchDatabase, PgClient, repoRoot } from './lib/server.js';

const usage = `Usage: npx tsx bench/release.ts [options]   (builds nothing: run npx tsc -b protocol server first)
  --db postgres://postgres@127.0.0.1:5432   the server to make a scratch database on
  --messages 10000     held messages per morning (100…100000)
  --chats 300          chats they are spread over (1…2000)
  --nodes 1            job runners releasing at once, each with its own pool (1…4)
  --runs 3             mornings, one after another (1…20)
  --quiet-wait 10      before each morning, wait up to this long for the machine to be idle (0: don't)
  --max-seconds 900    hard cap on the whole run
  --statements         also print where the database time went: the statements of the measured
                       release by total time (timed in this process, so waits for the CPU count)
  --json               print the result as one JSON line on stdout`;

const { values: flags } = cli(usage, () =>
  parseArgs({
    options: {
      help: { type: 'boolean', default: false },
      db: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432' },
      messages: { type: 'string', default: '10000' },
      chats: { type: 'string', default: '300' },
      nodes: { type: 'string', default: '1' },
      runs: { type: 'string', default: '3' },
      'quiet-wait': { type: 'string', default: '10' },
      'max-seconds': { type: 'string', default: '900' },
      statements: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  }),
);
const messages = Math.round(numberOption('messages', flags.messages, 100, 100_000));
const chats = Math.round(numberOption('chats', flags.chats, 1, 2000));
const nodeCount = Math.round(numberOption('nodes', flags.nodes, 1, 4));
const runs = Math.round(numberOption('runs', flags.runs, 1, 20));
const quietWait = numberOption('quiet-wait', flags['quiet-wait'], 0, 120);
const maxSeconds = numberOption('max-seconds', flags['max-seconds'], 60, 3600);

const log = (line: string) => console.error(line);
const cleanups: Cleanups = [];

interface Runner {
  runDue(): Promise<number>;
}
interface Clock {
  set(at: Date): void;
}

const load = (file: string) => import(pathToFileURL(path.join(repoRoot, 'server/dist', file)).href);

/** The built server's own job runner, wired as app.ts wires it, on a pool of its own. */
async function startNode(databaseUrl: string, clock: Clock): Promise<Runner> {
  const [client, actions, bus, jobs, kinds] = await Promise.all([
    load('db/client.js'),
    load('infra/actions.js'),
    load('infra/bus.js'),
    load('infra/jobs.js'),
    load('job-kinds.js'),
  ]);
  const { db, pool } = client.connect(databaseUrl, 10) as { db: unknown; pool: pg.Pool };
  cleanups.push(() => pool.end());
  const runner = new actions.ActionRunner({ db, bus: new bus.MemoryBus(), clock, logger: quiet });
  return kinds.registerJobs(new jobs.JobRunner({ db, actions: runner, clock, logger: quiet })) as Runner;
}

/** A logger that says nothing (the server's pino is not a dependency of the bench). */
const quiet = {
  level: 'silent',
  child: () => quiet,
  ...Object.fromEntries(['fatal', 'error', 'warn', 'info', 'debug', 'trace'].map((name) => [name, () => {}])),
};

/**
 * The demo school's structure (`parta demo` without its week of messages:
 * 22 classes, ~1,300 people, 47 structural chats), on the migrated scratch
 * database, by the built server's own action.
 */
async function seedSchool(databaseUrl: string): Promise<void> {
  const [client, migrate, actions, bus, clocks, org] = await Promise.all([
    load('db/client.js'),
    load('db/migrate.js'),
    load('infra/actions.js'),
    load('infra/bus.js'),
    load('infra/clock.js'),
    load('domains/org/actions/index.js'),
  ]);
  const { db, pool } = client.connect(databaseUrl, 2) as { db: unknown; pool: pg.Pool };
  try {
    await migrate.migrateDatabase(pool);
    const runner = new actions.ActionRunner({
      db,
      bus: new bus.MemoryBus(),
      clock: clocks.systemClock,
      logger: quiet,
    });
    await runner.run({ kind: 'system' }, org.seedDemoSchool, { passwordHash: 'no logins in this bench' });
  } finally {
    await pool.end();
  }
}

/** The demo school's class chats, copied until there are `chats` of them, each with its members. */
async function makeChats(db: pg.Client): Promise<void> {
  const { rows } = await db.query<{ n: number }>(
    `with source as (select id, row_number() over (order by id) - 1 as k, count(*) over () as total
       from chats where class_id is not null),
     made as (
       insert into chats (school_id, kind, title, class_id, created_by, created_at)
       select c.school_id, 'group', 'Копия ' || g || ': ' || c.title, null, c.created_by, c.created_at
       from generate_series(1, $1::int) g join source s on s.k = (g - 1) % s.total join chats c on c.id = s.id
       returning id, title)
     insert into chat_members (chat_id, user_id, role, joined_at)
     select made.id, m.user_id, m.role, m.joined_at from made
       join chats c on c.title = substring(made.title from ': (.*)$') and c.class_id is not null
       join chat_members m on m.chat_id = c.id
     returning 1 as n`,
    [chats],
  );
  log(`made ${chats} chats with ${rows.length} memberships`);
}

/**
 * `messages` messages written the evening before `opening` (20:00–07:29),
 * each by a member of its chat, spread evenly over the copied chats, held
 * until `opening` with its release job, as holdMessage leaves them.
 */
async function holdNight(db: pg.Client, opening: Date): Promise<void> {
  const evening = new Date(opening.getTime() - 11.5 * 3600_000);
  await db.query(
    `with targets as (select id, row_number() over (order by id) - 1 as k from chats where title like 'Копия %'),
     numbered as (select g, t.id as chat_id from generate_series(0, $1::int - 1) g
       join targets t on t.k = g % (select count(*) from targets))
     insert into pending_messages (school_id, chat_id, author_id, client_id, body, reason, written_at, deliver_at)
     select c.school_id, n.chat_id,
       (select m.user_id from chat_members m where m.chat_id = n.chat_id
        order by m.user_id offset (n.g / 7) % (select count(*) from chat_members m2 where m2.chat_id = n.chat_id)
        limit 1),
       gen_random_uuid(), 'Добрый вечер! Вопрос про домашнее задание номер ' || n.g, 'hours',
       $2::timestamptz + (n.g * (11.5 * 3600 / $1::int)) * interval '1 second', $3
     from numbered n join chats c on c.id = n.chat_id`,
    [messages, evening, opening],
  );
  await db.query(
    `insert into jobs (kind, key, payload, run_at, created_at)
     values ('messages.release', $1, '{}'::jsonb, $2, now()) on conflict (key) do nothing`,
    [`messages.release:${opening.toISOString()}`, opening],
  );
  await db.query('vacuum analyze pending_messages');
}

/** Statement → [calls, total ms], while `recording`: every query of the server's pg client is timed. */
const statements = new Map<string, [number, number]>();
let recording = false;
function timeStatements(): void {
  const proto = PgClient.prototype as { query: (...args: unknown[]) => unknown };
  const query = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const result = query.apply(this, args);
    const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string })?.text;
    if (!recording || !text || !(result instanceof Promise)) return result;
    const key = text.replace(/\s+/g, ' ').trim().slice(0, 90);
    const begun = performance.now();
    return result.finally(() => {
      const [calls, ms] = statements.get(key) ?? [0, 0];
      statements.set(key, [calls + 1, ms + performance.now() - begun]);
    });
  };
}

async function countDelivered(db: pg.Client, opening: Date) {
  const { rows } = await db.query<{ delivered: number; pending: number; disordered: number }>(
    `select (select count(*)::int from messages where created_at = $1 and delivery = 'held') as delivered,
       (select count(*)::int from pending_messages) as pending,
       (select count(*)::int from (select written_at < lag(written_at) over (partition by chat_id order by id) as back
          from messages where created_at = $1) o where back) as disordered`,
    [opening],
  );
  return rows[0]!;
}

async function main() {
  assertBuilt();
  const database = await createScratchDatabase(flags.db!);
  cleanups.push(() => database.drop());
  await seedSchool(database.url);
  const db = new PgClient({ connectionString: database.url });
  await db.connect();
  cleanups.push(() => db.end());
  await makeChats(db);
  if (flags.statements) timeStatements();
  const clocks = await load('infra/clock.js');
  const clock = new clocks.ManualClock() as Clock;
  const nodes = await Promise.all(Array.from({ length: nodeCount }, () => startNode(database.url, clock)));

  // 07:30 in Moscow (the demo school's zone) on the days after today.
  const today = new Date().toISOString().slice(0, 10);
  const results: { seconds: number; jobs: number; busyCores: number }[] = [];
  for (let run = 1; run <= runs; run++) {
    const opening = new Date(new Date(`${today}T07:30:00+03:00`).getTime() + run * 24 * 3600_000);
    clock.set(new Date(opening.getTime() - 60_000));
    await holdNight(db, opening);
    for (const node of nodes) await node.runDue(); // the day's recurring jobs, not measured
    if (quietWait > 0) await waitForQuiet(quietWait);
    clock.set(opening);
    const machineBefore = machineCpuSeconds();
    const begun = performance.now();
    recording = true;
    const taken = await Promise.all(nodes.map((node) => node.runDue()));
    const seconds = (performance.now() - begun) / 1000;
    recording = false;
    const busyCores = (machineCpuSeconds() - machineBefore) / seconds;
    const counted = await countDelivered(db, opening);
    if (counted.delivered !== messages || counted.pending !== 0 || counted.disordered !== 0)
      throw new Error(`run ${run}: ${JSON.stringify(counted)} (expected ${messages} delivered, none left)`);
    const jobs = taken.reduce((a, b) => a + b, 0);
    log(
      `morning ${run}: ${messages} messages in ${chats} chats delivered in ${seconds.toFixed(2)} s ` +
        `by ${nodeCount} node(s), ${jobs} release runs (${taken.join(' + ')}); machine busy ${busyCores.toFixed(2)} cores`,
    );
    results.push({ seconds, jobs, busyCores });
  }
  const top = [...statements].sort((a, b) => b[1][1] - a[1][1]).slice(0, 12);
  for (const [text, [calls, ms]] of top)
    log(`${(ms / runs).toFixed(0).padStart(6)} ms/morning ${String(calls).padStart(5)}×  ${text}`);
  return { messages, chats, nodes: nodeCount, results };
}

async function cleanUp() {
  for (const step of cleanups.reverse()) {
    try {
      await step();
    } catch (error) {
      log(`cleanup: ${(error as Error).message}`);
    }
  }
  cleanups.length = 0;
}

async function abandon(why: string, code: number): Promise<never> {
  log(`release bench: ${why}; stopping what it started`);
  await cleanUp();
  process.exit(code);
}

setTimeout(() => void abandon(`hard cap of ${maxSeconds} s reached`, 2), maxSeconds * 1000).unref();
process.once('SIGINT', () => void abandon('interrupted', 130));

main().then(
  async (result) => {
    await cleanUp();
    if (flags.json) console.log(JSON.stringify(result));
    process.exit(0);
  },
  async (error: Error) => {
    log(`release bench failed: ${error.stack ?? error.message}`);
    await cleanUp();
    process.exit(1);
  },
);
