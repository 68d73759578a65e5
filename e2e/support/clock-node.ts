/**
 * A Parta node whose clock stands still until the test moves it: the built
 * server's `buildApp` (server/dist, as `parta serve` builds it) with a
 * ManualClock instead of the system's. It lives here, outside server/src, so
 * no production build contains a way to set the time; the only control is
 * this process's stdin, which only the test that spawned it holds.
 *
 * Takes the flags of `parta serve`, plus `--clock <ISO instant>` (the start).
 * Lines on stdin: `set <ISO instant>` or `advance <ms>`; each is answered on
 * stdout with `clock <ISO instant>` once the clock shows it.
 *
 * Run with `node --import tsx e2e/support/clock-node.ts …` (see server.ts).
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { buildApp } from '../../server/dist/app.js';
import { loadConfig, settingFlags } from '../../server/dist/config.js';
import { ManualClock } from '../../server/dist/infra/clock.js';
import { createLogger } from '../../server/dist/infra/logger.js';
import { openRuntime } from '../../server/dist/runtime.js';

/** How often due jobs (the release of held messages) are looked for: soon after the clock moves. */
const JOB_POLL_MS = 200;

const { values } = parseArgs({
  args: process.argv.slice(2),
  allowPositionals: true,
  strict: true,
  options: Object.fromEntries([...settingFlags, 'clock'].map((flag) => [flag, { type: 'string' }])) as Record<
    string,
    { type: 'string' }
  >,
});
const flags = Object.fromEntries(
  Object.entries(values).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
);
const start = flags.clock;
if (!start || Number.isNaN(Date.parse(start))) throw new Error('--clock <ISO instant> is required');
delete flags.clock;

const config = loadConfig(process.env, flags);
const logger = createLogger(config.logLevel);
const clock = new ManualClock(new Date(start));
const runtime = await openRuntime(config, logger);
const { app } = await buildApp({ config, logger, clock, jobPollMs: JOB_POLL_MS, ...runtime });

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await app.close();
  await runtime.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());

await app.listen({ port: config.port, host: config.host });

createInterface({ input: process.stdin }).on('line', (line) => {
  const [command, value = ''] = line.trim().split(/\s+/);
  if (command === 'set' && !Number.isNaN(Date.parse(value))) clock.set(new Date(value));
  else if (command === 'advance' && Number.isFinite(Number(value))) clock.advance(Number(value));
  else {
    process.stdout.write(`clock? ${line}\n`);
    return;
  }
  process.stdout.write(`clock ${clock.now().toISOString()}\n`);
});
