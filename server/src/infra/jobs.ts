import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Db, Queryable, Tx } from '../db/client.js';
import type { Action, ActionRunner } from './actions.js';
import type { Clock } from './clock.js';
import { AppError } from './errors.js';
import { loggableError } from './logger.js';

/**
 * Background work is a row of `jobs` (DESIGN §3.9). A runner takes a due job
 * with `FOR UPDATE SKIP LOCKED` and a lease (its token and an end time from
 * the clock), then runs its handler — an action of the system actor —
 * through the one write path; the job is completed (deleted, or moved to its
 * next run) inside that same transaction, only if the lease is still the
 * runner's. So a job's writes commit once across nodes; a runner that dies
 * leaves the lease to run out, and the job is taken again. A failure retries
 * with backoff; a job that fails (or is taken) `maxAttempts` times is left
 * `dead` for the operator. Recurring jobs are never dead: they retry, at the
 * latest at their next period.
 */
export interface JobSpec<P> {
  run: Action<P, unknown>;
  /** recurring: runs again this long after each run; every node schedules it once (key = kind) */
  everyMs?: number;
  maxAttempts?: number;
  /** how long a runner holds it before another may take it (default JOB_LEASE_MS) */
  leaseMs?: number;
}

export const JOB_LEASE_MS = 10 * 60 * 1000;
const DEFAULT_MAX_ATTEMPTS = 5;
const FIRST_RETRY_MS = 30_000;
const LONGEST_RETRY_MS = 60 * 60 * 1000;
const MAX_POLL_WAIT_MS = 30_000;

/**
 * Puts a job in the queue, inside the caller's transaction (an action's `tx`).
 * A taken `key` is left as it is. `created_at` is the database's time: a note
 * for the operator that no decision reads.
 */
export async function enqueue(
  db: Queryable,
  kind: string,
  runAt: Date,
  payload: object = {},
  options: { key?: string; schoolId?: number } = {},
): Promise<void> {
  await db.execute(sql`
    insert into jobs (kind, key, school_id, payload, run_at, created_at)
    values (${kind}, ${options.key ?? null}, ${options.schoolId ?? null}, ${JSON.stringify(payload)}::jsonb,
      ${runAt}, now())
    on conflict (key) do nothing`);
}

/** Delay before the next try after `attempts` failures: 30 s, 1 min, 2 min … at most an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), LONGEST_RETRY_MS);
}

interface TakenJob {
  id: number;
  kind: string;
  payload: unknown;
  attempts: number;
  token: string;
}

class LeaseLost extends Error {}

/** What the `jobs` row keeps of a failure: a code or SQLSTATE, never a message with row values. */
function errorCode(error: unknown): string {
  if (error instanceof AppError) return error.code;
  const cause = (error as { cause?: { code?: unknown } })?.cause;
  const sqlState = (error as { code?: unknown })?.code ?? cause?.code;
  if (typeof sqlState === 'string' && /^[0-9A-Z]{5}$/.test(sqlState)) return `sqlstate.${sqlState}`;
  return error instanceof Error ? error.name : 'unknown';
}

export class JobRunner {
  readonly #specs = new Map<string, JobSpec<never>>();
  #timer: NodeJS.Timeout | null = null;
  #current: Promise<unknown> = Promise.resolve();
  #stopped = false;

  constructor(
    private readonly deps: {
      db: Db;
      actions: ActionRunner;
      clock: Clock;
      logger: Logger;
      /** tests: one lease for every kind */
      leaseMs?: number;
    },
  ) {}

  register<P>(kind: string, spec: JobSpec<P>): this {
    this.#specs.set(kind, spec as JobSpec<never>);
    return this;
  }

  /** Schedules each recurring job that is not queued yet (any node may; the key keeps one). */
  async scheduleRecurring(): Promise<void> {
    for (const [kind, spec] of this.#specs) {
      if (spec.everyMs) await enqueue(this.deps.db, kind, this.deps.clock.now(), {}, { key: kind });
    }
  }

