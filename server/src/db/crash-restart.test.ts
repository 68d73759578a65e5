import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';

const main = fileURLToPath(new URL('../main.ts', import.meta.url));
const root = mkdtempSync(path.join(os.tmpdir(), 'parta-crash-'));
chmodSync(root, 0o755); // as root, PostgreSQL runs as `postgres` and must enter it
const dataDir = path.join(root, 'data');
const running: ChildProcess[] = [];

afterAll(async () => {
  for (const child of running)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** `parta serve` from source; with `asPid1`, as the first process of a new pid namespace, as in a container. */
async function startParta(port: number, asPid1: boolean) {
  const command = [process.execPath, '--import', 'tsx', main, 'serve'];
  const [file, ...args] = asPid1 ? ['unshare', '--pid', '--fork', '--mount-proc', ...command] : command;
  const child = spawn(file!, args, {
    env: {
      PATH: process.env.PATH,
      PARTA_DATA_DIR: dataDir,
      PARTA_PORT: String(port),
      PARTA_WEB_DIR: '/none',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const lines = createInterface({ input: child.stdout! });
  const ready = new Promise<void>((resolve, reject) => {
    lines.on('line', (line) => line.includes('Parta is ready at') && resolve());
    child.once('exit', (code) => reject(new Error(`parta exited with ${code}: ${stderr}`)));
  });
  await ready;
  // Under unshare, Parta is the child of the unshare process.
  const partaPid = asPid1
    ? Number(readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim())
    : child.pid!;
  return {
    partaPid,
    async kill9() {
      const exited = once(child, 'exit');
      process.kill(partaPid, 'SIGKILL');
      await exited;
    },
  };
}

function postmasterPid(): number {
  return Number.parseInt(readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8'), 10);
}

/** Running, as opposed to gone or a zombie that nobody has reaped yet. */
function isRunning(pid: number): boolean {
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}

it('starts again at once after kill -9, ten times, also as PID 1 of a pid namespace', {
  timeout: 600_000,
}, async () => {
  const port = await freePort();
  let orphan: number | null = null;
  for (let run = 0; run < 10; run++) {
    // Six as PID 1, each with the pid of the one killed before it; then four plain starts,
    // where the PostgreSQL of a killed Parta outlives it (a pid namespace takes its processes along).
    const asPid1 = run < 6;
    const parta = await startParta(port, asPid1);
    if (asPid1) expect(readFileSync(`/proc/${parta.partaPid}/status`, 'utf8')).toMatch(/^NSpid:\s+\d+\s+1$/m);
    // The PostgreSQL a killed Parta left running was stopped before a new one started.
    if (orphan !== null) expect(isRunning(orphan)).toBe(false);
    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(health.status).toBe(200);
    orphan = asPid1 ? null : postmasterPid();
    await parta.kill9();
  }
});
