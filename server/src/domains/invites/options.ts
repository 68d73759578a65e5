import {
  askedRoles,
  type InviteRole,
  type TInviteCandidates,
  type TInviteCandidatesQuery,
  type TInviteOptions,
} from '@parta/protocol';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { classes, schools } from '../../db/schema.js';
import type { Person } from '../../infra/actor.js';
import { classTeacherOf } from '../joins/queries.js';
import { className } from '../org/calendar.js';
import { canInvitePerson, canManageInvites } from './policy.js';

/** The invite form's choices, each one the rule its action enforces would allow. */
export async function inviteOptions(db: Queryable, viewer: Person): Promise<TInviteOptions> {
  const open = await db
    .select({
      id: classes.id,
      grade: classes.grade,
      letter: classes.letter,
      classTeacherId: classes.classTeacherId,
    })
    .from(classes)
    .where(and(eq(classes.schoolId, viewer.schoolId), isNull(classes.archivedAt)))
    .orderBy(asc(classes.grade), asc(classes.letter));
  const mayInvite = (role: InviteRole, classTeacherId: number | null) =>
    canManageInvites(viewer, { role, classTeacherId }).ok;
  const wholeSchool = mayInvite('parent', null);
  const [school] = wholeSchool
    ? await db.select({ joinCode: schools.joinCode }).from(schools).where(eq(schools.id, viewer.schoolId))
    : [];
  return {
    // families first, as the form offers them; a class teacher's own class stands for theirs
    roles: askedRoles.filter((role) => mayInvite(role, viewer.userId)),
    classes: open
      .filter((item) => mayInvite('parent', item.classTeacherId))
      .map((item) => ({ id: item.id, name: className(item.grade, item.letter) })),
    wholeSchool,
    joinCode: school?.joinCode ?? null,
  };
}

/**
 * Whom a personal invite may be for: present people of the role who never
 * chose a password, in the class when one is named, each passing the rule
 * `createInvite` applies (a class teacher: only their class's families).
 */
export async function inviteCandidates(
  db: Queryable,
  viewer: Person,
  query: TInviteCandidatesQuery,
): Promise<TInviteCandidates> {
  const classId = query.classId ?? null;
  const scope = {
    role: query.role,
    classId,
    classTeacherId: await classTeacherOf(db, viewer.schoolId, classId),
  };
  const rows = await db.execute<{
    id: number;
    full_name: string;
    roles: string[];
    grade: number | null;
    letter: string | null;
    class_ids: (number | null)[];
  }>(sql`
    select u.id, u.full_name, u.roles, c.grade, c.letter,
      array_remove(array_append(array_agg(s.class_id), u.class_id), null) as class_ids
    from users u
      left join classes c on c.id = u.class_id
      left join guardianships g on g.parent_id = u.id
      left join users s on s.id = g.student_id and s.left_at is null
    where u.school_id = ${viewer.schoolId} and u.left_at is null and u.password_hash is null
      and ${query.role} = any(u.roles)
    group by u.id, c.id
    order by u.full_name, u.id
    limit 2000`);
  const people = rows.rows.filter((row) => {
    const classIds = row.class_ids.filter((id): id is number => id !== null);
    if (classId !== null && !classIds.includes(classId)) return false;
    const target = {
      userId: row.id,
      roles: row.roles as Person['roles'],
      hasPassword: false,
      left: false,
      classIds,
    };
    return canInvitePerson(viewer, scope, target).ok;
  });
  return {
    people: people.map((row) => ({
      id: row.id,
      fullName: row.full_name,
      className: row.grade === null ? null : className(row.grade, row.letter!),
    })),
  };
}
