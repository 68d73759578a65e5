import { leadingRole, teachingRoles } from '@parta/protocol';
import { and, eq, isNull } from 'drizzle-orm';
import type { Tx } from '../../../db/client.js';
import { classes, users } from '../../../db/schema.js';
import type { Action } from '../../../infra/actions.js';
import { AppError } from '../../../infra/errors.js';
import { beginStructureChange, personUpdated } from '../change.js';
import { findPresentPerson, lockClass } from '../load.js';
import { canManageStructure } from '../policy.js';
import { syncStructuralChats } from '../sync.js';

/**
 * Makes a teacher the class teacher of a class (or leaves it without one).
 * The role «классный руководитель» follows the assignment: a person holds it
 * while they lead at least one class. Ownership of the class's chats moves.
 */
export const assignClassTeacher: Action<{ classId: number; teacherId: number | null }, null> = async (
  { tx, actor, now },
  input,
) => {
  const { school } = await beginStructureChange(tx, actor, canManageStructure);
  const schoolClass = await lockClass(tx, school.id, input.classId);
  if (schoolClass.archivedAt) throw new AppError('classes.archived', { name: schoolClass.name });
  if (input.teacherId !== null) {
    await findPresentPerson(tx, school.id, input.teacherId, teachingRoles, 'org.not_a_teacher');
  }
  await tx.update(classes).set({ classTeacherId: input.teacherId }).where(eq(classes.id, schoolClass.id));
  const touched = [schoolClass.classTeacherId, input.teacherId].filter((id): id is number => id !== null);
  for (const id of touched) await refreshClassTeacherRole(tx, id);
  return {
    result: null,
    events: [...(await syncStructuralChats(tx, school.id, now)), ...touched.map(personUpdated)],
    audit: {
      type: 'classes.assign_teacher',
      subjectId: schoolClass.id,
      data: { teacherId: input.teacherId ?? 0, previousId: schoolClass.classTeacherId ?? 0 },
    },
  };
};

/** Gives or takes the class-teacher role so that it matches the classes the person leads. */
export async function refreshClassTeacherRole(tx: Tx, personId: number): Promise<void> {
  const [person] = await tx.select({ roles: users.roles }).from(users).where(eq(users.id, personId));
  if (!person) return;
  const [leads] = await tx
    .select({ id: classes.id })
    .from(classes)
    .where(and(eq(classes.classTeacherId, personId), isNull(classes.archivedAt)))
    .limit(1);
  const others = person.roles.filter((role) => role !== leadingRole);
  const roles = leads ? [...others, leadingRole] : others;
  await tx.update(users).set({ roles }).where(eq(users.id, personId));
}
