/**
 * bench/structure: how long the school-structure actions take on the demo
 * school (22 classes, ~1,300 people): a student transfer, which re-derives
 * and syncs every structural chat, and the year's rollover.
 *
 *   npx tsx bench/structure.ts [--transfers 40] [--database-url postgres://…/postgres]
 *
 * Traffic goes to 127.0.0.1 only; the run stops by itself.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { cli, numberOption } from './lib/cli.js';
import { Client } from './lib/http.js';
import {
  assertBuilt,
  createScratchDatabase,
  freePort,
  logTail,
  removeScratch,
  scratchDir,
  serverMain,
  spawnParta,
  stopParta,
  waitHealthy,
} from './lib/server.js';
import { formatSummary, ms, summarize } from './lib/stats.js';

const usage = `Usage: npx tsx bench/structure.ts [--transfers N (1–200, default 40)]
  [--database-url URL of a PostgreSQL server to create a scratch database on
   (default postgres://postgres@127.0.0.1:5432/postgres)]`;

const { values } = cli(usage, () =>
  parseArgs({
    options: { transfers: { type: 'string' }, 'database-url': { type: 'string' }, help: { type: 'boolean' } },
  }),
);
const transfers = numberOption('transfers', values.transfers ?? '40', 1, 200);
const serverUrl = values['database-url'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PASSWORD = 'bench-demo-password';

function runDemo(databaseUrl: string): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [serverMain, 'demo', '--admin-password', PASSWORD, '--log-level', 'warn'],
      {
        env: { ...process.env, DATABASE_URL: databaseUrl },
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    child.on('exit', (code) =>
      code === 0 ? resolve(performance.now() - started) : reject(new Error(`demo exited ${code}`)),
    );
  });
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
}

assertBuilt();
const scratch = scratchDir('parta-structure-');
const logFile = path.join(scratch, 'server.log');
const database = await createScratchDatabase(serverUrl);
const port = await freePort();
const server = spawnParta({
  command: 'serve',
  dataDir: path.join(scratch, 'data'),
  databaseUrl: database.url,
  port,
  logFile,
  logLevel: 'warn',
});
try {
  const seedMs = await runDemo(database.url);
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitHealthy(baseUrl, server);
  const admin = new Client(baseUrl);
  await admin.expect(200, '/api/auth/login', { login: 'admin', password: PASSWORD });
  const structure = (await admin.get('/api/school/structure')).body;
  const byName = new Map<string, number>(
    structure.classes.map((c: { name: string; id: number }) => [c.name, c.id]),
  );

  // Transfers: students of 5А to 5Б and back, one request at a time, as an admin clicks.
  const from = byName.get('5А')!;
  const to = byName.get('5Б')!;
  const card = (await admin.get(`/api/classes/${from}`)).body;
  const students: number[] = card.students.map((s: { id: number }) => s.id);
  const latencies: number[] = [];
  for (let i = 0; i < transfers; i++) {
    const student = students[i % students.length]!;
    const target = i < students.length ? to : i % 2 ? from : to;
    const [, took] = await timed(() =>
      admin.expect(200, `/api/people/${student}/class`, { classId: target }),
    );
    latencies.push(took);
  }
  const [plan, previewMs] = await timed(async () => (await admin.get('/api/school/rollover')).body);
  const [, rolloverMs] = await timed(() =>
    admin.expect(200, '/api/school/rollover', { fromYear: plan.fromYear }),
  );
  const [again, repeatMs] = await timed(() =>
    admin.expect(200, '/api/school/rollover', { fromYear: plan.fromYear }),
  );
  console.log(
    `demo school: ${structure.classes.length} classes; seeded in ${ms(seedMs)} (parta demo, whole process)`,
  );
  console.log(
    `transfer (POST /api/people/:id/class, HTTP round trip): ${formatSummary(summarize(latencies))}`,
  );
  console.log(
    `rollover preview: ${ms(previewMs)}; rollover of ${plan.promoted.length} classes + ${plan.graduated.length} graduating: ${ms(rolloverMs)}`,
  );
  console.log(`rollover again for the same year (no change, pending=${again.pending}): ${ms(repeatMs)}`);
} catch (error) {
  console.error((error as Error).message);
  console.error(logTail(logFile));
  process.exitCode = 1;
} finally {
  await stopParta(server);
  await database.drop();
  removeScratch(scratch, path.join(scratch, 'data'), logFile);
}
