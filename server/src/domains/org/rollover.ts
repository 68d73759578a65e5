import type { TRolloverPlan } from '@parta/protocol';
import { and, count, eq, isNull } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { classes, users } from '../../db/schema.js';
import { className } from './calendar.js';

export const LAST_GRADE = 11;

/**
 * What the year's rollover will do: every class of the current year moves up
 * a grade (5А → 6А), the 11th grades graduate. Shown to the admin before
 * anything changes; the action applies exactly this plan.
 */
export async function planRollover(
  db: Queryable,
  school: { id: number; academicYear: number },
  fromYear: number = school.academicYear,
): Promise<TRolloverPlan> {
  const pending = fromYear === school.academicYear;
  const rows = pending
    ? await db
        .select({ id: classes.id, grade: classes.grade, letter: classes.letter, students: count(users.id) })
        .from(classes)
        .leftJoin(users, and(eq(users.classId, classes.id), isNull(users.leftAt)))
        .where(
          and(
            eq(classes.schoolId, school.id),
            eq(classes.academicYear, fromYear),
            isNull(classes.archivedAt),
          ),
        )
        .groupBy(classes.id)
        .orderBy(classes.grade, classes.letter)
    : [];
  return {
    fromYear,
    toYear: fromYear + 1,
    availableFrom: `${fromYear + 1}-07-01`,
    promoted: rows
      .filter((row) => row.grade < LAST_GRADE)
      .map((row) => ({
        classId: row.id,
        from: className(row.grade, row.letter),
        to: className(row.grade + 1, row.letter),
      })),
    graduated: rows
      .filter((row) => row.grade >= LAST_GRADE)
      .map((row) => ({ classId: row.id, name: className(row.grade, row.letter), students: row.students })),
    pending,
  };
}
