import type { Logger } from 'pino';
import type { Config } from './config.js';
import { type Database, openDatabase } from './db/client.js';
import { installationNamespace } from './db/identity.js';
import { migrateDatabase } from './db/migrate.js';
import type { BucketsFactory } from './http/write-limits.js';
import { type Bus, MemoryBus } from './infra/bus.js';
import { systemClock } from './infra/clock.js';
import { FatalError } from './infra/fatal.js';
import {
  type FailureCounter,
  LOGIN_WINDOW_MS,
  MemoryFailureCounter,
  RedisFailureCounter,
} from './infra/rate-limit.js';
import { RedisTokenBuckets } from './infra/token-bucket.js';

export interface Runtime {
  database: Database;
  bus: Bus;
  failures: FailureCounter;
  bucketsFor?: BucketsFactory;
  close(): Promise<void>;
}

/** Opens (and migrates) the database and connects the bus: what every command needs. */
export async function openRuntime(config: Config, logger: Logger): Promise<Runtime> {
  const database = await openDatabase(config, logger);
  try {
    await migrateDatabase(database.pool);
    const namespace = config.redisUrl ? await installationNamespace(database.pool) : '';
    const redis = config.redisUrl ? await connectRedis(config.redisUrl, logger, namespace) : null;
    const bus = redis ?? new MemoryBus();
    const failures = redis
      ? new RedisFailureCounter(redis.client, systemClock, LOGIN_WINDOW_MS, `${namespace}failures:`)
      : new MemoryFailureCounter(systemClock, LOGIN_WINDOW_MS);
    const bucketsFor: BucketsFactory | undefined = redis
      ? (kind, limit) =>
          new RedisTokenBuckets(redis.client, systemClock, limit, `${namespace}limits:${kind}:`)
      : undefined;
    return {
      database,
      bus,
      failures,
      ...(bucketsFor ? { bucketsFor } : {}),
      async close() {
        await bus.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}

async function connectRedis(url: string, logger: Logger, namespace: string) {
  const { RedisBus } = await import('./infra/redis-bus.js');
  try {
    return await RedisBus.connect(url, logger, namespace);
  } catch (error) {
    throw new FatalError(`Cannot connect to Redis at REDIS_URL: ${(error as Error).message}`);
  }
}
