import type { TSubjectTeacherRequest } from '@parta/protocol';
import { teachingRoles } from '@parta/protocol';
import { subjectTeachers } from '../../../db/schema.js';
import type { Action } from '../../../infra/actions.js';
import { AppError } from '../../../infra/errors.js';
import { beginStructureChange } from '../change.js';
import { findPresentPerson, lockClass } from '../load.js';
import { canManageStructure } from '../policy.js';
import { syncStructuralChats } from '../sync.js';

/** «Математика в 5А — Сафина Г. И.» */
export const assignSubjectTeacher: Action<TSubjectTeacherRequest & { classId: number }, null> = async (
  { tx, actor, now },
  input,
) => {
  const { school } = await beginStructureChange(tx, actor, canManageStructure);
  const schoolClass = await lockClass(tx, school.id, input.classId);
  if (schoolClass.archivedAt) throw new AppError('classes.archived', { name: schoolClass.name });
  await findPresentPerson(tx, school.id, input.teacherId, teachingRoles, 'org.not_a_teacher');
  await tx
    .insert(subjectTeachers)
    .values({ classId: schoolClass.id, teacherId: input.teacherId, subject: input.subject })
    .onConflictDoNothing();
  return {
    result: null,
    events: await syncStructuralChats(tx, school.id, now),
    audit: {
      type: 'classes.assign_subject_teacher',
      subjectId: schoolClass.id,
      data: { teacherId: input.teacherId, subject: input.subject },
    },
  };
};
