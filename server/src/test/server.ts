import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import pino from 'pino';
import { buildApp, type Parta } from '../app.js';
import { loadConfig } from '../config.js';
import { connect, type Db } from '../db/client.js';
import type { AppDeps } from '../http/types.js';
import { type Bus, MemoryBus } from '../infra/bus.js';
import { ManualClock } from '../infra/clock.js';
import {
  type FailureCounter,
  LOGIN_WINDOW_MS,
  type loginLimits,
  MemoryFailureCounter,
} from '../infra/rate-limit.js';
import { TestClient } from './client.js';
import { createTestDatabase } from './database.js';
import { checkEvents } from './event-check.js';
import { SETUP_TOKEN } from './setup-token.js';

export interface TestServer {
  parta: Parta;
  db: Db;
  /** the pool under `db`: tests may watch the queries the server sends */
  pool: pg.Pool;
  url: string;
  databaseUrl: string;
  /** the server's data directory (uploaded files under `files/`) */
  dataDir: string;
  clock: ManualClock;
  bus: Bus;
  /** a browser-like client with its own cookie jar */
  client(): TestClient;
  close(): Promise<void>;
}

export interface TestServerOptions {
  databaseUrl?: string;
  bus?: Bus;
  failures?: FailureCounter;
  loginLimits?: typeof loginLimits;
  clock?: ManualClock;
  logStream?: NodeJS.WritableStream;
  env?: Record<string, string>;
  wsMaxBufferedBytes?: number;
  /** let the server's job runner poll by itself (tests otherwise call `parta.jobs.runDue()`) */
  jobPollMs?: number;
  bucketsFor?: AppDeps['bucketsFor'];
}

/** A real Parta on a fresh database (or the given one), listening on 127.0.0.1. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const fresh = options.databaseUrl ? null : await createTestDatabase();
  const databaseUrl = options.databaseUrl ?? fresh!.url;
  const { db, pool } = connect(databaseUrl, 5);
  const clock = options.clock ?? new ManualClock();
  const bus = options.bus ?? new MemoryBus();
  const stopChecking = checkEvents(bus);
  // Uploaded files go to a directory of this server's own, removed with it.
  const dataDir = await mkdtemp(path.join(tmpdir(), 'parta-test-'));
  const config = loadConfig({
    PARTA_PORT: '0',
    PARTA_DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    PARTA_WEB_DIR: '/nonexistent',
    PARTA_SETUP_TOKEN: SETUP_TOKEN,
    ...options.env,
  });
  const logger = options.logStream
    ? pino({ level: 'info' }, options.logStream as never)
    : pino({ level: process.env.PARTA_TEST_LOG ?? 'silent' });
  const parta = await buildApp({
    config,
    logger,
    clock,
    bus,
    failures: options.failures ?? new MemoryFailureCounter(clock, LOGIN_WINDOW_MS),
    ...(options.loginLimits ? { loginLimits: options.loginLimits } : {}),
    database: { db, pool, embedded: false, close: () => pool.end() },
    heartbeatMs: 3_600_000,
    // Tests run due jobs themselves (`parta.jobs.runDue()`) after moving the clock.
    jobPollMs: options.jobPollMs ?? null,
    ...(options.wsMaxBufferedBytes ? { wsMaxBufferedBytes: options.wsMaxBufferedBytes } : {}),
    ...(options.bucketsFor ? { bucketsFor: options.bucketsFor } : {}),
  });
  await parta.app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(parta.app.server.address() as AddressInfo).port}`;
  return {
    parta,
    db,
    pool,
    url,
    databaseUrl,
    dataDir,
    clock,
    bus,
    client: () => new TestClient(url),
    async close() {
      stopChecking();
      await parta.app.close();
      await pool.end();
      await fresh?.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
