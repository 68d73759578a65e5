import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
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

/** The embedded PostgreSQL on a small tmpfs (mounting needs root, as on the project's machines and CI). */
const root = mkdtempSync(path.join(os.tmpdir(), 'parta-disk-full-'));
chmodSync(root, 0o755); // as root, PostgreSQL runs as `postgres` and must enter it, or its data would go elsewhere
const disk = path.join(root, 'disk');
const filler = path.join(disk, 'filler');
let embedded: EmbeddedDatabase;
let server: TestServer;
let admin: TestClient;
let chatId: number;

beforeAll(async () => {
  mkdirSync(disk);
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=160m,mode=755', 'tmpfs', disk]);
  embedded = await startEmbeddedDatabase({
    dataDir: path.join(disk, 'pg'),
    logger: pino({ level: 'silent' }),
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
  execFileSync('umount', [disk]);
  rmSync(root, { recursive: true, force: true });
});

/** Writes zeros until the disk refuses a single byte more. */
function fillDisk(): void {
  const fd = openSync(filler, 'w');
  try {
    for (const size of [1 << 20, 4096, 1]) {
      const chunk = Buffer.alloc(size);
      for (;;) {
        try {
          writeSync(fd, chunk);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOSPC') break;
          throw error;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
}

const post = (body: string) =>
  admin.request(
    'POST',
    `/api/chats/${chatId}/messages`,
    { clientId: randomUUID(), body },
    { 'accept-language': 'ru' },
  );

async function storedBodies(): Promise<string[]> {
  const { pool } = connect(embedded.url, 1);
  try {
    const { rows } = await pool.query('select body from messages where chat_id = $1 order by id', [chatId]);
    return rows.map((row: { body: string }) => row.body);
  } finally {
    await pool.end();
  }
}

it('on a full disk answers writes with a clear 503, reports it in health, and loses nothing acknowledged', {
  timeout: 120_000,
}, async () => {
  const acknowledged: string[] = [];
  for (const body of ['первое', 'второе', 'третье']) {
    expect((await post(body)).status).toBe(200);
    acknowledged.push(body);
  }
  fillDisk();
  let refused: Awaited<ReturnType<typeof post>> | undefined;
  // Rows go into pages with room left until a table must grow by a page.
  for (let n = 0; n < 1_000 && !refused; n++) {
    const body = `Сообщение ${n}: ${'текст '.repeat(40).trim()}`;
    const reply = await post(body);
    expect([200, 503]).toContain(reply.status);
    if (reply.status === 200) acknowledged.push(body);
    else refused = reply;
  }
  expect(refused?.body.error).toEqual({
    code: 'server.storage_full',
    message:
      'Сервер не может сохранить изменения: на его диске закончилось место. Сообщите администратору школы; уже сохранённое не потеряно.',
  });
  expect((await admin.get(`/api/chats/${chatId}/messages`)).status).toBe(200); // reading still works
  const health = await server.client().get('/api/health');
  expect(health.status).toBe(503);
  expect(health.body).toEqual({ status: 'degraded', database: true, writes: false, bus: true });

  rmSync(filler);
  expect((await post('место освободилось')).status).toBe(200);
  acknowledged.push('место освободилось');
  expect((await server.client().get('/api/health')).status).toBe(200);
  expect(await storedBodies()).toEqual(acknowledged);
});
