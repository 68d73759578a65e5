/**
 * The first load on a village connection: Chromium with its network slowed
 * to 400 kbit/s each way and 400 ms of latency, the cache off, opening the
 * login form and a real invite link (the join page) of a freshly started Parta.
 *
 *   npm run build && npx tsx bench/first-load.ts --runs 3
 *
 * See bench/README.md.
 */
import { parseArgs } from 'node:util';
import { type Browser, type CDPSession, chromium, type Page } from 'playwright-core';
import { cli, numberOption } from './lib/cli.js';
import { machineCpuSeconds, processTree, waitForQuiet } from './lib/procfs.js';
import { adminClient } from './lib/school.js';
import {
  assertBuilt,
  freePort,
  logTail,
  removeScratch,
  type ServerProcess,
  scratchDir,
  spawnParta,
  stopParta,
  waitHealthy,
} from './lib/server.js';
import { median } from './lib/stats.js';

const usage = `Usage: npx tsx bench/first-load.ts [options]   (builds nothing: run npm run build first)
  --runs 3             loads of each page (1…10), each in a fresh browser context, alternating
  --kbit 400           bandwidth each way, kbit/s (50…100000)
  --latency 400        added round-trip latency, ms (0…2000)
  --quiet-wait 10      before measuring, wait up to this long for the machine to be idle (0: don't)
  --max-seconds 300    hard cap on the whole run
  --timeline           print when each request of a load started and ended (ms from navigation)
  --json               print the result as one JSON line on stdout`;

const { values: flags } = cli(usage, () =>
  parseArgs({
    options: {
      help: { type: 'boolean', default: false },
      runs: { type: 'string', default: '3' },
      kbit: { type: 'string', default: '400' },
      latency: { type: 'string', default: '400' },
      'quiet-wait': { type: 'string', default: '10' },
      'max-seconds': { type: 'string', default: '300' },
      timeline: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  }),
);
const runs = Math.round(numberOption('runs', flags.runs, 1, 10));
const kbit = numberOption('kbit', flags.kbit, 50, 100_000);
const latency = numberOption('latency', flags.latency, 0, 2000);
const quietWait = numberOption('quiet-wait', flags['quiet-wait'], 0, 120);
const maxSeconds = numberOption('max-seconds', flags['max-seconds'], 30, 900);

const chromiumPath = process.env.PARTA_CHROMIUM ?? '/usr/bin/chromium';
const chromiumFlags = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const log = (line: string) => console.error(line);
const live: { server: ServerProcess | null; browser: Browser | null; scratch: string | null } = {
  server: null,
  browser: null,
  scratch: null,
};

interface Load {
  /** from navigation to the first paint of anything (the static shell, or the app) */
  firstPaintMs: number;
  /** from navigation to the page's input visible and enabled */
  usableMs: number;
  /** bytes on the wire (headers included) of scripts, styles and everything */
  jsBytes: number;
  cssBytes: number;
  totalBytes: number;
  requests: number;
  /** Content-Encoding of the scripts, as answered */
  jsEncodings: string[];
}

/** Records what crossed the (emulated) wire: per request its type, encoding and bytes. */
function watchNetwork(cdp: CDPSession) {
  const requests = new Map<string, { type: string; encoding: string; bytes: number }>();
  cdp.on('Network.responseReceived', (event) => {
    const headers = Object.fromEntries(
      Object.entries(event.response.headers).map(([name, value]) => [name.toLowerCase(), String(value)]),
    );
    requests.set(event.requestId, {
      type: event.type ?? 'Other',
      encoding: headers['content-encoding'] ?? 'identity',
      bytes: 0,
    });
  });
  cdp.on('Network.loadingFinished', (event) => {
    const entry = requests.get(event.requestId);
    if (entry) entry.bytes = event.encodedDataLength;
  });
  return requests;
}

async function measure(page: Page, url: string, usable: (page: Page) => Promise<void>): Promise<Load> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const bytesPerSecond = (kbit * 1000) / 8;
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency,
    downloadThroughput: bytesPerSecond,
    uploadThroughput: bytesPerSecond,
  });
  const requests = watchNetwork(cdp);
  const begun = performance.now();
  await page.goto(url, { waitUntil: 'commit' });
  await usable(page);
  const usableMs = performance.now() - begun;
  // What the page fetched for that first screen has all arrived by now; the paint entry is the browser's own.
  const firstPaint = (await page.evaluate(
    "performance.getEntriesByName('first-paint')[0]?.startTime ?? -1",
  )) as number;
  if (flags.timeline) {
    const entries = (await page.evaluate(
      "performance.getEntriesByType('resource').map((e) => [Math.round(e.startTime), Math.round(e.responseEnd), e.name.replace(location.origin, '')].join(' '))",
    )) as string[];
    log(entries.map((line) => `    ${line}`).join('\n'));
  }
  await cdp.detach();
  const all = [...requests.values()];
  const sum = (type?: string) =>
    all.filter((entry) => !type || entry.type === type).reduce((total, entry) => total + entry.bytes, 0);
  return {
    firstPaintMs: firstPaint,
    usableMs,
    jsBytes: sum('Script'),
    cssBytes: sum('Stylesheet'),
    totalBytes: sum(),
    requests: all.length,
    jsEncodings: [...new Set(all.filter((entry) => entry.type === 'Script').map((entry) => entry.encoding))],
  };
}

/** The login form is usable when its first field is on screen and accepts typing. */
async function loginUsable(page: Page): Promise<void> {
  const field = page.getByLabel('Логин, e-mail или телефон');
  await field.waitFor({ state: 'visible', timeout: 60_000 });
  await page.waitForFunction("document.querySelector('input')?.disabled === false", undefined, {
    polling: 'raf',
    timeout: 60_000,
  });
}

