import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { chmodSync, closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { BENCH_SETUP_TOKEN } from './school.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const serverMain = path.join(repoRoot, 'server/dist/main.js');

/** `pg` as the server resolves it: the bench adds no dependency of its own. */
export const { Client: PgClient } = createRequire(path.join(repoRoot, 'server/package.json'))(
  'pg',
) as typeof pg;

export function assertBuilt(): void {
  if (!existsSync(serverMain)) {
    throw new Error(`${serverMain} is missing: build the server first (npx tsc -b protocol server)`);
  }
}

/**
 * A scratch folder that the `postgres` system user can enter too: when the bench
 * runs as root, the embedded PostgreSQL runs as that user, and a mode-700 folder
 * would make Parta keep its data under /var/lib/parta instead.
 */
export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  chmodSync(dir, 0o755);
  return dir;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** A database of its own on an external PostgreSQL server, dropped afterwards. */
export async function createScratchDatabase(
  serverUrl: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `parta_bench_${randomBytes(4).toString('hex')}`;
  const admin = new URL(serverUrl);
  if (admin.pathname === '/' || admin.pathname === '') admin.pathname = '/postgres';
  const run = async (statement: string) => {
    const client = new PgClient({ connectionString: admin.toString() });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await run(`create database ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`drop database if exists ${name} with (force)`) };
}

export interface SpawnOptions {
  /** `node server/dist/main.js <command>` */
  command: 'serve' | 'init';
  dataDir: string;
  /** external PostgreSQL; embedded under dataDir when absent */
  databaseUrl?: string;
  port: number;
  logFile: string;
  logLevel?: string;
  extraArgs?: string[];
  /** options for node itself, before the script (e.g. --cpu-prof) */
  nodeArgs?: string[];
}

export interface ServerProcess {
  child: ChildProcess;
  pid: number;
  startedAt: number;
  exited: Promise<number | null>;
}

/** Starts Parta with its log (pino JSON lines) going straight to a file, not through the bench. */
export function spawnParta(options: SpawnOptions): ServerProcess {
  const args = [...(options.nodeArgs ?? []), serverMain, options.command];
  args.push('--host', '127.0.0.1', '--port', String(options.port));
  args.push('--public-url', `http://127.0.0.1:${options.port}`, '--data-dir', options.dataDir);
  args.push('--log-level', options.logLevel ?? 'info');
  if (options.databaseUrl) args.push('--database-url', options.databaseUrl);
  args.push(...(options.extraArgs ?? []));
  const log = openSync(options.logFile, 'a');
  const env = { ...process.env };
  delete env.DATABASE_URL; // the bench decides which database the server uses
  env.PARTA_SETUP_TOKEN = BENCH_SETUP_TOKEN;
  // A few bench accounts post and search hundreds of times a second: the per-account limits are off.
  for (const name of ['POSTS', 'EDITS', 'REACTIONS', 'CHATS', 'SEARCHES']) env[`PARTA_LIMIT_${name}`] = '0';
  const startedAt = performance.now();
  const child = spawn(process.execPath, args, { cwd: repoRoot, env, stdio: ['ignore', log, log] });
  closeSync(log);
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  return { child, pid: child.pid!, startedAt, exited };
}

/** Polls GET /api/health every `everyMs` until it answers 200; returns the moment it did. */
export async function waitHealthy(baseUrl: string, server: ServerProcess, timeoutMs = 60_000, everyMs = 10) {
  const deadline = performance.now() + timeoutMs;
  let exitCode: number | null | undefined;
  void server.exited.then((code) => {
    exitCode = code;
  });
  while (performance.now() < deadline) {
    if (exitCode !== undefined)
      throw new Error(`the server exited with code ${exitCode} before it was healthy`);
    try {
      const response = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return performance.now();
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  throw new Error(`the server was not healthy within ${timeoutMs} ms`);
}

/** SIGTERM, then SIGKILL to the whole tree if it does not stop in time. Returns the time it took. */
export async function stopParta(
  server: ServerProcess,
  pids: number[] = [],
  timeoutMs = 15_000,
): Promise<number> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return 0;
  const begun = performance.now();
  server.child.kill('SIGTERM');
  const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), timeoutMs).unref());
  if ((await Promise.race([server.exited, timer])) === 'timeout') {
    for (const pid of [server.pid, ...pids]) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await server.exited;
  }
  return performance.now() - begun;
}

/** Log lines of a run (pino JSON), with their `time` in ms since the epoch. */
export function readLog(file: string): { time: number; msg: string }[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line) => {
      try {
        const entry = JSON.parse(line) as { time?: number; msg?: string };
        return typeof entry.time === 'number' ? [{ time: entry.time, msg: String(entry.msg ?? '') }] : [];
      } catch {
        return [];
      }
    });
}

/** Where the embedded PostgreSQL keeps its data: under the data dir, or where Parta's log says it moved it. */
export function embeddedDataDir(dataDir: string, logFile: string): string {
  for (const { msg } of readLog(logFile)) {
    const moved = msg.match(/ is kept in (\S+) instead/);
    if (moved) return moved[1]!;
  }
  return path.join(dataDir, 'pg');
}

/** Deletes a scratch folder and, if Parta moved its PostgreSQL data elsewhere, that copy too. */
export function removeScratch(scratch: string, dataDir: string, logFile: string): void {
  const pgData = embeddedDataDir(dataDir, logFile);
  if (!pgData.startsWith(scratch)) rmSync(pgData, { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
}

/** A failed run's server log: its warnings and errors, then its last lines. */
export function logTail(file: string, lines = 8): string {
  if (!existsSync(file)) return '';
  const all = readFileSync(file, 'utf8').trimEnd().split('\n');
  const notable = (line: string) => /"level":(40|50|60)|"msg":"stopping"/.test(line) || !line.startsWith('{');
  const problems = all.filter(notable).slice(-10);
  return [...problems, '…', ...all.slice(-lines)].join('\n');
}
