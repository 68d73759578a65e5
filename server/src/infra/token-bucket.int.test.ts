import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from './clock.js';
import { RedisTokenBuckets } from './token-bucket.js';

/** The buckets shared by several nodes: two connections stand for two nodes. */
const redisUrl = process.env.PARTA_TEST_REDIS ?? 'redis://127.0.0.1:6379';
let nodeA: Redis;
let nodeB: Redis;
const prefix = `parta-test:${randomUUID()}:`;

beforeAll(() => {
  nodeA = new Redis(redisUrl);
  nodeB = new Redis(redisUrl);
});
afterAll(async () => {
  const keys = await nodeA.keys(`${prefix}*`);
  if (keys.length > 0) await nodeA.del(...keys);
  nodeA.disconnect();
  nodeB.disconnect();
});

describe('token buckets in Redis', () => {
  it('gives out exactly the burst to parallel takes from two nodes, then refills by the clock', async () => {
    const clock = new ManualClock();
    const limit = { burst: 10, perSecond: 0.5 };
    const onA = new RedisTokenBuckets(nodeA, clock, limit, prefix);
    const onB = new RedisTokenBuckets(nodeB, clock, limit, prefix);
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 ? onA : onB).take('account:7')),
    );
    expect(answers.filter((answer) => answer.ok)).toHaveLength(10);
    expect(answers.find((answer) => !answer.ok)).toEqual({ ok: false, retryAfterMs: 2000 });

    clock.advance(1999);
    expect((await onA.take('account:7')).ok).toBe(false);
    clock.advance(1);
    expect((await onB.take('account:7')).ok).toBe(true);
    expect((await onA.take('account:8')).ok, 'another key has its own bucket').toBe(true);
  });

  it('lets a key expire in Redis once its bucket would be full again', async () => {
    const clock = new ManualClock();
    const buckets = new RedisTokenBuckets(nodeA, clock, { burst: 3, perSecond: 1 }, prefix);
    await buckets.take('expiring');
    const ttl = await nodeA.pttl(`${prefix}expiring`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(1001);
  });
});