/** The join page is usable when the child can be chosen: the class's first student is on screen and enabled. */
async function joinUsable(page: Page): Promise<void> {
  const child = page.getByRole('radio').first();
  await child.waitFor({ state: 'visible', timeout: 60_000 });
  await page.waitForFunction("document.querySelector('input[type=radio]')?.disabled === false", undefined, {
    polling: 'raf',
    timeout: 60_000,
  });
}

/** A school with class 3А, a student in it, and a parents' invite for that class. */
async function seed(baseUrl: string): Promise<string> {
  const admin = await adminClient(baseUrl, {}, 'Europe/Moscow');
  const classCard = await admin.expect<{ id: number }>(201, '/api/classes', { grade: 3, letter: 'А' });
  const student = await admin.expect<{ person: { id: number } }>(201, '/api/people', {
    fullName: 'Петров Михаил Андреевич',
    login: 'bench-pupil-1',
    roles: ['student'],
  });
  const placed = await admin.post(`/api/people/${student.person.id}/class`, { classId: classCard.id });
  if (placed.status >= 300) throw new Error(`placing the student answered ${placed.status}`);
  const invite = await admin.expect<{ url: string }>(201, '/api/invites', {
    role: 'parent',
    classId: classCard.id,
  });
  return invite.url;
}

function summary(loads: Load[]) {
  const round = (value: number) => Math.round(value);
  return {
    usableMs: loads.map((load) => round(load.usableMs)),
    usableMedianMs: round(median(loads.map((load) => load.usableMs))),
    firstPaintMs: loads.map((load) => round(load.firstPaintMs)),
    jsBytes: loads[0]!.jsBytes,
    cssBytes: loads[0]!.cssBytes,
    totalBytes: loads[0]!.totalBytes,
    requests: loads[0]!.requests,
    jsEncodings: loads[0]!.jsEncodings,
  };
}

async function main() {
  assertBuilt();
  const scratch = scratchDir('parta-first-load-');
  live.scratch = scratch;
  const dataDir = `${scratch}/data`;
  const logFile = `${scratch}/server.log`;
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const server = spawnParta({ command: 'serve', dataDir, port, logFile });
  live.server = server;
  try {
    await waitHealthy(baseUrl, server);
    const inviteUrl = await seed(baseUrl);
    const browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: false,
      args: chromiumFlags,
    });
    live.browser = browser;
    if (quietWait > 0) await waitForQuiet(quietWait);
    const machineBefore = machineCpuSeconds();
    const begun = performance.now();
    const login: Load[] = [];
    const join: Load[] = [];
    for (let run = 0; run < runs; run++) {
      for (const [target, loads, usable] of [
        [`${baseUrl}/login`, login, loginUsable],
        [inviteUrl, join, joinUsable],
      ] as const) {
        const context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 390, height: 844 } });
        const page = await context.newPage();
        const load = await measure(page, target, usable);
        loads.push(load);
        log(
          `${target === inviteUrl ? 'join ' : 'login'} run ${run + 1}: usable ${Math.round(load.usableMs)} ms, ` +
            `first paint ${Math.round(load.firstPaintMs)} ms, JS ${load.jsBytes} B (${load.jsEncodings.join(', ')}), ` +
            `CSS ${load.cssBytes} B, all ${load.totalBytes} B in ${load.requests} requests`,
        );
        await context.close();
      }
    }
    const busyCores = (machineCpuSeconds() - machineBefore) / ((performance.now() - begun) / 1000);
    return {
      link: { kbit, latencyMs: latency },
      machineBusyCores: Math.round(busyCores * 100) / 100,
      login: summary(login),
      join: summary(join),
    };
  } catch (error) {
    log(logTail(logFile));
    throw error;
  } finally {
    await cleanUp();
  }
}

async function cleanUp() {
  await live.browser?.close();
  live.browser = null;
  if (live.server) await stopParta(live.server, processTree(live.server.pid));
  live.server = null;
  if (live.scratch) removeScratch(live.scratch, `${live.scratch}/data`, `${live.scratch}/server.log`);
  live.scratch = null;
}

async function abandon(why: string, code: number): Promise<never> {
  log(`first-load bench: ${why}; stopping what it started`);
  await cleanUp();
  process.exit(code);
}

setTimeout(() => void abandon(`hard cap of ${maxSeconds} s reached`, 2), maxSeconds * 1000).unref();
process.once('SIGINT', () => void abandon('interrupted', 130));

main().then(
  (result) => {
    const line = (name: string, r: ReturnType<typeof summary>) =>
      `${name}: usable median ${r.usableMedianMs} ms (${r.usableMs.join(', ')}), first paint ${r.firstPaintMs.join(', ')} ms; ` +
      `JS ${(r.jsBytes / 1024).toFixed(1)} KiB on the wire (${r.jsEncodings.join(', ')}), CSS ${(r.cssBytes / 1024).toFixed(1)} KiB, ` +
      `all ${(r.totalBytes / 1024).toFixed(1)} KiB in ${r.requests} requests`;
    log(`link ${kbit} kbit/s each way, ${latency} ms latency; machine busy ${result.machineBusyCores} cores`);
    log(line('login', result.login));
    log(line('join ', result.join));
    if (flags.json) console.log(JSON.stringify(result));
    process.exit(0);
  },
  (error: Error) => {
    log(`first-load bench failed: ${error.stack ?? error.message}`);
    process.exit(1);
  },
);
