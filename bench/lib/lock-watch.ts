import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { cpuSeconds } from './procfs.js';
import { PgClient } from './server.js';

/** The transaction-scoped advisory lock that serialises event inserts (server/src/infra/events.ts). */
const EVENTS_LOCK = 7_147_002;

export interface LockSamples {
  samples: number;
  /** share of samples in which some transaction held the events lock */
  held: number;
  /** …and its session was waiting for Node to send the next statement */
  holderIdleInTransaction: number;
  /** …and PostgreSQL was executing its statement (the insert, or COMMIT with its WAL flush) */
  holderActive: number;
  /** transactions queued behind the lock: mean and max over the samples */
  waitingMean: number;
  waitingMax: number;
  /** CPU seconds the sampling itself cost PostgreSQL (to subtract from the server's) */
  ownCpuSeconds: number;
}

/**
 * Samples pg_locks + pg_stat_activity every `everyMs` to see who holds the
 * events lock and what it is doing: the lock is held from the event insert
 * until commit, so its holder's state tells whether the serial section waits
 * on PostgreSQL or on the Node event loop.
 */
export class LockWatch {
  readonly #client;
  #timer: NodeJS.Timeout | null = null;
  #busy = false;
  #backendPid = 0;
  #counts = { samples: 0, held: 0, idleInTransaction: 0, active: 0, waiting: 0, waitingMax: 0 };

  private constructor(url: string) {
    this.#client = new PgClient({ connectionString: url, application_name: 'parta-bench-watch' });
  }

  static async start(url: string, everyMs = 20): Promise<LockWatch> {
    const watch = new LockWatch(url);
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
      const { rows } = await this.#client.query<{ granted: boolean; state: string | null }>(
        `select l.granted, a.state
           from pg_locks l join pg_stat_activity a on a.pid = l.pid
          where l.locktype = 'advisory' and l.objid = $1 and l.database = (select oid from pg_database where datname = current_database())`,
        [EVENTS_LOCK],
      );
      const holder = rows.find((row) => row.granted);
      const waiting = rows.filter((row) => !row.granted).length;
      const c = this.#counts;
      c.samples++;
      c.waiting += waiting;
      c.waitingMax = Math.max(c.waitingMax, waiting);
      if (holder) {
        c.held++;
        if (holder.state === 'idle in transaction') c.idleInTransaction++;
        else if (holder.state === 'active') c.active++;
      }
    } catch {
      // a failed sample is just not counted
    } finally {
      this.#busy = false;
    }
  }

  async stop(): Promise<LockSamples> {
    if (this.#timer) clearInterval(this.#timer);
    while (this.#busy) await new Promise((resolve) => setTimeout(resolve, 5));
    const ownCpuSeconds = cpuSeconds([this.#backendPid]).own;
    await this.#client.end();
    const c = this.#counts;
    const share = (n: number) => (c.samples ? Math.round((n / c.samples) * 1000) / 1000 : 0);
    return {
      samples: c.samples,
      held: share(c.held),
      holderIdleInTransaction: share(c.idleInTransaction),
      holderActive: share(c.active),
      waitingMean: c.samples ? Math.round((c.waiting / c.samples) * 100) / 100 : 0,
      waitingMax: c.waitingMax,
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
