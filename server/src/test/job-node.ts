/**
 * One server node's background half, as a process of its own (run with
 * `node --import tsx`): its own PostgreSQL pool, action runner and job
 * runner with every job kind the server registers (job-kinds.ts). The HTTP
 * half is left out because a `parta serve` process reads the system clock,
 * and the release tests must move time; here the clock is a ManualClock
 * that the parent sets with each command (over IPC), so a lease runs out
 * when the test says, not after a sleep. The parent may SIGKILL this
 * process at any moment, as a machine dies.
 *
 * Commands: `{ run: ISO time }` → the node sets its clock and runs due
 * jobs; answers `{ taken }`, or `{ error }`. Env: DATABASE_URL, JOB_LEASE_MS.
 */
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { connect } from '../db/client.js';
import { ActionRunner } from '../infra/actions.js';
import { MemoryBus } from '../infra/bus.js';
import { ManualClock } from '../infra/clock.js';
import { JobRunner } from '../infra/jobs.js';
import { LocalStorage } from '../infra/storage.js';
import { registerJobs } from '../job-kinds.js';

const { db } = connect(process.env.DATABASE_URL!, 2);
const clock = new ManualClock();
const logger = pino({ level: 'silent' });
const actions = new ActionRunner({ db, bus: new MemoryBus(), clock, logger });
const jobs = registerJobs(
  new JobRunner({ db, actions, clock, logger, leaseMs: Number(process.env.JOB_LEASE_MS) }),
  // Its own storage: this node has no uploads, so a files sweep it may take finds nothing.
  { storage: new LocalStorage(path.join(tmpdir(), `parta-job-node-${process.pid}`)) },
);

process.on('message', (command: { run: string }) => {
  clock.set(new Date(command.run));
  jobs.runDue().then(
    (taken) => process.send!({ taken }),
    (error: Error) => process.send!({ error: error.message }),
  );
});
process.send!({ ready: true });
