#!/usr/bin/env node
// Runs every check of Parta: lint and types, build, unit tests, the integration
// suite on the embedded PostgreSQL and on the machine's PostgreSQL, and the
// Chromium end-to-end scenarios. Ends with one line: "N passed, N failed".
//
// With CI=true nothing may be missing: it installs Chromium, nginx, openssl and
// systemd-analyze (as root; the deploy/ checks only run `nginx -t` and
// `systemd-analyze verify`, never a server), starts PostgreSQL and Redis when
// they are down, and fails if a component is absent.
// Outside CI a missing component is named in the summary instead.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const ci = process.env.CI === 'true';
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const chromium = process.env.PARTA_CHROMIUM ?? '/usr/bin/chromium';
// Debian package → the program the tests use, and the test file that needs it.
const tools = [
  { pkg: 'chromium', path: chromium },
  { pkg: 'nginx', path: process.env.PARTA_NGINX ?? '/usr/sbin/nginx', test: 'deploy-nginx.test.ts' },
  { pkg: 'openssl', path: '/usr/bin/openssl', test: 'deploy-nginx.test.ts' },
  // Uploads: audio and video are read by ffprobe, posters taken by ffmpeg; iPhone photos decoded by heif-convert.
  { pkg: 'ffmpeg', path: '/usr/bin/ffprobe', test: 'files.int.test.ts' },
  { pkg: 'libheif-examples', path: '/usr/bin/heif-convert', test: 'files.int.test.ts' },
  { pkg: 'clamav-daemon', path: '/usr/sbin/clamd', test: 'virus-scan.int.test.ts' },
  {
    pkg: 'systemd',
    path: process.env.PARTA_SYSTEMD_ANALYZE ?? '/usr/bin/systemd-analyze',
    test: 'deploy-systemd.test.ts',
  },
];
const results = { passed: 0, failed: 0 };
const missing = [];

function run(label, command, args, env = {}) {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

function step(label, command, args) {
  const ok = run(label, command, args);
  results[ok ? 'passed' : 'failed']++;
  return ok;
}

function reachable(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.setTimeout(1000);
    socket.once('connect', () => resolve(socket.end() && true));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => resolve(socket.destroy() && false));
  });
}

function tryShell(command) {
  try {
    execSync(command, { stdio: 'inherit' });
  } catch {
    // reported below through the reachability check
  }
}

async function ensureServices() {
  const isRoot = process.getuid?.() === 0;
  if (!(await reachable(5432)) && ci)
    tryShell('pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start');
  if (!(await reachable(6379)) && ci) {
    tryShell(
      'redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /tmp --logfile /tmp/parta-ci-redis.log',
    );
  }
  const absent = tools.filter((tool) => !existsSync(tool.path)).map((tool) => tool.pkg);
  if (absent.length > 0 && ci && isRoot) {
    // Debian starts the services it installs; nginx must not listen, so a policy-rc.d says no to that.
    const policy = '/usr/sbin/policy-rc.d';
    const ownPolicy = !existsSync(policy);
    if (ownPolicy) writeFileSync(policy, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
    tryShell(
      `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${absent.join(' ')}`,
    );
    if (ownPolicy) rmSync(policy);
  }
  return {
    systemPg: await reachable(5432),
    redis: await reachable(6379),
    chromium: existsSync(chromium),
  };
}

function vitest(label, projects, extra = []) {
  const report = path.join(mkdtempSync(path.join(os.tmpdir(), 'parta-vitest-')), 'report.json');
  const args = ['vitest', 'run', ...projects.flatMap((p) => ['--project', p]), '--reporter=default'];
  args.push('--reporter=json', `--outputFile.json=${report}`, ...extra);
  const ok = run(label, 'npx', args);
  if (!existsSync(report)) {
    results.failed++;
    return;
  }
  const json = JSON.parse(readFileSync(report, 'utf8'));
  results.passed += json.numPassedTests;
  results.failed += json.numFailedTests + (ok || json.numFailedTests > 0 ? 0 : 1);
}

const services = await ensureServices();
if (!services.systemPg)
  missing.push('system PostgreSQL on 127.0.0.1:5432 (integration suite ran on embedded PostgreSQL only)');
if (!services.redis) missing.push('Redis on 127.0.0.1:6379 (two-node and Redis limit tests not run)');
if (!services.chromium)
  missing.push(`Chromium at ${chromium} (e2e scenarios not run; apt-get install chromium)`);
const absentTools = tools.filter((tool) => tool.test && !existsSync(tool.path));
for (const tool of absentTools)
  missing.push(`${tool.path} (${tool.test} not run; apt-get install ${tool.pkg})`);

step('lint and types', 'npm', ['run', 'lint']);
const built = step('build', 'npm', ['run', 'build']);
const pgProjects = ['pg-embedded', ...(services.systemPg ? ['pg-system'] : [])];
vitest(
  'unit and integration tests',
  ['unit', ...pgProjects],
  [
    ...(services.redis
      ? []
      : ['--exclude', '**/two-nodes.int.test.ts', '--exclude', '**/*.redis.int.test.ts']),
    ...absentTools.flatMap((tool) => ['--exclude', `**/${tool.test}`]),
  ],
);
if (services.chromium && built) vitest('end-to-end scenarios in Chromium', ['e2e']);

console.log('');
for (const name of missing) console.log(`missing: ${name}`);
if (ci && missing.length > 0) {
  console.log('CI=true: every component is required');
  results.failed += missing.length;
}
console.log(`${results.passed} passed, ${results.failed} failed`);
process.exit(results.failed > 0 ? 1 : 0);
