import type { ErrorCode } from '@parta/protocol';
import type { Actor, Person } from './actor.js';

export type Verdict = { ok: true } | { ok: false; code: ErrorCode };

export const allow: Verdict = { ok: true };
export const deny = (code: ErrorCode): Verdict => ({ ok: false, code });

/** Most rules first need a logged-in person; this is their shared first step. */
export function asPerson(actor: Actor): Person | null {
  return actor.kind === 'person' ? actor : null;
}

/**
 * Who may write to whom directly (org/direct-policy.ts, built from the
 * school's structure): several rules measure what a person may reach by it.
 */
export interface DirectVerdicts {
  verdict(fromId: number, toId: number): Verdict;
}
