import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { schools } from '../../db/schema.js';
import type { Actor } from '../../infra/actor.js';
import { AppError } from '../../infra/errors.js';
import type { EventDraft } from '../../infra/events.js';
import { enforce, requirePerson } from '../../infra/require.js';
import type { Verdict } from '../../infra/verdict.js';

/**
 * The first step of every action that changes a school's structure: check the
 * gate, then lock the school row. Structure changes of one school therefore
 * run one at a time, so each sees the structure the previous one left and the
 * structural chats never race (two syncs adding the same member).
 */
export async function beginStructureChange(tx: Tx, actor: Actor, gate: (actor: Actor) => Verdict) {
  enforce(gate(actor));
  const person = requirePerson(actor);
  return { person, school: await lockStructure(tx, person.schoolId) };
}

/**
 * The school's structure lock, for changes that do not start from a gate of
 * their own (admitting someone by invite or by approval). Take it before
 * locking the people or requests the change touches.
 */
export async function lockStructure(tx: Tx, schoolId: number) {
  const [school] = await tx.select().from(schools).where(eq(schools.id, schoolId)).for('update');
  if (!school) throw new AppError('auth.required');
  return school;
}

/** Tells a person's open tabs that their roles or classes changed, so they reload who they are. */
export function personUpdated(personId: number): EventDraft {
  return { payload: { type: 'people.update', personId }, userIds: [personId] };
}
