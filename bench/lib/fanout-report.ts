import { formatSummary, mb } from './stats.js';

export const log = (line: string) => console.error(line);

const pct = (share: number) => `${Math.round(share * 100)}%`;
const waits = (shares: Record<string, number>) =>
  Object.entries(shares)
    .map(([wait, share]) => `${wait} ${pct(share)}`)
    .join(', ') || 'nothing';

export function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Prints the human-readable report of a run's result to stderr. */
export function report(r: Record<string, any>): void {
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
      `  p99 by second  ${r.deliverP99BySecond.join(' ')} (ms, by when the message was sent)`,
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
      r.pgSessions
        ? `  pg sessions    mean active ${r.pgSessions.active}, idle in transaction (waiting on Node) ${r.pgSessions.idleInTransaction}, ` +
          `idle ${r.pgSessions.idle}; event writers in flight mean ${r.pgSessions.writersMean}, max ${r.pgSessions.writersMax}; ` +
          `active waiting on ${waits(r.pgSessions.activeWaits)} ` +
          `(${r.pgSessions.samples} samples, sampling cost ${round(r.pgSessions.ownCpuSeconds)} CPU s, not counted above)`
        : '',
      r.otherCpuSeconds === null
        ? ''
        : `  machine        other processes used ${r.otherCpuSeconds} CPU s meanwhile` +
          (r.busiestOthers.length === 0
            ? ''
            : ` (${r.busiestOthers.map((o: { command: string; seconds: number }) => `${o.command} ${o.seconds}`).join(', ')})`) +
          (r.machineBusyCoresBefore === null ? '' : `; busy ${r.machineBusyCoresBefore} cores just before`),
      r.aborted ? `  ABORTED: ${r.aborted}` : '',
    ]
      .filter(Boolean)
      .join('\n'),
  );
}
