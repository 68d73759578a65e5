import { eq } from 'drizzle-orm';
import { users } from '../../../db/schema.js';
import type { Action } from '../../../infra/actions.js';
import { AppError } from '../../../infra/errors.js';
import { beginStructureChange } from '../change.js';
import { findPresentPerson, lockClass } from '../load.js';
import { canManageStructure } from '../policy.js';
import { syncStructuralChats } from '../sync.js';

/**
 * Puts a student into a class, or transfers them (5А → 5Б): the student and
 * their parents move chats; a parent stays in 5А's chat only while another
 * child of theirs is still there.
 */
export const placeStudent: Action<{ studentId: number; classId: number }, null> = async (
  { tx, actor, now },
  input,
) => {
  const { school } = await beginStructureChange(tx, actor, canManageStructure);
  const target = await lockClass(tx, school.id, input.classId);
  if (target.archivedAt) throw new AppError('classes.archived', { name: target.name });
  const student = await findPresentPerson(tx, school.id, input.studentId, ['student'], 'org.not_a_student');
  await tx.update(users).set({ classId: target.id }).where(eq(users.id, student.id));
  return {
    result: null,
    events: await syncStructuralChats(tx, school.id, now),
    audit: {
      type: student.classId === null ? 'people.enrol_student' : 'people.transfer_student',
      subjectId: student.id,
      data: { fromClassId: student.classId ?? 0, toClassId: target.id },
    },
  };
};
