/**
 * WebSocket fan-out: one chat of N members, each with a live /api/ws socket;
 * a few of them post M messages over REST at a fixed rate. For every
 * (message, receiver) it measures send → deliver latency and checks that each
 * receiver got each message exactly once, in cursor order, and in the same
 * order as every other receiver.
 *
 *   npx tsx bench/ws-fanout.ts --spawn --members 30 --messages 600 --rate 20
 *
 * See bench/README.md for every option.
 */
import { randomUUID } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type WebSocket from 'ws';
import { cli, numberOption } from './lib/cli.js';
import { type Client, mapLimit } from './lib/http.js';
import { embeddedDatabaseUrl, type LockSamples, LockWatch } from './lib/lock-watch.js';
import { cpuSeconds, machineCpuSeconds, memoryOf, processTree, waitForQuiet } from './lib/procfs.js';
import { addMembers, adminClient, type Member } from './lib/school.js';
import {
  assertBuilt,
  createScratchDatabase,
  embeddedDataDir,
  freePort,
  logTail,
  removeScratch,
  type ServerProcess,
  scratchDir,
  spawnParta,
  stopParta,
  waitHealthy,
} from './lib/server.js';
import { formatSummary, mb, summarize } from './lib/stats.js';

const usage = `Usage: npx tsx bench/ws-fanout.ts (--spawn [--db embedded|postgres://…] | --url http://127.0.0.1:PORT)
  --members 30         receivers: people in the chat, one socket each (1…2000)
  --senders 3          how many of them post (1…50)
  --messages 200       messages to post (1…20000)
  --rate 20            messages per second, open loop (0.1…5000)
  --max-in-flight 64   unanswered POSTs at most; further sends wait
  --drain-seconds 15   how long to wait for late deliveries after the last answer
  --max-seconds 120    hard cap on the whole run, setup included
  --quiet-wait 30      wait up to this long for the machine to be idle before measuring (0: don't)
  --log-level info     the spawned server's log level
  --lock-watch on      sample who holds the events lock (spawned servers only; off to skip)
  --admin-login, --admin-password   an existing admin, for --url with a school already set up
  --time-zone Europe/Moscow         the school's zone at setup
  --json               print the result as one JSON line on stdout`;

