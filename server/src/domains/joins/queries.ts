import type { InviteRole, TJoinRequest } from '@parta/protocol';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { classes, schools } from '../../db/schema.js';
import type { Actor, Person } from '../../infra/actor.js';
import { hasRole } from '../../infra/actor.js';
import { AppError } from '../../infra/errors.js';
import { className } from '../org/calendar.js';
import { joinAbilitiesFor } from './policy.js';

/** «Мария И.»: how one family sees another family's child (USERS.md, UX.md). */
export function shortName(fullName: string): string {
  const [surname, given] = fullName.trim().split(/\s+/);
  return given ? `${given} ${surname!.charAt(0)}.` : fullName;
}

/**
 * The short names of one list, told apart: namesakes («Анна Г.» twice) get
 * their whole surname («Анна Гарипова», «Анна Гайнуллина»), and those with
 * the same surname too the patronymic's initial («Анна Гарипова Р.»).
 */
export function distinctShortNames(fullNames: readonly string[]): string[] {
  const count = (names: string[]) =>
    names.reduce((map, name) => map.set(name, (map.get(name) ?? 0) + 1), new Map<string, number>());
  const short = fullNames.map(shortName);
  const shorts = count(short);
  const long = fullNames.map((fullName, i) => {
    if (shorts.get(short[i]!)! < 2) return short[i]!;
    const [surname, given] = fullName.trim().split(/\s+/);
    return `${given} ${surname}`;
  });
  const longs = count(long);
  return fullNames.map((fullName, i) => {
    const patronymic = fullName.trim().split(/\s+/)[2];
    return longs.get(long[i]!)! > 1 && patronymic ? `${long[i]} ${patronymic.charAt(0)}.` : long[i]!;
  });
}

/** Only what a reviewer may see: the admin every class, a class teacher the classes they lead. */
export function reviewScope(viewer: Person, alias: string) {
  if (hasRole(viewer, 'admin')) return sql``;
  return sql`and ${sql.raw(alias)}.class_id in (select id from classes where class_teacher_id = ${viewer.userId})`;
}

/** The class teacher of a class, for the rules (undefined: no class). */
export async function classTeacherOf(db: Queryable, schoolId: number, classId: number | null) {
  if (classId === null) return undefined;
  const [row] = await db
    .select({ classTeacherId: classes.classTeacherId })
    .from(classes)
    .where(and(eq(classes.id, classId), eq(classes.schoolId, schoolId)));
  if (!row) throw new AppError('classes.not_found');
  return row.classTeacherId;
}

export async function findSchoolByCode(db: Queryable, code: string) {
  const [school] = /^\d{8}$/.test(code)
    ? await db.select().from(schools).where(eq(schools.joinCode, code))
    : [];
  if (!school) throw new AppError('schools.code_invalid');
  return school;
}

/** A present class of the school, or "not found". */
export async function findOpenClass(db: Queryable, schoolId: number, classId: number) {
  const [row] = await db
    .select({ id: classes.id })
    .from(classes)
    .where(and(eq(classes.id, classId), eq(classes.schoolId, schoolId), isNull(classes.archivedAt)));
  if (!row) throw new AppError('classes.not_found');
  return row.id;
}

/** The school's present classes, for its public page. */
export async function listOpenClasses(db: Queryable, schoolId: number) {
  const rows = await db.execute<{ id: number; grade: number; letter: string }>(sql`
    select id, grade, letter from classes where school_id = ${schoolId} and archived_at is null
    order by grade, letter`);
  return rows.rows.map((row) => ({ id: row.id, name: className(row.grade, row.letter) }));
}

const joinColumns = sql`
  select j.id, j.status, j.role, j.reason, j.created_at, j.decided_at, j.invite_id,
    a.id as applicant_id, a.full_name as applicant_name, c.id as class_id, c.grade, c.letter,
    c.class_teacher_id, s.id as child_id, s.full_name as child_name
  from join_requests j join users a on a.id = j.user_id
    left join classes c on c.id = j.class_id left join users s on s.id = j.child_id`;

/**
 * The requests a reviewer may see, or (`mine`) the viewer's own, newest
 * first; each with what the viewer may do with it.
 */
export async function listJoinRequests(
  db: Queryable,
  viewer: Person,
  filter: { status?: string | undefined; mine?: boolean },
): Promise<TJoinRequest[]> {
  const result = await db.execute<Record<string, unknown>>(sql`${joinColumns}
    where j.school_id = ${viewer.schoolId}
      ${filter.mine ? sql`and j.user_id = ${viewer.userId}` : reviewScope(viewer, 'j')}
      ${filter.status ? sql`and j.status = ${filter.status}` : sql``}
    order by j.created_at desc, j.id desc limit 500`);
  return result.rows.map((row) => presentJoin(row, viewer, filter.mine === true));
}

/** A request as its applicant sees it, right after they made it (whoever the actor was: a newcomer too). */
export async function findOwnJoinRequest(db: Queryable, actor: Actor, requestId: number) {
  const result = await db.execute<Record<string, unknown>>(sql`${joinColumns} where j.id = ${requestId}`);
  return presentJoin(result.rows[0]!, actor, true);
}

function presentJoin(row: Record<string, unknown>, viewer: Actor, mine: boolean): TJoinRequest {
  const request = {
    id: row.id as number,
    status: row.status as TJoinRequest['status'],
    applicant: { id: row.applicant_id as number, fullName: row.applicant_name as string },
    role: row.role as InviteRole,
    class: row.class_id
      ? { id: row.class_id as number, name: className(row.grade as number, row.letter as string) }
      : null,
    // An applicant picked the child from short names: their own requests never tell them more.
    child: row.child_id
      ? {
          id: row.child_id as number,
          fullName: mine ? shortName(row.child_name as string) : (row.child_name as string),
        }
      : null,
    inviteId: (row.invite_id as number | null) ?? null,
    reason: (row.reason as string | null) ?? null,
    createdAt: new Date(row.created_at as string).toISOString(),
    decidedAt: row.decided_at ? new Date(row.decided_at as string).toISOString() : null,
  };
  const classTeacherId = row.class_id ? (row.class_teacher_id as number | null) : undefined;
  return {
    ...request,
    policies: joinAbilitiesFor(viewer, { role: request.role, classTeacherId, status: request.status }),
  };
}
