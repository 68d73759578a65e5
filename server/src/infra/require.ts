import type { ErrorCode } from '@parta/protocol';
import type { Actor } from './actor.js';
import { AppError } from './errors.js';
import { unseen, type Verdict } from './verdict.js';

/** Throws the verdict's error if it is a denial. */
export function enforce(verdict: Verdict): void {
  if (!verdict.ok) throw new AppError(verdict.code);
}

/** Like `enforce`, but a subject the actor may not see fails as `notFound`, the answer a missing one gets. */
export function enforceSeen(verdict: Verdict, notFound: ErrorCode): void {
  if (!verdict.ok) throw new AppError(verdict.code === unseen.code ? notFound : verdict.code);
}

/** For actions behind a route gate that already required a person. */
export function requirePerson(actor: Actor): Extract<Actor, { kind: 'person' }> {
  if (actor.kind !== 'person') throw new AppError('auth.required');
  return actor;
}