const { values: flags } = cli(usage, () =>
  parseArgs({
    options: {
      help: { type: 'boolean', default: false },
      url: { type: 'string' },
      spawn: { type: 'boolean', default: false },
      db: { type: 'string', default: 'embedded' },
      members: { type: 'string', default: '30' },
      senders: { type: 'string', default: '3' },
      messages: { type: 'string', default: '200' },
      rate: { type: 'string', default: '20' },
      'max-in-flight': { type: 'string', default: '64' },
      'drain-seconds': { type: 'string', default: '15' },
      'max-seconds': { type: 'string', default: '120' },
      'log-level': { type: 'string', default: 'info' },
      'lock-watch': { type: 'string', default: 'on' },
      'quiet-wait': { type: 'string', default: '30' },
      'time-zone': { type: 'string', default: 'Europe/Moscow' },
      'admin-login': { type: 'string' },
      'admin-password': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  }),
);

const bounded = (name: keyof typeof flags, min: number, max: number) =>
  numberOption(name, flags[name] as string | undefined, min, max);
const fail = (message: string): never => {
  console.error(message);
  process.exit(2);
};
const config = {
  members: Math.round(bounded('members', 1, 2000)),
  senders: Math.round(bounded('senders', 1, 50)),
  messages: Math.round(bounded('messages', 1, 20_000)),
  rate: bounded('rate', 0.1, 5000),
  maxInFlight: Math.round(bounded('max-in-flight', 1, 1000)),
  drainMs: bounded('drain-seconds', 1, 120) * 1000,
  maxMs: bounded('max-seconds', 5, 600) * 1000,
  quietWaitS: bounded('quiet-wait', 0, 300),
};
if (config.senders > config.members) fail('--senders cannot exceed --members');
if (!flags.spawn === !flags.url) fail(`give either --url of a running server or --spawn\n\n${usage}`);
if (flags.db !== 'embedded' && !['127.0.0.1', 'localhost'].includes(URL.parse(flags.db!)?.hostname ?? '')) {
  fail(
    '--db must be "embedded" or postgres://…@127.0.0.1:PORT: the bench sends traffic to this machine only',
  );
}
if (flags.url && !/^http:\/\/127\.0\.0\.1(:\d+)?\/?$/.test(flags.url)) {
  fail('--url must be http://127.0.0.1:PORT: the bench sends traffic to this machine only');
}

const log = (line: string) => console.error(line);
/** the event-loop delay histogram's timer: its readings include this much */
const LOOP_RESOLUTION_MS = 10;

type Cleanups = (() => Promise<void> | void)[];

interface Sent {
  clientId: string;
  sender: number;
  /** performance.now() when the POST was issued */
  sentAt: number;
  ackAt?: number;
  messageId?: number;
  error?: string;
}

/** What one receiving socket saw. */
class Receiver {
  closed: { code: number; reason: string } | null = null;
  /** per message index: how many times it arrived */
  readonly seen: Uint16Array;
  /** first arrivals, in arrival order: message index and when */
  readonly arrivals: { index: number; at: number }[] = [];
  duplicates = 0;
  /** an event whose cursor is not above the previous one: breaks the server's ordering promise */
  outOfOrder = 0;
  /** a message whose id is below one delivered before it (live order ≠ history order, see docs) */
  idInversions = 0;
  lastCursor = 0;
  lastMessageId = 0;
  readonly examples: string[] = [];

  constructor(
    readonly index: number,
    readonly socket: WebSocket,
    messages: number,
  ) {
    this.seen = new Uint16Array(messages);
  }

  note(problem: string): void {
    if (this.examples.length < 3) this.examples.push(problem);
  }
}

async function main(): Promise<Record<string, any>> {
  const cleanups: Cleanups = [];
  const cleanUp = async () => {
    for (const step of cleanups.splice(0).reverse()) {
      try {
        await step();
      } catch (error) {
        log(`cleanup: ${(error as Error).message}`);
      }
    }
  };
  let aborted: string | null = null;
  const cap = new Promise<never>((_, reject) => {
    const timer = setTimeout(() => {
      aborted = `hard cap of ${config.maxMs / 1000} s reached`;
      reject(new Error(aborted));
    }, config.maxMs);
    timer.unref();
    cleanups.push(() => clearTimeout(timer));
  });
  process.once('SIGINT', () => {
    aborted = 'interrupted';
    void cleanUp().finally(() => process.exit(130));
  });
  try {
    return await Promise.race([run(cleanups, () => aborted), cap]);
  } catch (error) {
    if (serverLog) log(`server log, last lines:\n${logTail(serverLog)}`);
    throw error;
  } finally {
    await cleanUp();
  }
}

/** The spawned server's log file, shown when a run fails (before the scratch folder is removed). */
let serverLog: string | null = null;

async function run(cleanups: Cleanups, aborted: () => string | null): Promise<Record<string, any>> {
  const began = performance.now();
  const server = flags.spawn ? await startServer(cleanups) : undefined;
  const baseUrl = server?.baseUrl ?? flags.url!.replace(/\/$/, '');

  const setupBegan = performance.now();
  const account = {
    login: flags['admin-login'],
    password: flags['admin-password'] ?? process.env.PARTA_ADMIN_PASSWORD,
  };
  const admin = await adminClient(baseUrl, account, flags['time-zone']!);
  const members = await addMembers(admin, config.members, config.senders);
  const chat = await admin.expect<{ id: number }>(201, '/api/chats', {
    title: `Нагрузка ${config.members}`,
    memberIds: members.map((m) => m.id),
  });
  const setupMs = performance.now() - setupBegan;
  log(`setup: school, ${config.members} members, chat ${chat.id} in ${(setupMs / 1000).toFixed(1)} s`);

  const sent: Sent[] = [];
  const byClientId = new Map<string, number>();
  const socketsBegan = performance.now();
  const receivers: Receiver[] = [];
  cleanups.push(() => {
    for (const receiver of receivers) receiver.socket.terminate();
  });
  await mapLimit(members, 16, async (member, index) => {
    receivers[index] = await openReceiver(member, index, chat.id, sent, byClientId);
  });
  const socketsMs = performance.now() - socketsBegan;
  log(`sockets: ${receivers.length} ready in ${(socketsMs / 1000).toFixed(1)} s`);

  const quiet = config.quietWaitS > 0 ? await waitForQuiet(config.quietWaitS) : null;
  if (quiet)
    log(`machine before the measured phase: ${quiet.busyCores} cores busy (waited ${quiet.waitedS} s)`);
  const tree = server ? processTree(server.process.pid) : [];
  const machineCpuBefore = machineCpuSeconds();
  const serverCpuBefore = cpuSeconds(tree);
  const nodeCpuBefore = cpuSeconds(tree.slice(0, 1));
  const benchCpuBefore = process.cpuUsage();
  const loopDelay = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  loopDelay.enable();

  const lockWatch =
    server?.databaseUrl && flags['lock-watch'] === 'on' ? await LockWatch.start(server.databaseUrl) : null;
  const senders = members.slice(0, config.senders).map((m) => m.client);
  const phase = await sendAll(senders, chat.id, sent, byClientId, aborted);
  const acked = sent.filter((s) => s.messageId !== undefined);
  const expected = acked.length * receivers.length;
  const delivered = () => receivers.reduce((sum, r) => sum + r.arrivals.length, 0);
  const drainUntil = performance.now() + config.drainMs;
  while (performance.now() < drainUntil && !aborted() && delivered() < expected) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }

  loopDelay.disable();
  const eventsLock: LockSamples | null = (await lockWatch?.stop()) ?? null;
  const benchCpu = process.cpuUsage(benchCpuBefore);
  const machineCpu = machineCpuSeconds() - machineCpuBefore;
  const after = processTree(server?.process.pid ?? -1);
  const child = server?.process.child;
  const serverExited = child && (child.exitCode !== null || child.signalCode !== null);
  if (serverExited) log(`the server exited during the run! Its log:\n${logTail(serverLog!)}`);
  // The lock watch's own session is not the server's work (it counts only where PostgreSQL is the server's child).
  const watchCpu = flags.db === 'embedded' ? (eventsLock?.ownCpuSeconds ?? 0) : 0;
  const serverCpu = cpuSeconds(after).total - serverCpuBefore.total - watchCpu;
  const nodeCpu = cpuSeconds(after.slice(0, 1)).own - nodeCpuBefore.own;
  const serverMemory = memoryOf(after);

  const latencies: number[] = [];
  let lastDeliveryAt = phase.firstSendAt;
  for (const receiver of receivers) {
    for (const { index, at } of receiver.arrivals) {
      lastDeliveryAt = Math.max(lastDeliveryAt, at);
      latencies.push(at - sent[index]!.sentAt);
    }
  }
  let missing = 0;
  for (const receiver of receivers) {
    for (const s of acked) {
      if (receiver.seen[byClientId.get(s.clientId)!] === 0) {
        missing++;
        receiver.note(`message ${s.messageId} never arrived`);
      }
    }
  }
  const errors: Record<string, number> = {};
  for (const s of sent) if (s?.error) errors[s.error] = (errors[s.error] ?? 0) + 1;
  const wallSeconds = (lastDeliveryAt - phase.firstSendAt) / 1000;
  const sum = (pick: (r: Receiver) => number) => receivers.reduce((a, r) => a + pick(r), 0);
  const result = {
    server: server ? `spawned, ${flags.db === 'embedded' ? 'embedded' : 'external'} PostgreSQL` : baseUrl,
    serverLogLevel: server ? flags['log-level'] : null,
    members: receivers.length,
    senders: config.senders,
    messages: config.messages,
    targetRate: config.rate,
    offeredRate: round((sent.length - 1) / ((phase.lastSendAt - phase.firstSendAt) / 1000 || 1)),
    acked: acked.length,
    sendErrors: errors,
    ackMs: summarize(acked.map((s) => s.ackAt! - s.sentAt)),
    deliverMs: summarize(latencies),
    deliveries: latencies.length,
    expectedDeliveries: expected,
    messagesPerSecond: round(acked.length / wallSeconds),
    deliveriesPerSecond: round(latencies.length / wallSeconds),
    measuredSeconds: round(wallSeconds),
    violations: {
      missing,
      duplicates: sum((r) => r.duplicates),
      outOfOrder: sum((r) => r.outOfOrder),
      receiversInAnotherOrder: receivers.filter((r) => !sameOrder(r, receivers[0]!)).length,
      closedSockets: receivers.filter((r) => r.closed).map((r) => r.closed),
      examples: receivers.flatMap((r) => r.examples.map((e) => `receiver ${r.index}: ${e}`)).slice(0, 10),
    },
    idInversions: sum((r) => r.idInversions) / Math.max(1, receivers.length),
    setupSeconds: round(setupMs / 1000),
    socketsSeconds: round(socketsMs / 1000),
    sendsHeldByInFlightCap: phase.held,
    schedulerLagMaxMs: round(phase.lagMax),
    benchEventLoopDelayP99Ms: round(loopDelay.percentile(99) / 1e6 - LOOP_RESOLUTION_MS),
    benchCpuSeconds: round((benchCpu.user + benchCpu.system) / 1e6),
    serverExited: serverExited ? `code ${child.exitCode}, signal ${child.signalCode}` : null,
    serverCpuSeconds: server && !serverExited ? round(serverCpu) : null,
    serverNodeCpuSeconds: server && !serverExited ? round(nodeCpu) : null,
    eventsLock,
    machineBusyCoresBefore: quiet?.busyCores ?? null,
    otherCpuSeconds:
      server && !serverExited
        ? round(machineCpu - serverCpu - (benchCpu.user + benchCpu.system) / 1e6)
        : null,
    serverRssKb: serverMemory.reduce((a, m) => a + m.rssKb, 0),
    serverPssKb: serverMemory.reduce((a, m) => a + m.pssKb, 0),
    serverNodeRssKb: serverMemory[0]?.rssKb ?? 0,
    serverPostgresProcesses: Math.max(0, serverMemory.length - 1),
    aborted: aborted(),
    totalSeconds: round((performance.now() - began) / 1000),
  };
  report(result);
  return result;
}

