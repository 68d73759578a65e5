import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Spawned } from './fanout-spawn.js';
import { SessionWatch } from './lock-watch.js';
import {
  busiestOthers,
  cpuSeconds,
  cpuTicksByProcess,
  machineCpuSeconds,
  memoryOf,
  processTree,
} from './procfs.js';

/** the event-loop delay histogram's timer: its readings include this much */
const LOOP_RESOLUTION_MS = 10;

/**
 * Starts the measured phase's readings: CPU of the machine, the server's
 * process tree and this process, the bench's event-loop delay and (for a
 * spawned server, if `pgWatch`) the sampling of its PostgreSQL sessions. The
 * returned `stop` reads them all.
 */
export async function startMeter(
  server: Spawned | undefined,
  options: { pgWatch: boolean; embedded: boolean },
) {
  const tree = server ? processTree(server.process.pid) : [];
  const machineCpuBefore = machineCpuSeconds();
  const processesBefore = cpuTicksByProcess();
  const serverCpuBefore = cpuSeconds(tree);
  const nodeCpuBefore = cpuSeconds(tree.slice(0, 1));
  const benchCpuBefore = process.cpuUsage();
  const loopDelay = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  loopDelay.enable();
  const pgWatch =
    server?.databaseUrl && options.pgWatch ? await SessionWatch.start(server.databaseUrl) : null;

  return async function stop() {
    loopDelay.disable();
    const sessions = (await pgWatch?.stop()) ?? null;
    const benchCpu = process.cpuUsage(benchCpuBefore);
    const machineCpu = machineCpuSeconds() - machineCpuBefore;
    const after = processTree(server?.process.pid ?? -1);
    const busiest = busiestOthers(processesBefore, cpuTicksByProcess(), [...after, process.pid]);
    const child = server?.process.child;
    const exited =
      child && (child.exitCode !== null || child.signalCode !== null)
        ? `code ${child.exitCode}, signal ${child.signalCode}`
        : null;
    // The watch's own session is not the server's work (it counts only where PostgreSQL is the server's child).
    const watchCpu = options.embedded ? (sessions?.ownCpuSeconds ?? 0) : 0;
    return {
      sessions,
      serverExited: exited,
      benchCpuSeconds: (benchCpu.user + benchCpu.system) / 1e6,
      machineCpuSeconds: machineCpu,
      serverCpuSeconds: cpuSeconds(after).total - serverCpuBefore.total - watchCpu,
      serverNodeCpuSeconds: cpuSeconds(after.slice(0, 1)).own - nodeCpuBefore.own,
      serverMemory: memoryOf(after),
      /** other programs by CPU seconds in the measured phase (an external PostgreSQL among them) */
      busiestOthers: busiest,
      loopDelayP99Ms: loopDelay.percentile(99) / 1e6 - LOOP_RESOLUTION_MS,
    };
  };
}
