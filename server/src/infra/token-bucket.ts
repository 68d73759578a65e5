import type { Redis } from 'ioredis';
import type { Clock } from './clock.js';

/** `burst` tokens at most; one comes back every `1000 / perSecond` ms. */
export interface BucketLimit {
  burst: number;
  perSecond: number;
}

/** What taking a token answered: allowed, or the milliseconds until one is back. */
export type Take = { ok: true } | { ok: false; retryAfterMs: number };

/**
 * A token bucket per key (an account, a socket): a burst is allowed at once,
 * then a steady rate. Time comes from the injectable clock.
 */
export interface TokenBuckets {
  take(key: string): Promise<Take>;
}

interface BucketState {
  tokens: number;
  at: number;
}

/** Refills `state` up to `now` and takes one token if there is one; pure apart from `state`. */
export function takeToken(state: BucketState, limit: BucketLimit, now: number): Take {
  const perMs = limit.perSecond / 1000;
  if (now > state.at) {
    state.tokens = Math.min(limit.burst, state.tokens + (now - state.at) * perMs);
    state.at = now;
  }
  if (state.tokens >= 1) {
    state.tokens -= 1;
    return { ok: true };
  }
  return { ok: false, retryAfterMs: Math.ceil((1 - state.tokens) / perMs) };
}

/** The milliseconds after which a bucket left with `tokens` is full again (and may be forgotten). */
function msUntilFull(limit: BucketLimit, tokens: number): number {
  return Math.ceil(((limit.burst - tokens) * 1000) / limit.perSecond);
}

/**
 * One node's buckets. A key is forgotten once its bucket would be full again
 * (a full bucket and a missing one answer alike); past `maxKeys` the full ones
 * are swept, then the least recently used, so a flood of keys cannot grow it.
 */
export class MemoryTokenBuckets implements TokenBuckets {
  readonly #buckets = new Map<string, BucketState & { fullAt: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly limit: BucketLimit,
    private readonly maxKeys = 100_000,
  ) {}

  get size(): number {
    return this.#buckets.size;
  }

  async take(key: string): Promise<Take> {
    return this.takeNow(key);
  }

  /** The same as `take`, for callers that cannot wait (a WebSocket frame). */
  takeNow(key: string): Take {
    const now = this.clock.now().getTime();
    const known = this.#buckets.get(key);
    const state = known && known.fullAt > now ? known : { tokens: this.limit.burst, at: now, fullAt: 0 };
    const answer = takeToken(state, this.limit, now);
    state.fullAt = now + msUntilFull(this.limit, state.tokens);
    this.#buckets.delete(key);
    this.#buckets.set(key, state);
    if (this.#buckets.size > this.maxKeys) this.#shrink(now);
    return answer;
  }

  #shrink(now: number): void {
    for (const [key, state] of this.#buckets) if (state.fullAt <= now) this.#buckets.delete(key);
    for (const key of this.#buckets.keys()) {
      if (this.#buckets.size <= this.maxKeys) break;
      this.#buckets.delete(key);
    }
  }
}

/**
 * Refill and take in one step on the server, so parallel requests on any
 * node cannot take the same token. The key expires when the bucket is full.
 */
const TAKE_SCRIPT = `
local burst = tonumber(ARGV[1])
local perMs = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
if now > at then
  tokens = math.min(burst, tokens + (now - at) * perMs)
  at = now
end
if tokens < 1 then
  return math.ceil((1 - tokens) / perMs)
end
tokens = tokens - 1
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(at))
redis.call('PEXPIRE', KEYS[1], math.ceil((burst - tokens) / perMs) + 1)
return 0
`;

type WithTakeToken = Redis & {
  partaTakeToken(key: string, burst: number, perMs: number, now: number): Promise<number>;
};

/** Buckets shared by every node through Redis: one round trip per `take`. */
export class RedisTokenBuckets implements TokenBuckets {
  readonly #redis: WithTakeToken;

  constructor(
    redis: Redis,
    private readonly clock: Clock,
    private readonly limit: BucketLimit,
    private readonly prefix: string,
  ) {
    if (!('partaTakeToken' in redis))
      redis.defineCommand('partaTakeToken', { numberOfKeys: 1, lua: TAKE_SCRIPT });
    this.#redis = redis as WithTakeToken;
  }

  async take(key: string): Promise<Take> {
    const waitMs = await this.#redis.partaTakeToken(
      this.prefix + key,
      this.limit.burst,
      this.limit.perSecond / 1000,
      this.clock.now().getTime(),
    );
    return waitMs > 0 ? { ok: false, retryAfterMs: waitMs } : { ok: true };
  }
}
