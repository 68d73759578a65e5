import { pruneMessageHistory, pruneSearchWords } from './domains/messages/retention.js';
import type { JobRunner } from './infra/jobs.js';
import { pruneEvents } from './realtime/retention.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Every kind of background job the server runs, and how often the recurring ones come back. */
export function registerJobs(jobs: JobRunner): JobRunner {
  return jobs
    .register('retention.events', { run: pruneEvents, everyMs: DAY_MS })
    .register('retention.message_history', { run: pruneMessageHistory, everyMs: DAY_MS })
    .register('retention.search_words', { run: pruneSearchWords, everyMs: DAY_MS });
}
