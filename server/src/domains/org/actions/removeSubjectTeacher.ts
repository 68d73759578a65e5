import type { TSubjectTeacherRequest } from '@parta/protocol';
import { and, eq } from 'drizzle-orm';
import { subjectTeachers } from '../../../db/schema.js';
import type { Action } from '../../../infra/actions.js';
import { beginStructureChange } from '../change.js';
import { lockClass } from '../load.js';
import { canManageStructure } from '../policy.js';
import { syncStructuralChats } from '../sync.js';

export const removeSubjectTeacher: Action<TSubjectTeacherRequest & { classId: number }, null> = async (
  { tx, actor, now },
  input,
) => {
  const { school } = await beginStructureChange(tx, actor, canManageStructure);
  const schoolClass = await lockClass(tx, school.id, input.classId);
  await tx
    .delete(subjectTeachers)
    .where(
      and(
        eq(subjectTeachers.classId, schoolClass.id),
        eq(subjectTeachers.teacherId, input.teacherId),
        eq(subjectTeachers.subject, input.subject),
      ),
    );
  return {
    result: null,
    events: await syncStructuralChats(tx, school.id, now),
    audit: {
      type: 'classes.remove_subject_teacher',
      subjectId: schoolClass.id,
      data: { teacherId: input.teacherId, subject: input.subject },
    },
  };
};
