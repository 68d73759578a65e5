import type { Role, TPersonSummary } from '@parta/protocol';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { classes, schools, users } from '../../db/schema.js';
import { className } from './calendar.js';

export async function isSetUp(db: Queryable): Promise<boolean> {
  const [row] = await db.select({ id: schools.id }).from(schools).limit(1);
  return row !== undefined;
}

/** Names and roles only: contact data stays with the person and the admins. */
export async function listPeople(db: Queryable, schoolId: number): Promise<TPersonSummary[]> {
  const rows = await db
    .select({
      id: users.id,
      fullName: users.fullName,
      roles: users.roles,
      grade: classes.grade,
      letter: classes.letter,
    })
    .from(users)
    .leftJoin(classes, eq(classes.id, users.classId))
    .where(and(eq(users.schoolId, schoolId), isNull(users.leftAt)))
    .orderBy(asc(users.fullName));
  return rows.map(({ grade, letter, ...row }) => ({
    ...row,
    roles: row.roles as Role[],
    className: grade === null ? null : className(grade, letter!),
  }));
}
