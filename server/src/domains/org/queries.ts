import type { Locale, Role, TPeopleList, ZPeopleQuery } from '@parta/protocol';
import { and, asc, eq, ilike, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Queryable } from '../../db/client.js';
import { classes, guardianships, schools, subjectTeachers, users } from '../../db/schema.js';
import type { Person } from '../../infra/actor.js';
import type { DirectVerdicts } from '../../infra/verdict.js';
import { className } from './calendar.js';
import { familyLabels } from './families.js';
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

async function liveClasses(db: Queryable, schoolId: number) {
  const rows = await db
    .select({ id: classes.id, grade: classes.grade, letter: classes.letter })
    .from(classes)
    .where(and(eq(classes.schoolId, schoolId), isNull(classes.archivedAt)))
    .orderBy(asc(classes.grade), asc(classes.letter));
  return rows.map((row) => ({ id: row.id, name: className(row.grade, row.letter) }));
}

type PeopleFilter = z.output<typeof ZPeopleQuery>;

/** The narrowing of `GET /api/people`, as SQL on `users`. */
function peopleWhere(schoolId: number, filter: PeopleFilter): SQL | undefined {
  const { q, role, classId } = filter;
  const inClass =
    classId === undefined
      ? undefined
      : or(
          and(eq(users.classId, classId), sql`'student' = any(${users.roles})`),
          sql`${users.id} in (select ${guardianships.parentId} from ${guardianships}
            join ${users} s on s.id = ${guardianships.studentId}
            where s.class_id = ${classId} and s.left_at is null)`,
          sql`${users.id} in (select ${classes.classTeacherId} from ${classes} where ${classes.id} = ${classId})`,
          sql`${users.id} in (select ${subjectTeachers.teacherId} from ${subjectTeachers}
            where ${subjectTeachers.classId} = ${classId})`,
        );
  return and(
    eq(users.schoolId, schoolId),
    isNull(users.leftAt),
    // An applicant (no role yet, waiting for a decision on their request) is in «Заявки», not among the people.
    sql`cardinality(${users.roles}) > 0`,
    q ? ilike(users.fullName, `%${q.replace(/[\\%_]/g, (char) => `\\${char}`)}%`) : undefined,
    role ? or(...role.map((one) => sql`${one} = any(${users.roles})`)) : undefined,
    inClass,
  );
}

/**
 * Names and roles only, of the people the viewer may see (canSeePerson)
 * who hold a role (applicants are not the school's people yet), narrowed by name, role and class and at most `limit` of them: contact data
 * stays with the person and the admins. Parents carry who they are through
 * their children, for staff (`familyLabels`).
 */
export async function listPeople(
  db: Queryable,
  viewer: Person,
  rules: DirectVerdicts,
  filter: PeopleFilter,
  locale: Locale,
): Promise<TPeopleList> {
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
    .where(peopleWhere(viewer.schoolId, filter))
    .orderBy(asc(users.fullName), asc(users.id));
  const visible = rows.filter((row) => canSeePerson(viewer, rules, row.id).ok);
  const page = visible.slice(0, filter.limit);
  const labels = await familyLabels(
    db,
    viewer,
    viewer.schoolId,
    page.filter((row) => row.roles.includes('parent')).map((row) => row.id),
    locale,
  );
  return {
    people: page.map(({ grade, letter, ...row }) => ({
      ...row,
      roles: row.roles as Role[],
      className: grade === null ? null : className(grade, letter!),
      context: labels.get(row.id) ?? null,
    })),
    more: visible.length > page.length,
    classes: await liveClasses(db, viewer.schoolId),
  };
}
