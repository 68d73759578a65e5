/**
 * Cold start on the embedded PostgreSQL: the first start on a fresh data dir
 * (initdb, migrations, the school's setup — both as `serve` then setup over
 * the API, and as `parta init` then `serve`), later starts on the same data
 * dir, and the idle memory of Node plus its PostgreSQL processes.
 *
 *   npx tsx bench/start.ts --runs 5 --idle-seconds 10
 *
 * See bench/README.md.
 */
import { parseArgs } from 'node:util';
import { cli, numberOption } from './lib/cli.js';
import { Client } from './lib/http.js';
import {
  cpuSeconds,
  machineCpuSeconds,
  memoryOf,
  processesMentioning,
  processTree,
  waitForQuiet,
} from './lib/procfs.js';
import { BENCH_ADMIN, BENCH_SETUP_TOKEN } from './lib/school.js';
import {
  assertBuilt,
  embeddedDataDir,
  freePort,
  logTail,
  readLog,
  removeScratch,
  type ServerProcess,
  scratchDir,
  spawnParta,
  stopParta,
  waitHealthy,
} from './lib/server.js';
import { mb, median } from './lib/stats.js';

const usage = `Usage: npx tsx bench/start.ts [options]   (embedded PostgreSQL; builds nothing: run npx tsc -b protocol server first)
  --runs 5             later starts on the same data dir (1…20)
  --idle-seconds 10    idle time before the memory reading (0…60)
  --quiet-wait 10      before each start, wait up to this long for the machine to be idle (0: don't)
  --max-seconds 240    hard cap on the whole run
  --json               print the result as one JSON line on stdout`;

const { values: flags } = cli(usage, () =>
  parseArgs({
    options: {
      help: { type: 'boolean', default: false },
      runs: { type: 'string', default: '5' },
      'idle-seconds': { type: 'string', default: '10' },
      'quiet-wait': { type: 'string', default: '10' },
      'max-seconds': { type: 'string', default: '240' },
      json: { type: 'boolean', default: false },
    },
  }),
);
const runs = Math.round(numberOption('runs', flags.runs, 1, 20));
const idleSeconds = numberOption('idle-seconds', flags['idle-seconds'], 0, 60);
const quietWait = numberOption('quiet-wait', flags['quiet-wait'], 0, 120);
const maxSeconds = numberOption('max-seconds', flags['max-seconds'], 10, 600);

const log = (line: string) => console.error(line);

/**
 * Phases of a start, each ending at the first log line that matches (the
 * server logs at debug level, which includes PostgreSQL's own messages).
 * A phase whose line is absent (initdb on a later start) is left out.
 */
const serveMarks: [string, RegExp][] = [
  ['node boot + module load', /^parta (serve|init)$/],
  ['initdb', /^The files belonging to this database system/],
  ['PostgreSQL start', /database system is ready to accept connections/],
  ['database check', /^Embedded PostgreSQL is ready/],
  ['migrations + app build + listen', /^Server listening at/],
];
const initMarks: [string, RegExp][] = [
  ...serveMarks.slice(0, 4),
  ['migrations + setUpSchool', /received fast shutdown request/],
  ['PostgreSQL stop', /database system is shut down/],
];

interface Start {
  totalMs: number;
  phases: Record<string, number>;
  stopMs?: number;
  /** cores that other processes of the machine kept busy during this start, on average */
  otherCores?: number;
}

/** What a hard cap or Ctrl-C must clean up. */
const live = { servers: new Set<ServerProcess>(), scratches: new Set<Scratch>() };

class Scratch {
  readonly dir = scratchDir('parta-start-');
  readonly dataDir = `${this.dir}/data`;
  #runs = 0;
  logFile = '';

  constructor() {
    live.scratches.add(this);
  }

  /** One process on this data dir, its log in a file of its own. */
  async spawn(command: 'serve' | 'init', extraArgs: string[] = []) {
    if (quietWait > 0) await waitForQuiet(quietWait);
    this.logFile = `${this.dir}/run-${++this.#runs}.log`;
    const port = await freePort();
    const spawnedAtEpoch = Date.now();
    const server = spawnParta({
      command,
      dataDir: this.dataDir,
      port,
      logFile: this.logFile,
      logLevel: 'debug',
      extraArgs,
    });
    live.servers.add(server);
    void server.exited.then(() => live.servers.delete(server));
    const load = { machine: machineCpuSeconds(), bench: process.cpuUsage() };
    /** Cores used by everything but this server (and the bench) since the spawn. */
    const otherCores = () => {
      const bench = process.cpuUsage(load.bench);
      const ours = cpuSeconds(processTree(server.pid)).total + (bench.user + bench.system) / 1e6;
      const seconds = (performance.now() - server.startedAt) / 1000;
      return Math.round(((machineCpuSeconds() - load.machine - ours) / seconds) * 100) / 100;
    };
    return { server, port, spawnedAtEpoch, otherCores, baseUrl: `http://127.0.0.1:${port}` };
  }

