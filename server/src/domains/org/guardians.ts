import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { classes } from '../../db/schema.js';
import type { Actor } from '../../infra/actor.js';
import { AppError } from '../../infra/errors.js';
import { enforce } from '../../infra/require.js';
import { findPresentPerson } from './load.js';
import { canEditClass } from './policy.js';

/**
 * Loads a parent and a student for a guardianship change and checks that the
 * actor may edit the student's class: the admin, or its class teacher.
 */
export async function loadGuardianship(
  tx: Tx,
  actor: Actor,
  schoolId: number,
  parentId: number,
  studentId: number,
) {
  if (parentId === studentId) throw new AppError('org.self_guardian');
  const student = await findPresentPerson(tx, schoolId, studentId, ['student'], 'org.not_a_student');
  const [schoolClass] = student.classId
    ? await tx.select().from(classes).where(eq(classes.id, student.classId))
    : [undefined];
  enforce(canEditClass(actor, schoolClass ?? { classTeacherId: null }, 'people.not_found'));
  const parent = await findPresentPerson(tx, schoolId, parentId, ['parent'], 'org.not_a_parent');
  return { parent, student };
}