interface Spawned {
  baseUrl: string;
  process: ServerProcess;
  /** the server's database, for the lock watch */
  databaseUrl: string | null;
}

async function startServer(cleanups: Cleanups): Promise<Spawned> {
  assertBuilt();
  const scratch = scratchDir('parta-fanout-');
  const dataDir = `${scratch}/data`;
  const logFile = `${scratch}/server.log`;
  cleanups.push(() => removeScratch(scratch, dataDir, logFile));
  serverLog = logFile;
  let databaseUrl: string | undefined;
  if (flags.db !== 'embedded') {
    const database = await createScratchDatabase(flags.db!);
    cleanups.push(() => database.drop());
    databaseUrl = database.url;
  }
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const spawned = spawnParta({
    command: 'serve',
    dataDir,
    databaseUrl,
    port,
    logFile,
    logLevel: flags['log-level']!,
  });
  cleanups.push(() => stopParta(spawned, processTree(spawned.pid)).then(() => undefined));
  await waitHealthy(baseUrl, spawned);
  log(`server: ${baseUrl} (pid ${spawned.pid}, database ${flags.db}, log level ${flags['log-level']})`);
  return {
    baseUrl,
    process: spawned,
    databaseUrl: databaseUrl ?? embeddedDatabaseUrl(embeddedDataDir(dataDir, logFile)),
  };
}

