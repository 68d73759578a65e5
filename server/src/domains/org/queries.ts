import type { Role, TPersonSummary } from '@parta/protocol';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { classes, schools, users } from '../../db/schema.js';
import type { Person } from '../../infra/actor.js';
import type { DirectVerdicts } from '../../infra/verdict.js';
import { className } from './calendar.js';
import { canSeePerson } from './policy.js';

export async function isSetUp(db: Queryable): Promise<boolean> {
  const [row] = await db.select({ id: schools.id }).from(schools).limit(1);
  return row !== undefined;
}

/** The school's name when the installation holds exactly one (a district's login page names none). */
export async function soleSchoolName(db: Queryable): Promise<string | null> {
  const rows = await db.select({ name: schools.name }).from(schools).limit(2);
  return rows.length === 1 ? rows[0]!.name : null;
}

/** Names and roles only, of the people the viewer may see (canSeePerson): contact data stays with the person and the admins. */
export async function listPeople(
  db: Queryable,
  viewer: Person,
  rules: DirectVerdicts,
): Promise<TPersonSummary[]> {
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
    .where(and(eq(users.schoolId, viewer.schoolId), isNull(users.leftAt)))
    .orderBy(asc(users.fullName));
  return rows
    .filter((row) => canSeePerson(viewer, rules, row.id).ok)
    .map(({ grade, letter, ...row }) => ({
      ...row,
      roles: row.roles as Role[],
      className: grade === null ? null : className(grade, letter!),
    }));
}
