import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { cpuSeconds } from './procfs.js';
import { PgClient } from './server.js';

export interface SessionSamples {
  samples: number;
  /** the server's pool connections, by state, on average over the samples */
  active: number;
  idleInTransaction: number;
  idle: number;
  /** event writers between their event insert and their commit (server/src/infra/events.ts) */
  writersMean: number;
  writersMax: number;
  /** what the active connections were waiting on: share of active-connection samples, top few */
  activeWaits: Record<string, number>;
  /** CPU seconds the sampling itself cost PostgreSQL (to subtract from the server's) */
  ownCpuSeconds: number;
}

/**
 * Samples the server's PostgreSQL sessions every `everyMs`: how many are
 * running a statement, how many sit in a transaction waiting for Node to
 * send the next one, how many are idle; what the running ones wait on (WAL
 * flush, a lock, nothing: CPU); and how many event writers are in flight
 * (they hold a shared advisory lock with a negative key from their event
 * insert until they end). It tells whether a saturated server waits on
 * PostgreSQL or on its own event loop.
 */
export class SessionWatch {
  readonly #client;
  #timer: NodeJS.Timeout | null = null;
  #busy = false;
  #backendPid = 0;
  #counts = { samples: 0, active: 0, idleInTransaction: 0, idle: 0, writers: 0, writersMax: 0 };
  readonly #waits = new Map<string, number>();

  private constructor(url: string) {
    this.#client = new PgClient({ connectionString: url, application_name: 'parta-bench-watch' });
  }

  static async start(url: string, everyMs = 50): Promise<SessionWatch> {
    const watch = new SessionWatch(url);
    await watch.#client.connect();
    const { rows } = await watch.#client.query<{ pid: number }>('select pg_backend_pid() as pid');
    watch.#backendPid = rows[0]!.pid;
    watch.#timer = setInterval(() => void watch.#sample(), everyMs);
    return watch;
  }

  async #sample(): Promise<void> {
    if (this.#busy) return;
    this.#busy = true;
    try {
      const { rows } = await this.#client.query<{
        state: string | null;
        wait: string | null;
        writing: boolean;
      }>(
        `select a.state, a.wait_event_type || ':' || a.wait_event as wait,
                exists (select 1 from pg_locks l
                         where l.pid = a.pid and l.locktype = 'advisory' and l.classid::bigint >= 2147483648) as writing
           from pg_stat_activity a
          where a.datname = current_database() and a.application_name = 'parta'`,
      );
      const c = this.#counts;
      c.samples++;
      let writers = 0;
      for (const row of rows) {
        if (row.writing) writers++;
        if (row.state === 'active') {
          c.active++;
          const wait = row.wait ?? 'CPU';
          this.#waits.set(wait, (this.#waits.get(wait) ?? 0) + 1);
        } else if (row.state === 'idle in transaction') c.idleInTransaction++;
        else if (row.state === 'idle') c.idle++;
      }
      c.writers += writers;
      c.writersMax = Math.max(c.writersMax, writers);
    } catch {
      // a failed sample is just not counted
    } finally {
      this.#busy = false;
    }
  }

  async stop(): Promise<SessionSamples> {
    if (this.#timer) clearInterval(this.#timer);
    while (this.#busy) await new Promise((resolve) => setTimeout(resolve, 5));
    const ownCpuSeconds = cpuSeconds([this.#backendPid]).own;
    await this.#client.end();
    const c = this.#counts;
    const mean = (n: number) => (c.samples ? Math.round((n / c.samples) * 100) / 100 : 0);
    const activeWaits = Object.fromEntries(
      [...this.#waits]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 4)
        .map(([wait, n]) => [wait, c.active ? Math.round((n / c.active) * 100) / 100 : 0]),
    );
    return {
      samples: c.samples,
      active: mean(c.active),
      idleInTransaction: mean(c.idleInTransaction),
      idle: mean(c.idle),
      writersMean: mean(c.writers),
      writersMax: c.writersMax,
      activeWaits,
      ownCpuSeconds,
    };
  }
}

/**
 * URL of the `parta` database on the embedded server that Parta started on
 * `pgDataDir`: the port from postmaster.pid, the password from the file Parta
 * keeps beside it (server/src/db/embedded.ts).
 */
export function embeddedDatabaseUrl(pgDataDir: string): string | null {
  const pidFile = path.join(pgDataDir, 'postmaster.pid');
  const secretFile = path.join(pgDataDir, 'parta-password');
  if (!existsSync(pidFile) || !existsSync(secretFile)) return null;
  const port = readFileSync(pidFile, 'utf8').split('\n')[3]?.trim();
  const password = readFileSync(secretFile, 'utf8').trim();
  return port ? `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/parta` : null;
}
