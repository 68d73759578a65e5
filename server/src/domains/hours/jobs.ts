/** Run after the school changes its hours: held messages move to the new next opening (messages/pending/release.ts). */
export const RESCHEDULE_HELD_JOB = 'messages.reschedule_held';
