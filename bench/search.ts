/**
 * Search latency over a large generated history: the demo school, a million
 * (by default) Russian school-chat messages spread over its chats and a year,
 * then GET /api/search as a class teacher and as a parent with a mix of
 * queries — a common word in another form, a rare word, two words, a name, a
 * typo, a word that is not there, one chat, a second page — timed over HTTP,
 * plus EXPLAIN (ANALYZE, BUFFERS) of the slowest kinds.
 *
 *   npx tsx bench/search.ts                        # system PostgreSQL, 1,000,000 messages
 *   npx tsx bench/search.ts --messages 100000      # a quick try
 *   npx tsx bench/search.ts --db embedded          # Parta's own embedded PostgreSQL
 *
 * See bench/README.md for every option. Traffic goes to 127.0.0.1 only; the
 * run stops by itself (--max-minutes) and removes what it created.
 */
import { parseArgs } from 'node:util';
import { cli, numberOption } from './lib/cli.js';
import { cpuSeconds, machineCpuSeconds, processTree, waitForQuiet } from './lib/procfs.js';
import { explain, fullTextMatches } from './lib/search-explain.js';
import { loadMessages } from './lib/search-generate.js';
import { KINDS, measure, type Probe, probes, type Sample } from './lib/search-measure.js';
import { describeLoad, formatRows, latencyRows, log, planSummary } from './lib/search-report.js';
import { type Cleanups, type SearchServer, searchers, startSearchServer } from './lib/search-setup.js';
import { logTail, PgClient } from './lib/server.js';
import { summarize } from './lib/stats.js';

const usage = `Usage: npx tsx bench/search.ts [options]
  --db URL|embedded     PostgreSQL server to create a scratch database on
                        (default postgres://postgres@127.0.0.1:5432), or "embedded"
  --messages N          generated messages (10000–5000000, default 1000000)
  --days N              spread over this many days up to now (30–730, default 365)
  --rounds N            sequential passes over all queries (1–50, default 6)
  --concurrency N       then one pass with N requests at a time (0 = none, 1–16; default 4)
  --explain N           EXPLAIN (ANALYZE, BUFFERS) of the N slowest kinds (0–8, default 3)
  --seed N              text generator seed (default 1)
  --quiet-wait S        wait up to S seconds for the machine to go idle before measuring (default 60)
  --max-minutes M       hard cap on the whole run (5–240, default 60)
  --keep                keep the scratch database on an external server (its name is printed),
                        for looking at plans by hand; drop it yourself afterwards
  --json                also print one JSON line with every number on stdout`;

const { values: flags } = cli(usage, () =>
  parseArgs({
    options: {
      db: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432' },
      messages: { type: 'string', default: '1000000' },
      days: { type: 'string', default: '365' },
      rounds: { type: 'string', default: '6' },
      concurrency: { type: 'string', default: '4' },
      explain: { type: 'string', default: '3' },
      seed: { type: 'string', default: '1' },
      'quiet-wait': { type: 'string', default: '60' },
      'max-minutes': { type: 'string', default: '60' },
      json: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean' },
    },
  }),
);
const config = {
  db: flags.db!,
  messages: numberOption('messages', flags.messages, 10_000, 5_000_000),
  days: numberOption('days', flags.days, 30, 730),
  rounds: numberOption('rounds', flags.rounds, 1, 50),
  concurrency: numberOption('concurrency', flags.concurrency, 0, 16),
  explain: numberOption('explain', flags.explain, 0, 8),
  seed: numberOption('seed', flags.seed, 0, 2 ** 31),
  quietWait: numberOption('quiet-wait', flags['quiet-wait'], 0, 3600),
  maxMs: numberOption('max-minutes', flags['max-minutes'], 5, 240) * 60_000,
};

/** CPU of the server (Node and, embedded, its PostgreSQL; external: its pool's backends), the bench and the rest. */
function cpuMeter(server: SearchServer, backends: number[]) {
  const pids = () => [...processTree(server.process.pid), ...backends];
  const start = { machine: machineCpuSeconds(), server: cpuSeconds(pids()).own, bench: process.cpuUsage() };
  const began = performance.now();
  return () => {
    const wall = (performance.now() - began) / 1000;
    const serverS = cpuSeconds(pids()).own - start.server;
    const bench = process.cpuUsage(start.bench);
    const benchS = (bench.user + bench.system) / 1e6;
    const others = machineCpuSeconds() - start.machine - serverS - benchS;
    const cores = (s: number) => Math.round((s / wall) * 100) / 100;
    return {
      serverCores: cores(serverS),
      benchCores: cores(benchS),
      othersCores: cores(Math.max(0, others)),
    };
  };
}

