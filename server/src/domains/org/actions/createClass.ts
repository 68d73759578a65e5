import type { TCreateClassRequest } from '@parta/protocol';
import { and, eq, isNull } from 'drizzle-orm';
import { classes } from '../../../db/schema.js';
import type { Action } from '../../../infra/actions.js';
import { AppError } from '../../../infra/errors.js';
import { className } from '../calendar.js';
import { beginStructureChange } from '../change.js';
import { canManageStructure } from '../policy.js';
import { syncStructuralChats } from '../sync.js';

/** «Создать класс 5А»: the class of the current school year, with its parents' and students' chats. */
export const createClass: Action<TCreateClassRequest, { classId: number }> = async (
  { tx, actor, now },
  input,
) => {
  const { school } = await beginStructureChange(tx, actor, canManageStructure);
  const name = className(input.grade, input.letter);
  const [existing] = await tx
    .select({ id: classes.id })
    .from(classes)
    .where(
      and(
        eq(classes.schoolId, school.id),
        eq(classes.academicYear, school.academicYear),
        eq(classes.grade, input.grade),
        eq(classes.letter, input.letter),
        isNull(classes.archivedAt),
      ),
    );
  if (existing) throw new AppError('classes.duplicate', { name });
  const [created] = await tx
    .insert(classes)
    .values({
      schoolId: school.id,
      grade: input.grade,
      letter: input.letter,
      academicYear: school.academicYear,
      createdAt: now,
    })
    .returning({ id: classes.id });
  return {
    result: { classId: created!.id },
    events: await syncStructuralChats(tx, school.id, now),
    audit: { type: 'classes.create', subjectId: created!.id, data: { name } },
  };
};
