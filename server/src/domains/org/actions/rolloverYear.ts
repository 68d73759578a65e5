import type { TRolloverPlan } from '@parta/protocol';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { classes, schools, users } from '../../../db/schema.js';
import type { Action } from '../../../infra/actions.js';
import { AppError } from '../../../infra/errors.js';
import { academicYearAt } from '../calendar.js';
import { beginStructureChange } from '../change.js';
import { canManageStructure } from '../policy.js';
import { planRollover } from '../rollover.js';
import { archiveClassChats, syncStructuralChats } from '../sync.js';
import { refreshClassTeacherRole } from './assignClassTeacher.js';

/**
 * The new school year: classes move up and their chats are renamed with their
 * history; graduating classes' chats become read-only and their students
 * leave. Names the year it rolls over from, so running it twice for the same
 * year changes nothing the second time.
 */
export const rolloverYear: Action<{ fromYear: number }, TRolloverPlan> = async (
  { tx, actor, now },
  input,
) => {
  const { school } = await beginStructureChange(tx, actor, canManageStructure);
  const plan = await planRollover(tx, school, input.fromYear);
  if (!plan.pending) return { result: plan, audit: null };
  // The new year starts in summer: a rollover in May would move every class a year too early.
  if (academicYearAt(now, school.timeZone) < plan.toYear) {
    throw new AppError('school.rollover_too_early', { year: plan.toYear });
  }
  const graduated = plan.graduated.map((row) => row.classId);
  const promoted = plan.promoted.map((row) => row.classId);
  const events = await archiveClassChats(tx, graduated, now);
  if (graduated.length > 0) {
    const teachers = await tx
      .update(classes)
      .set({ archivedAt: now })
      .where(inArray(classes.id, graduated))
      .returning({ teacherId: classes.classTeacherId });
    await tx
      .update(users)
      .set({ leftAt: now })
      .where(and(inArray(users.classId, graduated), isNull(users.leftAt)));
    for (const { teacherId } of teachers)
      if (teacherId !== null) await refreshClassTeacherRole(tx, teacherId);
  }
  if (promoted.length > 0) {
    await tx
      .update(classes)
      .set({ grade: sql`${classes.grade} + 1`, academicYear: plan.toYear })
      .where(inArray(classes.id, promoted));
  }
  await tx.update(schools).set({ academicYear: plan.toYear }).where(eq(schools.id, school.id));
  events.push(...(await syncStructuralChats(tx, school.id, now)));
  return {
    result: plan,
    events,
    audit: {
      type: 'school.rollover',
      data: { fromYear: plan.fromYear, promoted: promoted.length, graduated: graduated.length },
    },
  };
};