async function run(cleanups: Cleanups, setLog: (file: string) => void): Promise<Record<string, unknown>> {
  const began = performance.now();
  const server = await startSearchServer(cleanups, config.db, setLog, flags.keep);
  if (flags.keep && !server.embedded) log(`keeping the database: ${server.databaseUrl}`);
  log(
    `server: ${server.baseUrl} (database ${server.embedded ? 'embedded' : config.db}); demo school in ${(server.demoMs / 1000).toFixed(1)} s`,
  );
  const people = await searchers(server.baseUrl, server.databaseUrl);
  for (const person of people) log(`${person.label} ${person.login}: ${person.chatIds.length} chats`);

  const db = new PgClient({ connectionString: server.databaseUrl });
  await db.connect();
  cleanups.push(() => db.end());
  const version = (await db.query<{ v: string }>('select version() as v')).rows[0]!.v;
  log(`${version.split(',')[0]}; generating ${config.messages.toLocaleString('en')} messages…`);
  const load = await loadMessages(db, { count: config.messages, days: config.days, seed: config.seed, log });
  for (const line of describeLoad(load)) log(line);
  const schoolId = (await db.query<{ id: number }>('select id from schools limit 1')).rows[0]!.id;
  const visible: Record<string, number> = {};
  for (const person of people) {
    const n = await db.query<{ n: string }>(
      'select count(*) as n from messages where chat_id = any($1::int[])',
      [person.chatIds],
    );
    visible[person.label] = Number(n.rows[0]!.n);
    log(`${person.label} can read ${visible[person.label]!.toLocaleString('en')} messages`);
  }

  const list = await probes(people, KINDS);
  for (const probe of list) {
    const chats = probe.kind.oneChat ? [probe.person.oneChatId] : probe.person.chatIds;
    probe.hits = await fullTextMatches(db, chats, probe.q);
  }
  // One untimed pass warms the caches (first-touch numbers are reported apart).
  const first = await measure(list, 1);
  const quiet = await waitForQuiet(config.quietWait);
  log(`machine before measuring: ${quiet.busyCores} cores busy (waited ${quiet.waitedS} s)`);
  const backends = (
    await db.query<{ pid: number }>(
      `select pid from pg_stat_activity where datname = current_database() and application_name = 'parta'`,
    )
  ).rows.map((row) => row.pid);
  const sequentialCpu = cpuMeter(server, backends);
  const sequential = await measure(list, config.rounds);
  const cpu = sequentialCpu();
  log(
    `\nsequential, ${config.rounds} rounds (${sequential.length} requests); CPU cores: server ${cpu.serverCores}, bench ${cpu.benchCores}, others ${cpu.othersCores}`,
  );
  const rows = latencyRows(sequential);
  for (const line of formatRows(rows)) log(line);
  const firstTouch = summarize(first.map((sample) => sample.ms));
  log(`first (warm-up) pass: p50 ${firstTouch.p50.toFixed(1)} ms, max ${firstTouch.max.toFixed(1)} ms`);

  let concurrent: { rows: ReturnType<typeof latencyRows>; cpu: ReturnType<typeof sequentialCpu> } | null =
    null;
  if (config.concurrency > 1) {
    const meter = cpuMeter(server, backends);
    const samples: Sample[] = await measure(list, 2, config.concurrency);
    concurrent = { rows: latencyRows(samples).filter((row) => row.kind === 'all'), cpu: meter() };
    log(
      `\n${config.concurrency} at a time, 2 rounds (${samples.length} requests); CPU cores: server ${concurrent.cpu.serverCores}, others ${concurrent.cpu.othersCores}`,
    );
    for (const line of formatRows(concurrent.rows)) log(line);
  }

  const slowest = rows
    .filter((row) => row.kind !== 'all')
    .sort((a, b) => b.p95 - a.p95)
    .slice(0, config.explain);
  const toExplain = slowest.map((row) => {
    const candidates = list.filter((p) => p.person.label === row.person && p.kind.name === row.kind);
    const p50 = (probe: Probe) => summarize(sequential.filter((s) => s.probe === probe).map((s) => s.ms)).p50;
    return candidates.reduce((a, b) => (p50(b) > p50(a) ? b : a));
  });
  const explained = await explain(server.databaseUrl, schoolId, toExplain);
  log('');
  for (const line of planSummary(explained)) log(line);
  log(`\ntotal ${((performance.now() - began) / 1000).toFixed(0)} s`);
  return {
    database: server.embedded ? 'embedded' : 'system',
    version,
    load,
    visible,
    quietBefore: quiet,
    sequential: { rounds: config.rounds, cpu, rows },
    concurrent,
    firstPass: firstTouch,
    explained: explained.map((e) => ({
      path: e.probe.path,
      person: e.probe.person.label,
      ms: e.statements.map((s) => s.ms),
    })),
  };
}

async function main(): Promise<void> {
  const cleanups: Cleanups = [];
  let serverLog: string | null = null;
  const cleanUp = async () => {
    for (const step of cleanups.splice(0).reverse()) {
      try {
        await step();
      } catch (error) {
        log(`cleanup: ${(error as Error).message}`);
      }
    }
  };
  const cap = new Promise<never>((_, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`hard cap of ${config.maxMs / 60_000} minutes reached`)),
      config.maxMs,
    );
    timer.unref();
    cleanups.push(() => clearTimeout(timer));
  });
  process.once('SIGINT', () => {
    void cleanUp().finally(() => process.exit(130));
  });
  try {
    const result = await Promise.race([run(cleanups, (file) => (serverLog = file)), cap]);
    if (flags.json) console.log(JSON.stringify(result));
  } catch (error) {
    log((error as Error).stack ?? String(error));
    if (serverLog) log(`server log, last lines:\n${logTail(serverLog)}`);
    process.exitCode = 1;
  } finally {
    await cleanUp();
  }
  // After the hard cap the abandoned run may still hold timers or sockets.
  process.exit(process.exitCode ?? 0);
}

await main();