/**
 * Open loop: message i is due at first + i/rate, whatever the server's pace,
 * so a slow server shows up as latency rather than as a slower sender. Only
 * `--max-in-flight` unanswered sends may be open; beyond that sends wait
 * (counted, and visible as scheduler lag).
 */
async function sendAll(
  senders: Client[],
  chatId: number,
  sent: Sent[],
  byClientId: Map<string, number>,
  aborted: () => string | null,
) {
  const interval = 1000 / config.rate;
  const firstSendAt = performance.now() + 20;
  const inFlight = new Set<Promise<void>>();
  let lagMax = 0;
  let held = 0;
  const send = (i: number) => {
    const clientId = randomUUID();
    const record: Sent = { clientId, sender: i % senders.length, sentAt: performance.now() };
    sent[i] = record;
    byClientId.set(clientId, i);
    const body = `bench ${i} from ${record.sender} at ${record.sentAt.toFixed(3)}`;
    const request = senders[record.sender]!.post(`/api/chats/${chatId}/messages`, { clientId, body }).then(
      (reply) => {
        record.ackAt = performance.now();
        if (reply.status === 200) record.messageId = reply.body.id;
        else record.error = `${reply.status} ${reply.body?.error?.code ?? ''}`.trim();
      },
      (error: Error) => {
        record.error = error.name === 'TimeoutError' ? 'timeout' : error.message;
      },
    );
    inFlight.add(request);
    void request.finally(() => inFlight.delete(request));
  };
  let next = 0;
  while (next < config.messages && !aborted()) {
    const due = firstSendAt + next * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    if (inFlight.size >= config.maxInFlight) {
      held++;
      while (inFlight.size >= config.maxInFlight) await Promise.race(inFlight);
    }
    lagMax = Math.max(lagMax, performance.now() - due);
    send(next++);
  }
  const lastSendAt = performance.now();
  while (inFlight.size > 0) await Promise.race(inFlight);
  return { firstSendAt, lastSendAt, lagMax, held };
}

