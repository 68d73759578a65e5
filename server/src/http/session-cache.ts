import type { SessionRow } from '../domains/auth/queries.js';

/** How long a looked-up session is trusted without asking the database again. */
export const SESSION_CACHE_MS = 10_000;
const MAX_ENTRIES = 20_000;

/**
 * Live sessions by cookie token, each for SESSION_CACHE_MS. Every request
 * looked its session up; for a posted message that was a fifth of the
 * server's CPU (docs/performance.md). A session is still refused at once
 * when it expires (checked against the clock on every hit), and the cache is
 * emptied on every node whenever a change may touch sessions or who a person
 * is (`mayChangeSessions`: logout, password, roles, locale, leaving …):
 * here at once, and on the other nodes through a bus signal. If that signal
 * is lost (Redis down), another node trusts a stale entry for at most
 * SESSION_CACHE_MS.
 */
export class SessionCache {
  readonly #entries = new Map<string, { row: SessionRow; until: number }>();

  constructor(
    private readonly ttlMs = SESSION_CACHE_MS,
    /** monotonic milliseconds; the session's own expiry uses the injectable clock */
    private readonly monotonic: () => number = () => performance.now(),
  ) {}

  get(token: string, now: Date): SessionRow | null {
    const entry = this.#entries.get(token);
    if (!entry) return null;
    if (entry.until <= this.monotonic() || entry.row.expiresAt <= now) {
      this.#entries.delete(token);
      return null;
    }
    return entry.row;
  }

  set(token: string, row: SessionRow): void {
    if (this.#entries.size >= MAX_ENTRIES) this.#entries.clear();
    this.#entries.set(token, { row, until: this.monotonic() + this.ttlMs });
  }

  forgetAll(): void {
    this.#entries.clear();
  }
}

/**
 * Whether a change with this audit type may end sessions or change a
 * person's roles, locale or membership of the school. Chats and messages
 * never do; everything else is assumed to, so that a new kind of change is
 * safe by default.
 */
export function mayChangeSessions(auditType: string): boolean {
  if (sessionNeutral.has(auditType)) return false;
  return !auditType.startsWith('messages.') && !auditType.startsWith('chats.');
}

/** Records that end no session: a failed login must not empty every node's cache. */
const sessionNeutral = new Set(['auth.login_failed', 'auth.lockout', 'auth.password_rehash']);
