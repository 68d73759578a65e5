import { parseArgs } from 'node:util';
import { cli, numberOption } from './cli.js';

export const usage = `Usage: npx tsx bench/ws-fanout.ts (--spawn [--db embedded|postgres://…] | --url http://127.0.0.1:PORT)
  --members 30         receivers: people in the chat, one socket each (1…2000)
  --senders 3          how many of them post (1…50)
  --messages 200       messages to post (1…20000)
  --rate 20            messages per second, open loop (0.1…5000)
  --max-in-flight 64   unanswered POSTs at most; further sends wait
  --warmup N           messages posted first, at the same rate into a second chat of the same
                       people, and not measured: a cold server (JIT, new database sessions,
                       their caches) is slow for its first seconds. Default: 20 s worth at
                       --rate, at most 10 000 (0: no warm-up)
  --drain-seconds 15   how long to wait for late deliveries after the last answer
  --max-seconds 120    hard cap on the whole run, setup included
  --quiet-wait 30      wait up to this long for the machine to be idle before measuring (0: don't)
  --log-level info     the spawned server's log level
  --pg-watch on        sample the server's PostgreSQL sessions: active, idle in transaction, event
                       writers in flight, wait events (spawned servers only; off to skip)
  --cpu-prof DIR       run the spawned server with node --cpu-prof; the profile lands in DIR
                       (summarise it with bench/profile-top.ts)
  --admin-login, --admin-password   an existing admin, for --url with a school already set up
  --time-zone Europe/Moscow         the school's zone at setup
  --json               print the result as one JSON line on stdout`;

export const { values: flags } = cli(usage, () =>
  parseArgs({
    options: {
      help: { type: 'boolean', default: false },
      url: { type: 'string' },
      spawn: { type: 'boolean', default: false },
      db: { type: 'string', default: 'embedded' },
      members: { type: 'string', default: '30' },
      senders: { type: 'string', default: '3' },
      messages: { type: 'string', default: '200' },
      rate: { type: 'string', default: '20' },
      'max-in-flight': { type: 'string', default: '64' },
      warmup: { type: 'string' },
      'drain-seconds': { type: 'string', default: '15' },
      'max-seconds': { type: 'string', default: '120' },
      'log-level': { type: 'string', default: 'info' },
      'pg-watch': { type: 'string', default: 'on' },
      'cpu-prof': { type: 'string' },
      'quiet-wait': { type: 'string', default: '30' },
      'time-zone': { type: 'string', default: 'Europe/Moscow' },
      'admin-login': { type: 'string' },
      'admin-password': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  }),
);

const bounded = (name: keyof typeof flags, min: number, max: number) =>
  numberOption(name, flags[name] as string | undefined, min, max);
const fail = (message: string): never => {
  console.error(message);
  process.exit(2);
};

/**
 * Four seconds of warm-up left the optimising compiler busy in the measured
 * phase (about a hundred functions compiled there, the server's CPU per
 * message a seventh higher); twenty seconds let it finish, as on a server
 * that has run for a while.
 */
const WARMUP_SECONDS = 20;
const WARMUP_MAX = 10_000;

export const config = {
  members: Math.round(bounded('members', 1, 2000)),
  senders: Math.round(bounded('senders', 1, 50)),
  messages: Math.round(bounded('messages', 1, 20_000)),
  rate: bounded('rate', 0.1, 5000),
  maxInFlight: Math.round(bounded('max-in-flight', 1, 1000)),
  warmup: Math.round(
    flags.warmup === undefined
      ? Math.min(WARMUP_MAX, WARMUP_SECONDS * bounded('rate', 0.1, 5000))
      : bounded('warmup', 0, 20000),
  ),
  drainMs: bounded('drain-seconds', 1, 120) * 1000,
  maxMs: bounded('max-seconds', 5, 600) * 1000,
  quietWaitS: bounded('quiet-wait', 0, 300),
};
export type Config = typeof config;

if (config.senders > config.members) fail('--senders cannot exceed --members');
if (!flags.spawn === !flags.url) fail(`give either --url of a running server or --spawn\n\n${usage}`);
if (flags.db !== 'embedded' && !['127.0.0.1', 'localhost'].includes(URL.parse(flags.db!)?.hostname ?? '')) {
  fail(
    '--db must be "embedded" or postgres://…@127.0.0.1:PORT: the bench sends traffic to this machine only',
  );
}
if (flags.url && !/^http:\/\/127\.0\.0\.1(:\d+)?\/?$/.test(flags.url)) {
  fail('--url must be http://127.0.0.1:PORT: the bench sends traffic to this machine only');
}
