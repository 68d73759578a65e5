import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const serverMain = path.join(repoRoot, 'server/dist/main.js');
const webIndex = path.join(repoRoot, 'web/dist/index.html');
const clockNode = path.join(repoRoot, 'e2e/support/clock-node.ts');

/** The first-run code of every server the scenarios start (PARTA_SETUP_TOKEN); it is printed too. */
export const E2E_SETUP_TOKEN = 'e2e-first-run-code-9f3a';

export interface RunningServer {
  url: string;
  port: number;
  /** what the server printed, for the failure message of a test */
  output: () => string;
  /** SIGTERM, as systemd stops a node; waits for the exit */
  stop: () => Promise<void>;
  /** SIGKILL, as a node dies with its machine: no goodbye to its clients */
  crash: () => Promise<void>;
  /** only with `clock`: sets the node's clock; resolves when it shows the new time */
  setClock: (at: Date) => Promise<void>;
}

export interface ServerOptions {
  /** an existing database shared with other nodes (default: `PARTA_E2E_DATABASE_URL`, else embedded) */
  databaseUrl?: string;
  /** Redis joining this node to the others (`REDIS_URL`) */
  redisUrl?: string;
  /** a fixed port, to start a node again where its pages expect it (default: a free one) */
  port?: number;
  /** more settings as flags (`--limit-posts 2:6`), after the defaults here */
  args?: string[];
  /**
   * the node's clock stands still at this instant until `setClock` moves it
   * (e2e/support/clock-node.ts, a launcher no production build contains)
   */
  clock?: Date;
}

/** The built server and web app; built once when missing (`npm run build`). */
function ensureBuilt(): void {
  if (existsSync(serverMain) && existsSync(webIndex)) return;
  execFileSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: 'inherit' });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * Starts a real Parta (`node server/dist/main.js serve`) on a free port with a
 * fresh data directory — its own embedded PostgreSQL — and waits for /api/health.
 * `options.databaseUrl` (or `PARTA_E2E_DATABASE_URL`) points it at an existing
 * database instead; `options.redisUrl` makes it one node of several.
 */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  ensureBuilt();
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const dataDir = await mkdtemp(path.join(tmpdir(), 'parta-e2e-'));
  // Run as root, PostgreSQL runs as `postgres`: it must be able to enter the folder, or its data
  // is relocated under /var/lib/parta and outlives the test.
  await chmod(dataDir, 0o755);
  const entry = options.clock
    ? ['--import', 'tsx', clockNode, '--clock', options.clock.toISOString()]
    : [serverMain, 'serve'];
  const args = [...entry, '--port', String(port), '--host', '127.0.0.1', '--data-dir', dataDir];
  args.push('--public-url', url, '--log-level', 'warn');
  // The scenarios fill chats through the API faster than a person writes.
  args.push('--limit-posts', '100:60');
  args.push(...(options.args ?? []));
  const databaseUrl = options.databaseUrl ?? process.env.PARTA_E2E_DATABASE_URL;
  if (databaseUrl) args.push('--database-url', databaseUrl);
  if (options.redisUrl) args.push('--redis-url', options.redisUrl);
  const env = { ...process.env, PARTA_SETUP_TOKEN: E2E_SETUP_TOKEN };
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env,
    stdio: [options.clock ? 'pipe' : 'ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let clockWaiters: ((line: string) => void)[] = [];
  const keep = (chunk: Buffer) => {
    const text = chunk.toString();
    lines.push(text);
    if (lines.length > 400) lines.shift();
    for (const line of text.split('\n')) {
      if (line.startsWith('clock ')) for (const waiter of clockWaiters) waiter(line);
    }
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const output = () => lines.join('');

  const deadline = Date.now() + 90_000;
  let healthy = false;
  while (!healthy) {
    const failure =
      child.exitCode !== null
        ? `Parta exited with ${child.exitCode}`
        : Date.now() > deadline
          ? 'Parta did not become healthy in 90 s'
          : null;
    if (failure) {
      await stop(child, exited);
      await rm(dataDir, { recursive: true, force: true });
      throw new Error(`${failure}:\n${output()}`);
    }
    healthy = await fetch(`${url}/api/health`).then(
      (response) => response.status === 200,
      () => false,
    );
    // Polling a condition (the health endpoint), not a fixed sleep.
    if (!healthy) await delay(150);
  }
  return {
    url,
    port,
    output,
    setClock: async (at: Date) => {
      if (!child.stdin) throw new Error('this node has the system clock (start it with `clock`)');
      const wanted = `clock ${at.toISOString()}`;
      const shown = new Promise<void>((resolve) => {
        const waiter = (line: string) => {
          if (line.trim() !== wanted) return;
          clockWaiters = clockWaiters.filter((other) => other !== waiter);
          resolve();
        };
        clockWaiters.push(waiter);
      });
      child.stdin.write(`set ${at.toISOString()}\n`);
      await shown;
    },
    stop: async () => {
      await stop(child, exited);
      await rm(dataDir, { recursive: true, force: true });
    },
    crash: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function stop(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timeout = delay(20_000).then(() => 'timeout' as const);
  if ((await Promise.race([exited, timeout])) === 'timeout') {
    child.kill('SIGKILL');
    await exited;
  }
}