async function openReceiver(
  member: Member,
  index: number,
  chatId: number,
  sent: Sent[],
  byClientId: Map<string, number>,
): Promise<Receiver> {
  const { body } = await member.client.get<{ cursor: number }>('/api/chats');
  const socket = await member.client.openSocket();
  const receiver = new Receiver(index, socket, config.messages);
  const ready = new Promise<void>((resolve, reject) => {
    socket.on('message', (data) => {
      const at = performance.now();
      const frame = JSON.parse(data.toString());
      if (frame.type === 'ready') resolve();
      else if (frame.type === 'event') onEvent(receiver, frame.event, at, chatId, sent, byClientId);
    });
    socket.once('close', (code, reason) => {
      receiver.closed = { code, reason: reason.toString() };
      reject(new Error(`socket ${index} closed (${code}) before ready`));
    });
  });
  socket.send(JSON.stringify({ type: 'hello', cursor: body.cursor }));
  await ready;
  return receiver;
}

function onEvent(
  receiver: Receiver,
  event: {
    cursor: number;
    payload: { type: string; message?: { id: number; chatId: number; clientId: string } };
  },
  at: number,
  chatId: number,
  sent: Sent[],
  byClientId: Map<string, number>,
): void {
  const message = event.payload.message;
  if (event.payload.type !== 'messages.send' || !message || message.chatId !== chatId) return;
  const i = byClientId.get(message.clientId);
  if (i === undefined || sent[i] === undefined) {
    receiver.note(`unknown message ${message.id}`);
    return;
  }
  if (event.cursor <= receiver.lastCursor) {
    receiver.outOfOrder++;
    receiver.note(`cursor ${event.cursor} after cursor ${receiver.lastCursor}`);
  }
  if (message.id < receiver.lastMessageId) receiver.idInversions++;
  receiver.lastCursor = Math.max(receiver.lastCursor, event.cursor);
  receiver.lastMessageId = Math.max(receiver.lastMessageId, message.id);
  if (receiver.seen[i]! > 0) {
    receiver.duplicates++;
    receiver.note(`message ${message.id} twice`);
  } else {
    receiver.arrivals.push({ index: i, at });
  }
  receiver.seen[i]!++;
}

