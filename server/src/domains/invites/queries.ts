import type { InviteRole, TInvite, TInvitePreview, TJoinRequest } from '@parta/protocol';
import { sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import type { Person } from '../../infra/actor.js';
import { hasRole } from '../../infra/actor.js';
import { className } from '../org/calendar.js';

/** «Мария И.»: how one family sees another family's child (USERS.md, UX.md). */
export function shortName(fullName: string): string {
  const [surname, given] = fullName.trim().split(/\s+/);
  return given ? `${given} ${surname!.charAt(0)}.` : fullName;
}

/** Only what a reviewer may see: the admin every class, a class teacher the classes they lead. */
function scopeFor(viewer: Person, alias: string) {
  if (hasRole(viewer, 'admin')) return sql``;
  return sql`and ${sql.raw(alias)}.class_id in (select id from classes where class_teacher_id = ${viewer.userId})`;
}

/**
 * The invites the viewer manages, newest first; with `id`, just that one (a
 * new invite is read by its id: the list stops at 500, and a clock set back
 * would put a new invite below 500 others).
 */
export async function listInvites(db: Queryable, viewer: Person, id?: number): Promise<TInvite[]> {
  const result = await db.execute<Record<string, unknown>>(sql`
    select i.id, i.role, i.max_uses, i.uses, i.expires_at, i.revoked_at, i.created_at,
      c.id as class_id, c.grade, c.letter, p.id as person_id, p.full_name as person_name,
      ch.id as chat_id, ch.title as chat_title
    from invites i left join classes c on c.id = i.class_id left join users p on p.id = i.person_id
      left join chats ch on ch.id = i.chat_id
    where i.school_id = ${viewer.schoolId} ${scopeFor(viewer, 'i')} ${id === undefined ? sql`` : sql`and i.id = ${id}`}
    order by i.created_at desc, i.id desc limit 500`);
  return result.rows.map((row) => ({
    id: row.id as number,
    role: row.role as InviteRole,
    class: row.class_id
      ? { id: row.class_id as number, name: className(row.grade as number, row.letter as string) }
      : null,
    chat: row.chat_id ? { id: row.chat_id as number, title: row.chat_title as string } : null,
    person: row.person_id ? { id: row.person_id as number, fullName: row.person_name as string } : null,
    maxUses: row.max_uses as number | null,
    uses: row.uses as number,
    expiresAt: new Date(row.expires_at as string).toISOString(),
    revoked: row.revoked_at !== null,
    createdAt: new Date(row.created_at as string).toISOString(),
  }));
}

/** The join page's header: school, role, class, and the children a parent picks from. */
export async function previewInvite(
  db: Queryable,
  invite: { schoolId: number; role: string; classId: number | null; personId: number | null },
): Promise<TInvitePreview> {
  const school = await db.execute<{ name: string }>(
    sql`select name from schools where id = ${invite.schoolId}`,
  );
  const schoolClass = invite.classId
    ? (
        await db.execute<{ grade: number; letter: string }>(
          sql`select grade, letter from classes where id = ${invite.classId}`,
        )
      ).rows[0]
    : undefined;
  const children =
    invite.role === 'parent' && invite.classId && invite.personId === null
      ? await db.execute<{ id: number; full_name: string }>(sql`
          select id, full_name from users where class_id = ${invite.classId} and left_at is null
            and 'student' = any(roles) order by full_name`)
      : { rows: [] };
  const person = invite.personId
    ? (
        await db.execute<{ full_name: string }>(
          sql`select full_name from users where id = ${invite.personId}`,
        )
      ).rows[0]
    : undefined;
  return {
    school: school.rows[0]!.name,
    personName: person?.full_name ?? null,
    role: invite.role as InviteRole,
    className: schoolClass ? className(schoolClass.grade, schoolClass.letter) : null,
    personal: invite.personId !== null,
    children: children.rows
      .map((row) => ({ id: row.id, name: shortName(row.full_name) }))
      .sort((a, b) => a.name.localeCompare(b.name, 'ru')),
  };
}

export async function listJoinRequests(
  db: Queryable,
  viewer: Person,
  filter: { status?: string | undefined; mine?: boolean },
): Promise<TJoinRequest[]> {
  const result = await db.execute<Record<string, unknown>>(sql`
    select j.id, j.status, j.role, j.reason, j.created_at, j.decided_at, j.invite_id,
      a.id as applicant_id, a.full_name as applicant_name, c.id as class_id, c.grade, c.letter,
      s.id as child_id, s.full_name as child_name
    from join_requests j join users a on a.id = j.user_id
      left join classes c on c.id = j.class_id left join users s on s.id = j.child_id
    where j.school_id = ${viewer.schoolId}
      ${filter.mine ? sql`and j.user_id = ${viewer.userId}` : scopeFor(viewer, 'j')}
      ${filter.status ? sql`and j.status = ${filter.status}` : sql``}
    order by j.created_at desc, j.id desc limit 500`);
  return result.rows.map((row) => ({
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
          fullName: filter.mine ? shortName(row.child_name as string) : (row.child_name as string),
        }
      : null,
    inviteId: (row.invite_id as number | null) ?? null,
    reason: (row.reason as string | null) ?? null,
    createdAt: new Date(row.created_at as string).toISOString(),
    decidedAt: row.decided_at ? new Date(row.decided_at as string).toISOString() : null,
  }));
}
