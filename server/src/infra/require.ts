import type { Actor } from './actor.js';
import { AppError } from './errors.js';
import type { Verdict } from './verdict.js';

/** Throws the verdict's error if it is a denial. */
export function enforce(verdict: Verdict): void {
  if (!verdict.ok) throw new AppError(verdict.code);
}

/** For actions behind a route gate that already required a person. */
export function requirePerson(actor: Actor): Extract<Actor, { kind: 'person' }> {
  if (actor.kind !== 'person') throw new AppError('auth.required');
  return actor;
}