  /**
   * Polls for due jobs every `pollMs` until `stop`. While the database is
   * away it waits twice as long after each failed poll (at most 30 s), so the
   * log gets a line per wait, not one a second.
   */
  start(pollMs: number): void {
    let wait = pollMs;
    const tick = () => {
      this.#current = this.runDue()
        .then(() => {
          wait = pollMs;
        })
        .catch((error: unknown) => {
          wait = Math.min(wait * 2, MAX_POLL_WAIT_MS);
          this.deps.logger.warn({ err: loggableError(error), retryInMs: wait }, 'jobs: could not poll');
        })
        .finally(() => {
          if (!this.#stopped) this.#timer = setTimeout(tick, wait).unref();
        });
    };
    tick();
  }

  /** Stops polling and waits for the job in hand. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    await this.#current;
  }

  /** Runs due jobs one after another until none is due; answers how many it took. */
  async runDue(): Promise<number> {
    let taken = 0;
    for (let job = await this.#take(); job; job = this.#stopped ? null : await this.#take()) {
      taken++;
      await this.#runOne(job);
    }
    return taken;
  }

  async #take(): Promise<TakenJob | null> {
    const now = this.deps.clock.now();
    const token = randomUUID();
    const kinds = `{${[...this.#specs.keys()].map((kind) => `"${kind}"`).join(',')}}`;
    // Each kind's lease, as an array beside `kinds`: the job is leased as its kind says.
    const leases = `{${[...this.#specs.values()].map((spec) => this.deps.leaseMs ?? spec.leaseMs ?? JOB_LEASE_MS).join(',')}}`;
    const result = await this.deps.db.execute<{
      id: string;
      kind: string;
      payload: unknown;
      attempts: number;
    }>(sql`
      update jobs j set locked_by = ${token}, attempts = j.attempts + 1,
        locked_until = ${now}::timestamptz + make_interval(secs => (${leases}::int[])[
          array_position(${kinds}::text[], j.kind)] / 1000.0)
      from (select id from jobs
        where state = 'pending' and run_at <= ${now} and kind = any(${kinds}::text[])
          and (locked_until is null or locked_until <= ${now})
        order by run_at, id limit 1
        for update skip locked) due
      where j.id = due.id
      returning j.id, j.kind, j.payload, j.attempts`);
    const row = result.rows[0];
    return row
      ? { id: Number(row.id), kind: row.kind, payload: row.payload, attempts: row.attempts, token }
      : null;
  }

  async #runOne(job: TakenJob): Promise<void> {
    const spec = this.#specs.get(job.kind)!;
    const maxAttempts = spec.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    if (!spec.everyMs && job.attempts > maxAttempts) {
      await this.#fail(job, spec, null);
      return;
    }
    const run: Action<unknown, unknown> = async (ctx, payload) => {
      const outcome = await (spec.run as Action<unknown, unknown>)(ctx, payload);
      await this.#complete(ctx.tx, job, spec, ctx.now);
      return outcome;
    };
    try {
      await this.deps.actions.run({ kind: 'system' }, run, job.payload);
    } catch (error) {
      if (error instanceof LeaseLost) {
        this.deps.logger.warn(
          { job: job.id, kind: job.kind },
          'jobs: lease ran out; another runner has the job',
        );
        return;
      }
      await this.#fail(job, spec, error);
    }
  }

  /** Inside the handler's transaction: the job is done, or moved to its next run, if still ours. */
  async #complete(tx: Tx, job: TakenJob, spec: JobSpec<never>, now: Date): Promise<void> {
    const mine = sql`id = ${job.id} and locked_by = ${job.token}`;
    const result = spec.everyMs
      ? await tx.execute(sql`
          update jobs set run_at = ${new Date(now.getTime() + spec.everyMs)}, attempts = 0,
            locked_by = null, locked_until = null, last_error = null
          where ${mine}`)
      : await tx.execute(sql`delete from jobs where ${mine}`);
    if (result.rowCount === 0) throw new LeaseLost();
  }

  /** `error` null: taken too often (its runners died), never ran to the end. */
  async #fail(job: TakenJob, spec: JobSpec<never>, error: unknown): Promise<void> {
    const code = error === null ? 'jobs.too_many_attempts' : errorCode(error);
    const maxAttempts = spec.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    const dead = !spec.everyMs && job.attempts >= maxAttempts;
    const delay = Math.min(retryDelayMs(job.attempts), spec.everyMs ?? LONGEST_RETRY_MS);
    const retryAt = new Date(this.deps.clock.now().getTime() + delay);
    this.deps.logger.warn(
      {
        job: job.id,
        kind: job.kind,
        attempts: job.attempts,
        dead,
        err: error === null ? { code } : loggableError(error),
      },
      dead ? 'jobs: failed for the last time; left dead' : 'jobs: failed; will retry',
    );
    await this.deps.db.execute(sql`
      update jobs set locked_by = null, locked_until = null, last_error = ${code},
        state = ${dead ? 'dead' : 'pending'}, run_at = ${retryAt}
      where id = ${job.id} and locked_by = ${job.token}`);
  }
}
