import { sweepFiles } from './domains/files/sweep.js';
import { RESCHEDULE_HELD_JOB } from './domains/hours/jobs.js';
import { RELEASE_JOB } from './domains/messages/pending/jobs.js';
import { releaseDue, rescheduleHeld } from './domains/messages/pending/release.js';
import { pruneMessageHistory, pruneSearchWords } from './domains/messages/retention.js';
import type { JobRunner } from './infra/jobs.js';
import type { Storage } from './infra/storage.js';
import { pruneEvents } from './realtime/retention.js';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** Every kind of background job the server runs, and how often the recurring ones come back. */
export function registerJobs(jobs: JobRunner, deps: { storage: Storage }): JobRunner {
  return (
    jobs
      .register('retention.events', { run: pruneEvents, everyMs: DAY_MS })
      .register('retention.message_history', { run: pruneMessageHistory, everyMs: DAY_MS })
      .register('retention.search_words', { run: pruneSearchWords, everyMs: DAY_MS })
      // A release is seconds of work: if its node dies, another takes it after a minute, not ten.
      .register(RELEASE_JOB, { run: releaseDue, leaseMs: 60_000 })
      .register(RESCHEDULE_HELD_JOB, { run: rescheduleHeld })
      .register('files.sweep', { run: sweepFiles(deps.storage), everyMs: HOUR_MS })
  );
}
