import type { Clock } from '../infra/clock.js';

export type DatabaseFault = 'unavailable' | 'storage_full';

/** How long a failed write keeps /api/health degraded when no write has succeeded since. */
export const WRITE_FAULT_WINDOW_MS = 60_000;

/** Node's errors for a server that is not there (stopped, restarting, its socket gone). */
const connectionErrnos = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);
/** The pg driver's own words when the server went away mid-query or the pool cannot reach it. */
const connectionLost =
  /^(Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect)/;

/**
 * Whether a failed query failed because of the database rather than the
 * request: then the answer is a 503 the person can wait out, not a 500.
 * Drizzle wraps the driver's error, so the causes are walked too.
 */
export function databaseFault(error: unknown): DatabaseFault | null {
  for (let cause = error, depth = 0; cause instanceof Error && depth < 5; depth++) {
    const code = String((cause as { code?: unknown }).code ?? '');
    // SQLSTATE 53100 disk_full; 58030 io_error (a write the disk refused).
    if (code === '53100' || code === '58030') return 'storage_full';
    // Class 08: connection exceptions; 57P01–03: shut down, crashed, still starting; 53300: no free connection.
    if (/^08/.test(code) || /^57P0[123]$/.test(code) || code === '53300') return 'unavailable';
    // ENOENT only from connect(): the Unix socket of a stopped PostgreSQL, not a missing file.
    const syscall = (cause as { syscall?: unknown }).syscall;
    if (connectionErrnos.has(code) || (code === 'ENOENT' && syscall === 'connect')) return 'unavailable';
    if (connectionLost.test(cause.message)) return 'unavailable';
    cause = cause.cause;
  }
  return null;
}

/**
 * Remembers that the database refused a write (a full disk), which a
 * `select 1` health probe cannot see: health stays degraded until a write
 * succeeds or a minute passes without another refusal.
 */
export class WriteHealth {
  #failedAt: number | null = null;
  constructor(private readonly clock: Clock) {}

  failed(): void {
    this.#failedAt = this.clock.now().getTime();
  }
  succeeded(): void {
    this.#failedAt = null;
  }
  get ok(): boolean {
    return this.#failedAt === null || this.clock.now().getTime() - this.#failedAt > WRITE_FAULT_WINDOW_MS;
  }
}
