import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { chown, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import type { Logger } from 'pino';
import { FatalError } from '../infra/fatal.js';
import { lockDataDir } from './data-lock.js';
import { type PgPaths, type PgUser, resolvePgPaths } from './embedded-paths.js';
import { stopServer, supervise } from './embedded-supervisor.js';

export interface EmbeddedDatabase {
  /** postgres://… URL of a database `parta` that exists (create it if missing) */
  readonly url: string;
  /** URL of the `postgres` maintenance database on the same server */
  readonly adminUrl: string;
  stop(): Promise<void>;
}

/** Random password of the `postgres` role, kept inside the data directory. */
const SECRET_FILE = 'parta-password';

export async function startEmbeddedDatabase(options: {
  dataDir: string;
  logger: Logger;
  port?: number;
  /** when PostgreSQL dies and cannot be started again (embedded-supervisor.ts) */
  onGiveUp?: (reason: string) => void;
  restartDelaysMs?: number[];
}): Promise<EmbeddedDatabase> {
  const { logger } = options;
  const lockFile = path.join(path.dirname(path.resolve(options.dataDir)), 'parta.lock');
  let lock: { release(): void } | undefined;
  let server: ChildProcess | undefined;
  try {
    lock = await lockDataDir(lockFile, options.dataDir);
    const paths = await resolvePgPaths(options.dataDir, logger);
    await stopOrphan(paths, logger);
    if (!existsSync(path.join(paths.dataDir, 'PG_VERSION'))) await initdb(paths, logger);
    const secretFile = path.join(paths.dataDir, SECRET_FILE);
    if (!existsSync(secretFile)) {
      throw new FatalError(
        `${paths.dataDir} holds a PostgreSQL cluster that Parta did not create (no ${SECRET_FILE} file). ` +
          'Move it away, or set DATABASE_URL to use it as an external server.',
      );
    }
    const password = (await readFile(secretFile, 'utf8')).trim();
    const port = options.port ?? (await freePort());
    const socketDir = unixSocketDir(paths.dataDir, port);
    const started = await startServer(paths, port, socketDir, logger);
    server = started;
    const base = `postgres://postgres:${password}@127.0.0.1:${port}`;
    await ensureDatabase(`${base}/postgres`, 'parta');
    logger.info({ dataDir: paths.dataDir, port, socket: socketDir !== null }, 'Embedded PostgreSQL is ready');
    const supervisor = supervise(started, () => startServer(paths, port, socketDir, logger), {
      logger,
      onGiveUp: options.onGiveUp ?? ((reason) => logger.fatal(reason)),
      ...(options.restartDelaysMs ? { delaysMs: options.restartDelaysMs } : {}),
    });
    let stopped: Promise<void> | undefined;
    return {
      url: socketDir
        ? `postgres://postgres:${password}@${encodeURIComponent(socketDir)}:${port}/parta`
        : `${base}/parta`,
      adminUrl: `${base}/postgres`,
      stop: () => {
        stopped ??= supervisor.stop().finally(() => lock?.release());
        return stopped;
      },
    };
  } catch (error) {
    if (server) await stopServer(server);
    lock?.release();
    if (error instanceof FatalError) throw error;
    throw new FatalError(`Could not start the embedded PostgreSQL server: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True unless /proc shows that `pid` is some other program (the pid was reused). */
function isPostgres(pid: number): boolean {
  try {
    const argv0 = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0] ?? '';
    return path.basename(argv0) === 'postgres';
  } catch {
    return true;
  }
}

/** We hold the lock, so a live server on our data is one that a crashed Parta left behind. */
async function stopOrphan(paths: PgPaths, logger: Logger): Promise<void> {
  const pidFile = path.join(paths.dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8'), 10);
  if (!isAlive(pid) || !isPostgres(pid)) return; // stale file: PostgreSQL itself replaces it
  logger.warn(`PostgreSQL (pid ${pid}) left running by an earlier Parta on ${paths.dataDir}: stopping it`);
  const pgCtl = path.join(paths.nativeDir, 'bin', 'pg_ctl');
  await run(pgCtl, ['stop', '-D', paths.dataDir, '-m', 'fast', '-w'], paths.user, logger);
}

/** First start: initdb into a temporary folder, then rename, so a half-made cluster is never used. */
async function initdb(paths: PgPaths, logger: Logger): Promise<void> {
  if (existsSync(paths.dataDir) && readdirSync(paths.dataDir).length > 0) {
    throw new FatalError(
      `${paths.dataDir} is not empty but holds no PostgreSQL data: move its content away.`,
    );
  }
  logger.info(`Creating the PostgreSQL cluster in ${paths.dataDir} (first start)`);
  const work = `${paths.dataDir}.initdb`;
  const cluster = path.join(work, 'pg');
  const pwFile = path.join(work, 'pwfile');
  const password = randomBytes(24).toString('hex');
  const own = async (file: string) => paths.user && (await chown(file, paths.user.uid, paths.user.gid));
  const ctype = hasCUtf8Locale() ? 'C.UTF-8' : 'C'; // with C, lower() and full-text search fold ASCII only
  const args = ['-D', cluster, '-U', 'postgres', `--pwfile=${pwFile}`, '--auth=scram-sha-256', '-E', 'UTF8'];
  args.push(`--locale=${ctype}`, '--lc-collate=C', '--lc-messages=C', '--no-instructions');
  await rm(work, { recursive: true, force: true });
  try {
    await mkdir(work, { recursive: true, mode: 0o700 });
    await own(work);
    await writeFile(pwFile, `${password}\n`, { mode: 0o600 });
    await own(pwFile);
    await run(path.join(paths.nativeDir, 'bin', 'initdb'), args, paths.user, logger);
    await writeFile(path.join(cluster, SECRET_FILE), `${password}\n`, { mode: 0o600 });
    await own(path.join(cluster, SECRET_FILE));
    await rename(cluster, paths.dataDir);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

function hasCUtf8Locale(): boolean {
  try {
    return /^c\.utf-?8$/im.test(execFileSync('locale', ['-a'], { encoding: 'utf8' }));
  } catch {
    return false;
  }
}

function run(file: string, args: string[], user: PgUser | undefined, logger: Logger) {
  return new Promise<void>((resolve, reject) => {
    execFile(file, args, { ...user, env: { ...process.env, LC_MESSAGES: 'C' } }, (error, out, err) => {
      if (`${out}${err}`.trim()) logger.debug({ component: 'postgres' }, `${out}${err}`.trim());
      if (!error) return resolve();
      const detail = `${err}`.trim() || error.message;
      reject(new FatalError(`PostgreSQL's ${path.basename(file)} failed: ${detail}`));
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** sun_path holds 108 bytes, the terminating zero included. */
const MAX_SOCKET_PATH = 107;

/**
 * Parta's own connections go through a Unix socket in the data folder when
 * its path fits (and needs no quoting in the setting): a query's round trip
 * costs both processes about a fifth less CPU than over loopback TCP, and a
 * posted message makes six. Otherwise, and for everything else, TCP.
 */
function unixSocketDir(dataDir: string, port: number): string | null {
  const fits = Buffer.byteLength(path.join(dataDir, `.s.PGSQL.${port}.lock`)) <= MAX_SOCKET_PATH;
  return fits && /^[\w./-]+$/.test(dataDir) ? dataDir : null;
}

function startServer(
  paths: PgPaths,
  port: number,
  socketDir: string | null,
  logger: Logger,
): Promise<ChildProcess> {
  const pgLog = logger.child({ component: 'postgres' });
  const postgres = path.join(paths.nativeDir, 'bin', 'postgres');
  const args = ['-D', paths.dataDir, '-p', `${port}`, '-c', 'listen_addresses=127.0.0.1'];
  // Not the default socket folder: it may not exist, or another server's may be there.
  args.push('-c', `unix_socket_directories=${socketDir ?? ''}`);
  // Own process group: a Ctrl-C in the terminal reaches Parta, which then stops PostgreSQL last.
  const child = spawn(postgres, args, { ...paths.user, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  const recent: string[] = [];
  let ready = false;
  return new Promise((resolve, reject) => {
    const onLine = (line: string) => {
      pgLog.debug(line);
      recent.push(line);
      if (recent.length > 8) recent.shift();
      if (!ready && line.includes('database system is ready to accept connections')) {
        ready = true;
        resolve(child);
      }
    };
    createInterface({ input: child.stderr! }).on('line', onLine);
    child.once('error', (error) => reject(new FatalError(`Cannot run ${postgres}: ${error.message}`)));
    child.once('exit', (code, signal) => {
      const how = signal ?? `exit code ${code}`;
      if (!ready) reject(new FatalError(`PostgreSQL stopped while starting (${how}):\n${recent.join('\n')}`));
    });
  });
}

async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) await client.query(`create database ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}
