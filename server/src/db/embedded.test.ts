import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { FatalError } from '../infra/fatal.js';
import { type EmbeddedDatabase, startEmbeddedDatabase } from './embedded.js';
import { RELOCATION_ROOT } from './embedded-paths.js';

const isRoot = process.getuid?.() === 0;
const tempDirs: string[] = [];
const started: EmbeddedDatabase[] = [];

function tempDir(mode = 0o755): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'parta-pg-test-'));
  chmodSync(dir, mode); // mkdtemp makes it 700, which the postgres system user cannot enter
  tempDirs.push(dir);
  return dir;
}

function memoryLogger() {
  const lines: { level: number; msg: string; component?: string }[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

async function start(dataDir: string, logger = memoryLogger().logger, port?: number) {
  const db = await startEmbeddedDatabase({ dataDir, logger, ...(port ? { port } : {}) });
  started.push(db);
  return db;
}

async function query<T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

afterAll(async () => {
  for (const db of started) await db.stop();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

describe('startEmbeddedDatabase', { timeout: 60_000 }, () => {
  const root = tempDir();
  const dataDir = path.join(root, 'data', 'pg');
  const lockFile = path.join(root, 'data', 'parta.lock');

  it('creates a cluster and a `parta` database on first start, and logs PostgreSQL at debug', async () => {
    const { logger, lines } = memoryLogger();
    const db = await start(dataDir, logger);
    // Parta's own connections go through the Unix socket in the data folder; the admin URL over TCP.
    expect(decodeURIComponent(new URL(db.url).hostname)).toBe(dataDir);
    expect(new URL(db.adminUrl).hostname).toBe('127.0.0.1');
    expect(new URL(db.url).pathname).toBe('/parta');
    expect(new URL(db.adminUrl).pathname).toBe('/postgres');
    expect(readFileSync(lockFile, 'utf8').split('\n')[0]).toBe(String(process.pid));

    const [row] = await query<{ one: number; ts: string; lower: string; enc: string }>(
      db.url,
      `select 1 as one, to_tsvector('russian', 'Родительское собрание')::text as ts,
              lower('СОБРАНИЕ') as lower, pg_encoding_to_char(encoding) as enc
         from pg_database where datname = current_database()`,
    );
    expect(row).toEqual({ one: 1, ts: "'родительск':1 'собран':2", lower: 'собрание', enc: 'UTF8' });
    expect(
      lines.some((l) => l.level === 20 && l.component === 'postgres' && /ready to accept/.test(l.msg)),
    ).toBe(true);

    await query(db.url, 'create table note (body text)');
    await query(db.url, 'insert into note values ($1)', ['kept']);
    await db.stop();
    await db.stop(); // harmless the second time
    expect(existsSync(path.join(dataDir, 'postmaster.pid'))).toBe(false);
  });

  it('keeps the data across a restart', async () => {
    const db = await start(dataDir);
    expect(await query(db.url, 'select body from note')).toEqual([{ body: 'kept' }]);
    await db.stop();
  });

  it('refuses a second start on the same data while the first is running', async () => {
    const db = await start(dataDir);
    const second = startEmbeddedDatabase({ dataDir, logger: memoryLogger().logger });
    await expect(second).rejects.toBeInstanceOf(FatalError);
    await expect(second).rejects.toThrow(`Another Parta (pid ${process.pid}) is already using ${dataDir}`);
    expect(await query(db.url, 'select count(*)::int as n from note')).toEqual([{ n: 1 }]);
    await db.stop();
  });

  it('connects over TCP when the data folder is too deep for a Unix socket path', async () => {
    const deep = path.join(tempDir(), 'd'.repeat(100), 'pg');
    const db = await start(deep);
    expect(new URL(db.url).hostname).toBe('127.0.0.1');
    expect(await query(db.url, 'select 1 as one')).toEqual([{ one: 1 }]);
    await db.stop();
  });

  it('explains a port that is already taken', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as net.AddressInfo;
    try {
      const attempt = startEmbeddedDatabase({ dataDir, logger: memoryLogger().logger, port });
      await expect(attempt).rejects.toBeInstanceOf(FatalError);
      await expect(attempt).rejects.toThrow(/Address already in use/);
      await (await start(dataDir)).stop(); // the failed start let go of the data directory
    } finally {
      blocker.close();
    }
  });

  it('as root, keeps data the postgres user cannot reach under /var/lib/parta', async () => {
    const hidden = path.join(tempDir(0o700), 'pg');
    const relocated = path.join(RELOCATION_ROOT, 'data', createHash('sha1').update(hidden).digest('hex'));
    const { logger, lines } = memoryLogger();
    try {
      const db = await start(hidden, logger);
      expect(await query(db.url, 'select 1 as one')).toEqual([{ one: 1 }]);
      await db.stop();
      const warned = lines.some((l) => l.level === 40 && l.msg.includes(relocated));
      expect(warned).toBe(isRoot);
      expect(existsSync(path.join(relocated, 'PG_VERSION'))).toBe(isRoot);
    } finally {
      rmSync(relocated, { recursive: true, force: true });
    }
  });
});
