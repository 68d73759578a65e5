import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import type { Logger } from 'pino';

/** Pauses before each new start of a PostgreSQL that died: about a minute in all, then Parta gives up. */
export const RESTART_DELAYS_MS = [500, 1_000, 2_000, 4_000, 8_000, 15_000, 30_000];

export interface SupervisorOptions {
  logger: Logger;
  delaysMs?: number[];
  /** called once every start has failed; Parta then exits with 1 so its own supervisor restarts it */
  onGiveUp: (reason: string) => void;
}

/**
 * Keeps the embedded PostgreSQL running. When it stops without being asked
 * (killed, crashed), it is started again on the same port and data after a
 * growing pause — its old backends may still hold its shared memory for a
 * moment — and each step is logged. Meanwhile queries fail and the HTTP
 * layer answers 503 (db/faults.ts).
 */
export function supervise(
  first: ChildProcess,
  start: () => Promise<ChildProcess>,
  options: SupervisorOptions,
): { stop(): Promise<void> } {
  const { logger } = options;
  const delays = options.delaysMs ?? RESTART_DELAYS_MS;
  let current = first;
  let stopping = false;
  let wake: (() => void) | undefined;
  let restarting: Promise<void> | undefined;

  const watch = (child: ChildProcess) => {
    child.once('exit', (code, signal) => {
      if (stopping) return;
      logger.error(
        { code, signal },
        `Embedded PostgreSQL stopped unexpectedly (${signal ?? `exit code ${code}`}); starting it again`,
      );
      restarting = restart();
    });
  };

  const restart = async () => {
    for (const [attempt, delay] of delays.entries()) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      if (stopping) return;
      try {
        const child = await start();
        current = child;
        if (stopping) return;
        watch(child);
        logger.warn(`Embedded PostgreSQL is running again (attempt ${attempt + 1} of ${delays.length})`);
        return;
      } catch (error) {
        const next = delays[attempt + 1];
        logger.error(
          `Embedded PostgreSQL did not start (attempt ${attempt + 1} of ${delays.length}): ` +
            `${(error as Error).message}${next === undefined ? '' : `; next try in ${next / 1000} s`}`,
        );
      }
    }
    if (!stopping)
      options.onGiveUp(`the embedded PostgreSQL did not start again after ${delays.length} tries`);
  };

  watch(first);
  return {
    async stop() {
      stopping = true;
      wake?.();
      await restarting;
      await stopServer(current);
    },
  };
}

export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGINT'); // PostgreSQL's fast shutdown
  await exited;
}