/** Whether two receivers saw the messages that both received in the same order. */
function sameOrder(a: Receiver, b: Receiver): boolean {
  const inA = a.arrivals.filter(({ index }) => b.seen[index]! > 0).map(({ index }) => index);
  const inB = b.arrivals.filter(({ index }) => a.seen[index]! > 0).map(({ index }) => index);
  return inA.length === inB.length && inA.every((index, i) => index === inB[i]);
}

const pct = (share: number) => `${Math.round(share * 100)}%`;

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function report(r: Record<string, any>): void {
  const v = r.violations;
  const ok =
    !v.missing &&
    !v.duplicates &&
    !v.outOfOrder &&
    !v.receiversInAnotherOrder &&
    v.closedSockets.length === 0;
  const errors = Object.keys(r.sendErrors).length ? `  errors ${JSON.stringify(r.sendErrors)}` : '';
  log(
    [
      `fan-out: ${r.members} receivers, ${r.senders} senders, ${r.messages} messages at ${r.targetRate}/s (offered ${r.offeredRate}/s)`,
      `  acked          ${r.acked}/${r.messages}${errors}`,
      `  send → ack     ${formatSummary(r.ackMs)}`,
      `  send → deliver ${formatSummary(r.deliverMs)}`,
      `  throughput     ${r.messagesPerSecond} messages/s, ${r.deliveriesPerSecond} deliveries/s over ${r.measuredSeconds} s`,
      `  exactly once, in cursor order, same order everywhere: ${ok ? 'yes' : `NO ${JSON.stringify(v)}`}`,
      `  id inversions  ${r.idInversions} per receiver (a message arriving after one with a higher id)`,
      `  bench client   CPU ${r.benchCpuSeconds} s, event-loop delay p99 ${r.benchEventLoopDelayP99Ms} ms, ` +
        `scheduler lag max ${r.schedulerLagMaxMs} ms, sends held by in-flight cap ${r.sendsHeldByInFlightCap}`,
      r.serverExited ? `  SERVER EXITED during the run (${r.serverExited})` : '',
      r.serverCpuSeconds === null
        ? '  server         (no CPU/RSS readings)'
        : `  server         CPU ${r.serverCpuSeconds} s (Node ${r.serverNodeCpuSeconds} s${r.server.includes('embedded') ? ', rest PostgreSQL' : '; external PostgreSQL not counted'}), ` +
          `RSS ${mb(r.serverRssKb)} (PSS ${mb(r.serverPssKb)}; Node ${mb(r.serverNodeRssKb)} RSS, ${r.serverPostgresProcesses} more processes) at the end`,
      r.eventsLock
        ? `  events lock    held ${pct(r.eventsLock.held)} of samples; holder waiting on Node ${pct(r.eventsLock.holderIdleInTransaction)}, ` +
          `running in PostgreSQL ${pct(r.eventsLock.holderActive)}; queued behind it: mean ${r.eventsLock.waitingMean}, max ${r.eventsLock.waitingMax} ` +
          `(sampling cost ${round(r.eventsLock.ownCpuSeconds)} CPU s, not counted above)`
        : '',
      r.otherCpuSeconds === null
        ? ''
        : `  machine        other processes used ${r.otherCpuSeconds} CPU s meanwhile` +
          (r.machineBusyCoresBefore === null ? '' : ` (busy ${r.machineBusyCoresBefore} cores just before)`),
      r.aborted ? `  ABORTED: ${r.aborted}` : '',
    ]
      .filter(Boolean)
      .join('\n'),
  );
}

main().then(
  (result) => {
    if (flags.json) console.log(JSON.stringify(result));
    const v = result.violations;
    const broken = v.missing || v.duplicates || v.outOfOrder || v.receiversInAnotherOrder;
    process.exit(result.aborted || result.serverExited || broken ? 1 : 0);
  },
  (error: Error) => {
    log(`ws-fanout failed: ${error.message}`);
    process.exit(1);
  },
);