  remove(): void {
    removeScratch(this.dir, this.dataDir, this.logFile);
    live.scratches.delete(this);
  }
}

function phasesOf(
  logFile: string,
  spawnedAtEpoch: number,
  marks: [string, RegExp][],
  endEpoch: number,
  last: string,
) {
  const lines = readLog(logFile);
  const phases: Record<string, number> = {};
  let previous = spawnedAtEpoch;
  for (const [name, pattern] of marks) {
    const line = lines.find((entry) => pattern.test(entry.msg) && entry.time >= previous);
    if (!line) continue;
    phases[name] = line.time - previous;
    previous = line.time;
  }
  phases[last] = endEpoch - previous;
  return phases;
}

/** `serve` until the first healthy /api/health. */
async function startServe(
  scratch: Scratch,
): Promise<{ start: Start; server: ServerProcess; baseUrl: string }> {
  const { server, spawnedAtEpoch, baseUrl, otherCores } = await scratch.spawn('serve');
  try {
    const healthyAt = await waitHealthy(baseUrl, server, 60_000, 5);
    const healthyEpoch = Date.now();
    const others = otherCores();
    const totalMs = healthyAt - server.startedAt;
    const phases = phasesOf(
      scratch.logFile,
      spawnedAtEpoch,
      serveMarks,
      healthyEpoch,
      'first healthy /api/health',
    );
    return { start: { totalMs, phases, otherCores: others }, server, baseUrl };
  } catch (error) {
    log(logTail(scratch.logFile));
    await stopParta(server, processTree(server.pid));
    throw error;
  }
}

async function firstServeThenSetup(): Promise<{ start: Start; setupMs: number; scratch: Scratch }> {
  const scratch = new Scratch();
  const { start, server, baseUrl } = await startServe(scratch);
  const begun = performance.now();
  await new Client(baseUrl).expect(201, '/api/setup', {
    schoolName: 'Школа для замера',
    timeZone: 'Europe/Moscow',
    adminName: 'Администратор',
    ...BENCH_ADMIN,
    setupToken: BENCH_SETUP_TOKEN,
  });
  const setupMs = performance.now() - begun;
  start.stopMs = await stopParta(server, processTree(server.pid));
  return { start, setupMs, scratch };
}

async function firstInitThenServe(): Promise<{ init: Start; serve: Start }> {
  const scratch = new Scratch();
  try {
    const { server, spawnedAtEpoch } = await scratch.spawn('init', [
      '--school-name',
      'Школа для замера',
      '--admin-name',
      'Администратор',
      '--admin-login',
      BENCH_ADMIN.login,
      '--admin-password',
      BENCH_ADMIN.password,
    ]);
    const code = await server.exited;
    const exitEpoch = Date.now();
    if (code !== 0) throw new Error(`parta init exited with ${code}:\n${logTail(scratch.logFile)}`);
    const init = {
      totalMs: performance.now() - server.startedAt,
      phases: phasesOf(scratch.logFile, spawnedAtEpoch, initMarks, exitEpoch, 'process exit'),
    };
    const serve = await startServe(scratch);
    serve.start.stopMs = await stopParta(serve.server, processTree(serve.server.pid));
    return { init, serve: serve.start };
  } finally {
    scratch.remove();
  }
}

/** Node's own memory and that of the PostgreSQL processes on this data dir. */
function memory(server: ServerProcess, pgDataDir: string) {
  const pids = [...new Set([...processTree(server.pid), ...processesMentioning(pgDataDir)])];
  const all = memoryOf(pids);
  const node = all.filter((m) => m.pid === server.pid);
  const postgres = all.filter((m) => m.pid !== server.pid);
  const sum = (list: typeof all, key: 'rssKb' | 'pssKb') => list.reduce((a, m) => a + m[key], 0);
  return {
    nodeRssKb: sum(node, 'rssKb'),
    nodePssKb: sum(node, 'pssKb'),
    postgresProcesses: postgres.length,
    postgresRssKb: sum(postgres, 'rssKb'),
    postgresPssKb: sum(postgres, 'pssKb'),
    totalRssKb: sum(all, 'rssKb'),
    totalPssKb: sum(all, 'pssKb'),
    processes: all.map((m) => `${m.pid} ${mb(m.rssKb)} rss ${mb(m.pssKb)} pss  ${m.command}`),
  };
}

