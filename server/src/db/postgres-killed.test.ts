import { randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TestClient } from '../test/client.js';
import { setUpSchool } from '../test/school.js';
import { startTestServer, type TestServer } from '../test/server.js';
import { connect } from './client.js';
import { type EmbeddedDatabase, startEmbeddedDatabase } from './embedded.js';
import { migrateDatabase } from './migrate.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'parta-pg-killed-'));
chmodSync(root, 0o755); // as root, PostgreSQL runs as `postgres` and must enter it
const dataDir = path.join(root, 'pg');
const log: { level: number; msg: string }[] = [];
const gaveUp: string[] = [];
let embedded: EmbeddedDatabase;
let server: TestServer;
let admin: TestClient;
let chatId: number;

beforeAll(async () => {
  embedded = await startEmbeddedDatabase({
    dataDir,
    logger: pino({ level: 'info' }, { write: (line: string) => log.push(JSON.parse(line)) }),
    // The first pause is long enough for the requests below to meet the outage.
    restartDelaysMs: [1_000, 200, 200],
    onGiveUp: (reason) => gaveUp.push(reason),
  });
  const { pool } = connect(embedded.url, 1);
  await migrateDatabase(pool);
  await pool.end();
  server = await startTestServer({ databaseUrl: embedded.url });
  admin = await setUpSchool(server);
  chatId = (await admin.post('/api/chats', { title: 'Учительская', memberIds: [] })).body.id;
});
afterAll(async () => {
  await server?.close();
  await embedded?.stop();
  rmSync(root, { recursive: true, force: true });
});

function killPostgres(): void {
  process.kill(Number.parseInt(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8'), 10), 'SIGKILL');
}

const post = (body: string) =>
  admin.request(
    'POST',
    `/api/chats/${chatId}/messages`,
    { clientId: randomUUID(), body },
    { 'accept-language': 'ru' },
  );

it('answers a localised 503 while its PostgreSQL is away, starts it again and carries on', async () => {
  expect((await post('до сбоя')).status).toBe(200);
  killPostgres();

  // A backend outlives its killed postmaster for a moment and may still answer: post until refused.
  let tries = 0;
  let during = await post('во время сбоя');
  while (during.status === 200 && ++tries < 50) during = await post('во время сбоя');
  expect(during.status).toBe(503);
  expect(during.headers.get('retry-after')).toBe('30');
  expect(during.body.error).toEqual({
    code: 'server.unavailable',
    message: 'Сервер временно недоступен. Попробуйте через минуту.',
  });
  expect((await admin.get(`/api/chats/${chatId}/messages`)).status).toBe(503);
  const health = await server.client().get('/api/health');
  expect(health.status).toBe(503);
  expect(health.body).toMatchObject({ status: 'degraded', database: false });

  // Waits for the restart; every answer meanwhile is a 503, never a 500.
  const statuses = new Set<number>();
  await expect
    .poll(
      async () => {
        const reply = await server.client().get('/api/health');
        statuses.add(reply.status);
        return reply.status;
      },
      { timeout: 20_000, interval: 100 },
    )
    .toBe(200);
  expect([...statuses].every((status) => status === 200 || status === 503)).toBe(true);
  expect(
    log.some((l) => l.level === 50 && l.msg.includes('Embedded PostgreSQL stopped unexpectedly (SIGKILL)')),
  ).toBe(true);
  expect(log.some((l) => l.msg.startsWith('Embedded PostgreSQL is running again'))).toBe(true);

  expect((await post('после сбоя')).status).toBe(200);
  const { body } = await admin.get(`/api/chats/${chatId}/messages`);
  expect(JSON.stringify(body)).toContain('до сбоя');
  expect(JSON.stringify(body)).toContain('после сбоя');
  expect(JSON.stringify(body).split('во время сбоя').length - 1).toBe(tries);
  expect(gaveUp).toEqual([]);
});

it('gives up, so that Parta exits 1, when PostgreSQL cannot be started again', async () => {
  const port = Number(new URL(embedded.adminUrl).port);
  killPostgres();
  // Takes PostgreSQL's port: every new start fails.
  const squatter = net.createServer();
  await expect
    .poll(
      () =>
        new Promise((resolve) =>
          squatter.once('error', () => resolve(false)).listen(port, '127.0.0.1', () => resolve(true)),
        ),
    )
    .toBe(true);
  try {
    await expect
      .poll(() => gaveUp, { timeout: 20_000 })
      .toEqual(['the embedded PostgreSQL did not start again after 3 tries']);
    expect(log.filter((l) => l.msg.startsWith('Embedded PostgreSQL did not start (attempt'))).toHaveLength(3);
  } finally {
    squatter.close();
  }
});
