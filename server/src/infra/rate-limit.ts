import type { Redis } from 'ioredis';
import type { Clock } from './clock.js';

/** One attempt counted by `reserve`, to be handed back with `refund` when it turned out harmless. */
export interface Slot {
  /** the key of the window it was counted in */
  readonly windowKey: string;
  /** attempts counted in this window, this one included */
  readonly count: number;
}

/**
 * Counts attempts per key in fixed windows of the injectable clock. Shared by
 * all nodes through Redis when it is configured, in memory otherwise.
 *
 * Limits are reserve-then-refund: `reserve` counts the attempt first and
 * refuses when that passes the limit, atomically, so a parallel burst gets
 * exactly `limit` attempts past the check; an attempt that turned out fine
 * is handed back with `refund`.
 */
export interface FailureCounter {
  /** counts one attempt on `key`, or counts nothing and answers null when `limit` are counted already */
  reserve(key: string, limit: number): Promise<Slot | null>;
  refund(slot: Slot): Promise<void>;
  /** attempts counted on `key` in the current window */
  count(key: string): Promise<number>;
  add(key: string): Promise<void>;
  clear(key: string): Promise<void>;
  /** milliseconds until the current window ends */
  retryAfterMs(): number;
}

abstract class WindowedCounter implements FailureCounter {
  constructor(
    protected readonly clock: Clock,
    protected readonly windowMs: number,
  ) {}
  protected windowKey(key: string): string {
    return `${key}:${this.windowIndex()}`;
  }
  protected windowIndex(): number {
    return Math.floor(this.clock.now().getTime() / this.windowMs);
  }
  retryAfterMs(): number {
    return this.windowMs - (this.clock.now().getTime() % this.windowMs);
  }
  async add(key: string): Promise<void> {
    await this.reserve(key, Number.POSITIVE_INFINITY);
  }
  abstract reserve(key: string, limit: number): Promise<Slot | null>;
  abstract refund(slot: Slot): Promise<void>;
  abstract count(key: string): Promise<number>;
  abstract clear(key: string): Promise<void>;
}

/**
 * One node's counters. Each key expires on its own at the end of its window;
 * under a flood of distinct keys the least recently counted ones go first,
 * so the keys under attack stay.
 */
export class MemoryFailureCounter extends WindowedCounter {
  readonly #counts = new Map<string, { count: number; window: number }>();
  constructor(
    clock: Clock,
    windowMs: number,
    private readonly maxKeys = 100_000,
  ) {
    super(clock, windowMs);
  }

  async reserve(key: string, limit: number): Promise<Slot | null> {
    const windowKey = this.windowKey(key);
    const count = this.#live(windowKey);
    const next = count >= limit ? count : count + 1;
    // Re-inserted last, refused or not: the most recently tried key is the last to be evicted.
    this.#counts.delete(windowKey);
    this.#counts.set(windowKey, { count: next, window: this.windowIndex() });
    this.#evict();
    return next === count ? null : { windowKey, count: next };
  }
  async refund(slot: Slot): Promise<void> {
    const entry = this.#counts.get(slot.windowKey);
    if (entry && entry.count > 0) entry.count -= 1;
  }
  async count(key: string): Promise<number> {
    return this.#live(this.windowKey(key));
  }
  async clear(key: string): Promise<void> {
    this.#counts.delete(this.windowKey(key));
  }
  /** how many keys are held (for the tests of the bound) */
  get size(): number {
    return this.#counts.size;
  }

  #live(windowKey: string): number {
    const entry = this.#counts.get(windowKey);
    if (!entry) return 0;
    if (entry.window !== this.windowIndex()) {
      this.#counts.delete(windowKey);
      return 0;
    }
    return entry.count;
  }
  #evict(): void {
    if (this.#counts.size <= this.maxKeys) return;
    const current = this.windowIndex();
    for (const [key, entry] of this.#counts) {
      if (entry.window !== current) this.#counts.delete(key);
    }
    for (const key of this.#counts.keys()) {
      if (this.#counts.size <= this.maxKeys) break;
      this.#counts.delete(key);
    }
  }
}

/** INCR first; over the limit, DECR again and refuse. One script, so atomic. */
const RESERVE = `local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
if n > tonumber(ARGV[1]) then redis.call('DECR', KEYS[1]) return 0 end
return n`;
const REFUND = `local n = tonumber(redis.call('GET', KEYS[1]) or '0')
if n > 0 then redis.call('DECR', KEYS[1]) end
return 0`;

export class RedisFailureCounter extends WindowedCounter {
  constructor(
    private readonly redis: Redis,
    clock: Clock,
    windowMs: number,
    private readonly prefix = 'parta:failures:',
  ) {
    super(clock, windowMs);
  }
  async reserve(key: string, limit: number): Promise<Slot | null> {
    const windowKey = this.windowKey(key);
    const max = Number.isFinite(limit) ? limit : Number.MAX_SAFE_INTEGER;
    const count = Number(await this.redis.eval(RESERVE, 1, this.prefix + windowKey, max, this.windowMs));
    return count === 0 ? null : { windowKey, count };
  }
  async refund(slot: Slot): Promise<void> {
    await this.redis.eval(REFUND, 1, this.prefix + slot.windowKey);
  }
  async count(key: string): Promise<number> {
    return Number((await this.redis.get(this.prefix + this.windowKey(key))) ?? 0);
  }
  async clear(key: string): Promise<void> {
    await this.redis.del(this.prefix + this.windowKey(key));
  }
}

/**
 * Reserves one attempt on every key, or none: when one key is at its limit,
 * the ones reserved before it are handed back and the answer is null.
 */
export async function reserveAll(
  counter: FailureCounter,
  limits: { key: string; limit: number }[],
): Promise<Slot[] | null> {
  const slots: Slot[] = [];
  for (const { key, limit } of limits) {
    const slot = await counter.reserve(key, limit);
    if (!slot) {
      await Promise.all(slots.map((taken) => counter.refund(taken)));
      return null;
    }
    slots.push(slot);
  }
  return slots;
}

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
/**
 * Failed logins (and wrong current passwords) allowed in one window: per
 * account, and per client address. An address may be a whole school behind
 * one NAT, so its limit is high; the account's carries the weight.
 */
export const loginLimits = { perAccount: 10, perAddress: 1000 };
