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
import { execFileSync } from 'node:child_process';
import { config, flags } from './lib/fanout-args.js';
import { startMeter } from './lib/fanout-meter.js';
import { checkDeliveries, openReceiver, p99BySecond, Receiver } from './lib/fanout-receiver.js';
import { log, report, round } from './lib/fanout-report.js';
import { type Sent, sendAll } from './lib/fanout-send.js';
import { type Cleanups, startServer } from './lib/fanout-spawn.js';
import { mapLimit } from './lib/http.js';
import { waitForQuiet } from './lib/procfs.js';
import { addMembers, adminClient } from './lib/school.js';
import { logTail } from './lib/server.js';
import { summarize } from './lib/stats.js';

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
  const server = flags.spawn
    ? await startServer(
        cleanups,
        { db: flags.db!, logLevel: flags['log-level']!, cpuProfileDir: flags['cpu-prof'] },
        (file) => {
          serverLog = file;
        },
        log,
      )
    : undefined;
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
  const warmupChat =
    config.warmup > 0
      ? await admin.expect<{ id: number }>(201, '/api/chats', {
          title: `Разогрев ${config.members}`,
          memberIds: members.map((m) => m.id),
        })
      : null;
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
    receivers[index] = await openReceiver(member, index, chat.id, config.messages, sent, byClientId);
  });
  const socketsMs = performance.now() - socketsBegan;
  log(`sockets: ${receivers.length} ready in ${(socketsMs / 1000).toFixed(1)} s`);

  // What setup left for the disk (a new cluster's files, for the embedded PostgreSQL) is
  // written now, not by the kernel's writeback during the measurement.
  execFileSync('sync');
  const quiet = config.quietWaitS > 0 ? await waitForQuiet(config.quietWaitS) : null;
  if (quiet) log(`machine before the warm-up: ${quiet.busyCores} cores busy (waited ${quiet.waitedS} s)`);

  // The measured phase follows the warm-up at once: a pause between them let the server
  // and PostgreSQL go idle, and the measured phase began by waking them up.
  const senders = members.slice(0, config.senders).map((m) => m.client);
  if (warmupChat) {
    // Its events reach the same sockets, counted apart and then forgotten.
    const warmSent: Sent[] = [];
    const warmByClientId = new Map<string, number>();
    for (const receiver of receivers) {
      const counted = new Receiver(receiver.index, receiver.socket, config.warmup);
      receiver.warmUp = {
        receiver: counted,
        chatId: warmupChat.id,
        sent: warmSent,
        byClientId: warmByClientId,
      };
    }
    const warm = await sendAll(
      senders,
      warmupChat.id,
      { ...config, messages: config.warmup },
      warmSent,
      warmByClientId,
      aborted,
    );
    log(
      `warm-up: ${config.warmup} messages at ${config.rate}/s into chat ${warmupChat.id} in ${((warm.lastSendAt - warm.firstSendAt) / 1000).toFixed(1)} s`,
    );
  }

  for (const receiver of receivers) receiver.warmUp = null;
  const stopMeter = await startMeter(server, {
    pgWatch: flags['pg-watch'] === 'on',
    embedded: flags.db === 'embedded',
  });
  const phase = await sendAll(senders, chat.id, config, sent, byClientId, aborted);
  const acked = sent.filter((s) => s.messageId !== undefined);
  const expected = acked.length * receivers.length;
  const delivered = () => receivers.reduce((sum, r) => sum + r.arrivals.length, 0);
  const drainUntil = performance.now() + config.drainMs;
  while (performance.now() < drainUntil && !aborted() && delivered() < expected) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }

  const meter = await stopMeter();
  if (meter.serverExited) log(`the server exited during the run! Its log:\n${logTail(serverLog!)}`);
  const serverCounted = server && !meter.serverExited;
  const { latencies, lastDeliveryAt, violations, idInversions } = checkDeliveries(
    receivers,
    sent,
    acked,
    byClientId,
    phase.firstSendAt,
  );
  const errors: Record<string, number> = {};
  for (const s of sent) if (s?.error) errors[s.error] = (errors[s.error] ?? 0) + 1;
  const wallSeconds = (lastDeliveryAt - phase.firstSendAt) / 1000;
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
    deliverP99BySecond: p99BySecond(receivers, sent, phase.firstSendAt),
    deliveries: latencies.length,
    expectedDeliveries: expected,
    messagesPerSecond: round(acked.length / wallSeconds),
    deliveriesPerSecond: round(latencies.length / wallSeconds),
    measuredSeconds: round(wallSeconds),
    violations,
    idInversions,
    setupSeconds: round(setupMs / 1000),
    socketsSeconds: round(socketsMs / 1000),
    sendsHeldByInFlightCap: phase.held,
    schedulerLagMaxMs: round(phase.lagMax),
    benchEventLoopDelayP99Ms: round(meter.loopDelayP99Ms),
    benchCpuSeconds: round(meter.benchCpuSeconds),
    serverExited: meter.serverExited,
    serverCpuSeconds: serverCounted ? round(meter.serverCpuSeconds) : null,
    serverNodeCpuSeconds: serverCounted ? round(meter.serverNodeCpuSeconds) : null,
    pgSessions: meter.sessions,
    machineBusyCoresBefore: quiet?.busyCores ?? null,
    otherCpuSeconds: serverCounted
      ? round(meter.machineCpuSeconds - meter.serverCpuSeconds - meter.benchCpuSeconds)
      : null,
    busiestOthers: meter.busiestOthers,
    serverRssKb: meter.serverMemory.reduce((a, m) => a + m.rssKb, 0),
    serverPssKb: meter.serverMemory.reduce((a, m) => a + m.pssKb, 0),
    serverNodeRssKb: meter.serverMemory[0]?.rssKb ?? 0,
    serverPostgresProcesses: Math.max(0, meter.serverMemory.length - 1),
    aborted: aborted(),
    totalSeconds: round((performance.now() - began) / 1000),
  };
  report(result);
  return result;
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
