/**
 * The chat list (`GET /api/chats`) of a class teacher of the demo school when
 * one of her chats has piled up unread messages: measured with none, then
 * after `--unread` messages from a parent are bulk-inserted into her class's
 * parents' chat.
 *
 *   npx tsc -b protocol server && npx tsx bench/chat-list.ts --unread 100000
 *
 * See bench/README.md.
 */
import { parseArgs } from 'node:util';
import { cli, numberOption } from './lib/cli.js';
import { Client } from './lib/http.js';
import { machineCpuSeconds, waitForQuiet } from './lib/procfs.js';
import { type Cleanups, DEMO_PASSWORD, startSearchServer } from './lib/search-setup.js';
import { logTail, PgClient } from './lib/server.js';
import { percentile } from './lib/stats.js';

const usage = `Usage: npx tsx bench/chat-list.ts [options]   (builds nothing: run npx tsc -b protocol server first)
  --db postgres://postgres@127.0.0.1:5432   a scratch database on this server ("embedded": Parta's own)
  --unread 100000      messages bulk-inserted unread into one chat (1…1000000)
  --requests 30        timed GET /api/chats, one after another, at each stage (1…500)
  --quiet-wait 10      before measuring, wait up to this long for the machine to be idle (0: don't)
  --max-seconds 600    hard cap on the whole run
  --json               print the result as one JSON line on stdout`;

const { values: flags } = cli(usage, () =>
  parseArgs({
    options: {
      help: { type: 'boolean', default: false },
      db: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432' },
      unread: { type: 'string', default: '100000' },
      requests: { type: 'string', default: '30' },
      'quiet-wait': { type: 'string', default: '10' },
      'max-seconds': { type: 'string', default: '600' },
      json: { type: 'boolean', default: false },
    },
  }),
);
const unread = Math.round(numberOption('unread', flags.unread, 1, 1_000_000));
const requests = Math.round(numberOption('requests', flags.requests, 1, 500));
const quietWait = numberOption('quiet-wait', flags['quiet-wait'], 0, 120);
const maxSeconds = numberOption('max-seconds', flags['max-seconds'], 30, 1800);

const log = (line: string) => console.error(line);
const cleanups: Cleanups = [];
let logFile = '';

interface Timing {
  p50: number;
  p95: number;
  max: number;
  chats: number;
  unreadShown: number;
}

/** `requests` sequential list loads after three untimed ones; the list's size and its largest unread count. */
async function timeList(client: Client): Promise<Timing> {
  let chats = 0;
  let unreadShown = 0;
  const load = async () => {
    const reply = await client.get<{ chats: { unreadCount: number }[] }>('/api/chats');
    if (reply.status !== 200) throw new Error(`GET /api/chats answered ${reply.status}`);
    chats = reply.body.chats.length;
    unreadShown = Math.max(...reply.body.chats.map((chat) => chat.unreadCount));
  };
  for (let i = 0; i < 3; i++) await load();
  if (quietWait > 0) await waitForQuiet(quietWait);
  const times: number[] = [];
  for (let i = 0; i < requests; i++) {
    const begun = performance.now();
    await load();
    times.push(performance.now() - begun);
  }
  times.sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 10) / 10;
  return {
    p50: round(percentile(times, 50)),
    p95: round(percentile(times, 95)),
    max: round(times.at(-1)!),
    chats,
    unreadShown,
  };
}

async function main() {
  const server = await startSearchServer(cleanups, flags.db, (file) => {
    logFile = file;
  });
  const db = new PgClient({ connectionString: server.databaseUrl });
  await db.connect();
  cleanups.push(() => db.end());
  // teacher04: the class teacher of 1Б in the demo school; her class's parents' chat gets the pile.
  const { rows } = await db.query<{ teacher: number; chat: number; parent: number }>(
    `select t.id as teacher, c.id as chat, (select m.user_id from chat_members m
       where m.chat_id = c.id and m.user_id <> t.id order by m.user_id limit 1) as parent
     from users t join classes k on k.class_teacher_id = t.id join chats c on c.class_id = k.id
     where t.login = 'teacher04' and c.structural_key like '%:parents' order by c.id limit 1`,
  );
  const target = rows[0]!;
  const teacher = new Client(server.baseUrl);
  await teacher.expect(200, '/api/auth/login', { login: 'teacher04', password: DEMO_PASSWORD });
  const machineBefore = machineCpuSeconds();
  const begun = performance.now();
  const empty = await timeList(teacher);
  log(`no unread: p50 ${empty.p50} ms, p95 ${empty.p95} ms, max ${empty.max} ms over ${empty.chats} chats`);

  const inserting = performance.now();
  await db.query(
    `insert into messages (school_id, chat_id, author_id, client_id, body, created_at)
     select c.school_id, c.id, $2, gen_random_uuid(), 'Сообщение номер ' || g, now() - (($3 - g) * interval '1 second')
     from chats c, generate_series(1, $3::int) as g where c.id = $1`,
    [target.chat, target.parent, unread],
  );
  await db.query('vacuum analyze messages');
  log(
    `inserted ${unread} unread messages into chat ${target.chat} in ${Math.round(performance.now() - inserting)} ms`,
  );
  const piled = await timeList(teacher);
  log(
    `${unread} unread in one chat: p50 ${piled.p50} ms, p95 ${piled.p95} ms, max ${piled.max} ms ` +
      `(largest unread count shown: ${piled.unreadShown})`,
  );
  const busyCores = (machineCpuSeconds() - machineBefore) / ((performance.now() - begun) / 1000);
  return {
    db: server.embedded ? 'embedded' : 'system',
    unread,
    requests,
    empty,
    piled,
    machineBusyCores: busyCores,
  };
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
  log(`chat-list bench: ${why}; stopping what it started`);
  await cleanUp();
  process.exit(code);
}

setTimeout(() => void abandon(`hard cap of ${maxSeconds} s reached`, 2), maxSeconds * 1000).unref();
process.once('SIGINT', () => void abandon('interrupted', 130));

main().then(
  async (result) => {
    await cleanUp();
    log(`machine busy ${result.machineBusyCores.toFixed(2)} cores on average while measuring`);
    if (flags.json) console.log(JSON.stringify(result));
    process.exit(0);
  },
  async (error: Error) => {
    log(`chat-list bench failed: ${error.stack ?? error.message}`);
    if (logFile) log(logTail(logFile));
    await cleanUp();
    process.exit(1);
  },
);
