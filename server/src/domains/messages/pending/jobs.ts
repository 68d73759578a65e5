/** The job that delivers waiting messages when they are due (release.ts). */
export const RELEASE_JOB = 'messages.release';

/** One release job per moment: every message held for 07:30 tomorrow shares it. */
export const releaseKey = (at: Date) => `${RELEASE_JOB}:${at.toISOString()}`;
