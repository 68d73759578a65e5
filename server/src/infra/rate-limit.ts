import type { Redis } from 'ioredis';
import type { Clock } from './clock.js';

/**
 * Counts failures per key in fixed windows of the injectable clock. Shared by
 * all nodes through Redis when it is configured, in memory otherwise.
 */
export interface FailureCounter {
  /** failures counted for `key` in the current window */
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
    return `${key}:${Math.floor(this.clock.now().getTime() / this.windowMs)}`;
  }
  retryAfterMs(): number {
    return this.windowMs - (this.clock.now().getTime() % this.windowMs);
  }
  abstract count(key: string): Promise<number>;
  abstract add(key: string): Promise<void>;
  abstract clear(key: string): Promise<void>;
}

export class MemoryFailureCounter extends WindowedCounter {
  readonly #counts = new Map<string, number>();
  async count(key: string): Promise<number> {
    return this.#counts.get(this.windowKey(key)) ?? 0;
  }
  async add(key: string): Promise<void> {
    const windowKey = this.windowKey(key);
    if (this.#counts.size > 100_000) this.#counts.clear(); // bounded memory under a flood
    this.#counts.set(windowKey, (this.#counts.get(windowKey) ?? 0) + 1);
  }
  async clear(key: string): Promise<void> {
    this.#counts.delete(this.windowKey(key));
  }
}

export class RedisFailureCounter extends WindowedCounter {
  constructor(
    private readonly redis: Redis,
    clock: Clock,
    windowMs: number,
    private readonly prefix = 'parta:failures:',
  ) {
    super(clock, windowMs);
  }
  async count(key: string): Promise<number> {
    return Number((await this.redis.get(this.prefix + this.windowKey(key))) ?? 0);
  }
  async add(key: string): Promise<void> {
    const redisKey = this.prefix + this.windowKey(key);
    await this.redis.multi().incr(redisKey).pexpire(redisKey, this.windowMs).exec();
  }
  async clear(key: string): Promise<void> {
    await this.redis.del(this.prefix + this.windowKey(key));
  }
}

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
/** Failed logins allowed per account and per address in one window. */
export const loginLimits = { perAccount: 10, perAddress: 100 };
