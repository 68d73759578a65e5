import type { ErrorCode } from '@parta/protocol';
import type { Actor, Person } from './actor.js';

export type Verdict = { ok: true } | { ok: false; code: ErrorCode };

export const allow: Verdict = { ok: true };
export const deny = (code: ErrorCode): Verdict => ({ ok: false, code });
/**
 * The actor may not even see the subject: `enforceSeen` answers it exactly
 * as a missing row (DESIGN §3.8); plain `enforce` still gives a 404.
 */
export const unseen = { ok: false, code: 'request.not_found' } as const satisfies Verdict;

/** Most rules first need a logged-in person; this is their shared first step. */
export function asPerson(actor: Actor): Person | null {
  return actor.kind === 'person' ? actor : null;
}