async function main() {
  assertBuilt();
  log('first start, fresh data dir: serve, then setup over the API …');
  const first = await firstServeThenSetup();
  const { scratch } = first;
  try {
    log('first start, fresh data dir: parta init, then serve …');
    const initFlow = await firstInitThenServe();

    const later: Start[] = [];
    for (let i = 0; i < runs; i++) {
      log(`later start ${i + 1}/${runs} …`);
      const { start, server } = await startServe(scratch);
      start.stopMs = await stopParta(server, processTree(server.pid));
      later.push(start);
    }

    log(`idle memory: start once more, then ${idleSeconds} s idle …`);
    const { server, baseUrl } = await startServe(scratch);
    let idle: ReturnType<typeof memory>;
    try {
      const admin = new Client(baseUrl);
      await admin.expect(200, '/api/auth/login', BENCH_ADMIN);
      await admin.get('/api/chats');
      await new Promise((resolve) => setTimeout(resolve, idleSeconds * 1000));
      idle = memory(server, embeddedDataDir(scratch.dataDir, scratch.logFile));
    } finally {
      await stopParta(server, processTree(server.pid));
    }

    const totals = later.map((s) => s.totalMs);
    const result = {
      firstServe: first.start,
      firstSetupOverApiMs: round(first.setupMs),
      firstInit: initFlow.init,
      serveAfterInit: initFlow.serve,
      later,
      laterMs: {
        min: round(Math.min(...totals)),
        median: round(median(totals)),
        max: round(Math.max(...totals)),
      },
      idleAfterSeconds: idleSeconds,
      idle,
    };
    report(result);
    return result;
  } finally {
    scratch.remove();
  }
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

function describe(label: string, start: Start): string {
  const phases = Object.entries(start.phases)
    .map(([name, ms]) => `    ${name.padEnd(34)} ${String(Math.round(ms)).padStart(6)} ms`)
    .join('\n');
  const stop = start.stopMs === undefined ? '' : `  (stop took ${Math.round(start.stopMs)} ms)`;
  const others = start.otherCores === undefined ? '' : `  [other processes: ${start.otherCores} cores]`;
  return `${label}: ${Math.round(start.totalMs)} ms${stop}${others}\n${phases}`;
}

function report(r: Awaited<ReturnType<typeof main>>): void {
  log(
    [
      describe('first start (fresh data dir) → healthy', r.firstServe),
      `    then POST /api/setup ${Math.round(r.firstSetupOverApiMs)} ms`,
      describe('parta init (fresh data dir) → exit', r.firstInit),
      describe('serve after init → healthy', r.serveAfterInit),
      `later starts → healthy: min ${r.laterMs.min} ms, median ${r.laterMs.median} ms, max ${r.laterMs.max} ms`,
      `    each: ${r.later.map((s) => `${Math.round(s.totalMs)} ms [others ${s.otherCores} cores]`).join(', ')}`,
      describe('  one later start', r.later[Math.floor(r.later.length / 2)]!),
      `idle after ${r.idleAfterSeconds} s: Node ${mb(r.idle.nodeRssKb)} RSS; ` +
        `PostgreSQL ${r.idle.postgresProcesses} processes ${mb(r.idle.postgresRssKb)} RSS (${mb(r.idle.postgresPssKb)} PSS); ` +
        `total ${mb(r.idle.totalRssKb)} RSS, ${mb(r.idle.totalPssKb)} PSS`,
      ...r.idle.processes.map((line) => `    ${line}`),
    ].join('\n'),
  );
}

async function abandon(why: string, code: number): Promise<never> {
  log(`start bench: ${why}; stopping what it started`);
  for (const server of live.servers) await stopParta(server, processTree(server.pid), 5_000);
  for (const scratch of live.scratches) scratch.remove();
  process.exit(code);
}

setTimeout(() => void abandon(`hard cap of ${maxSeconds} s reached`, 2), maxSeconds * 1000).unref();
process.once('SIGINT', () => void abandon('interrupted', 130));

main().then(
  (result) => {
    if (flags.json) console.log(JSON.stringify(result));
    process.exit(0);
  },
  (error: Error) => {
    log(`start bench failed: ${error.message}`);
    process.exit(1);
  },
);
