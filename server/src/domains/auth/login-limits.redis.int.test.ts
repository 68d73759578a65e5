import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll } from 'vitest';
import { LOGIN_WINDOW_MS, RedisFailureCounter } from '../../infra/rate-limit.js';
import { loginLimitCases } from '../../test/login-limit-cases.js';

/** The same cases with the counters in Redis, as several nodes share them. */
const redis = new Redis(process.env.PARTA_TEST_REDIS ?? 'redis://127.0.0.1:6379', { lazyConnect: true });
afterAll(() => redis.quit());

loginLimitCases('Redis', async (clock) => {
  await redis.connect();
  return new RedisFailureCounter(redis, clock, LOGIN_WINDOW_MS, `parta:test:${randomUUID()}:failures:`);
});
