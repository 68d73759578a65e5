import type { InviteRole, TInvite, TInvitePreview } from '@parta/protocol';
import { namesChild } from '@parta/protocol';
import { sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import type { Person } from '../../infra/actor.js';
import { distinctShortNames, reviewScope } from '../joins/queries.js';
import { className } from '../org/calendar.js';
import { inviteAbilitiesFor } from './policy.js';

/**
 * The invites the viewer manages, newest first; with `id`, just that one (a
 * new invite is read by its id: the list stops at 500, and a clock set back
 * would put a new invite below 500 others).
 */
export async function listInvites(db: Queryable, viewer: Person, id?: number): Promise<TInvite[]> {
  const result = await db.execute<Record<string, unknown>>(sql`
    select i.id, i.role, i.max_uses, i.uses, i.expires_at, i.revoked_at, i.created_at,
      c.id as class_id, c.grade, c.letter, c.class_teacher_id, p.id as person_id, p.full_name as person_name,
      ch.id as chat_id, ch.title as chat_title
    from invites i left join classes c on c.id = i.class_id left join users p on p.id = i.person_id
      left join chats ch on ch.id = i.chat_id
    where i.school_id = ${viewer.schoolId} ${reviewScope(viewer, 'i')} ${id === undefined ? sql`` : sql`and i.id = ${id}`}
    order by i.created_at desc, i.id desc limit 500`);
  return result.rows.map((row) => ({
    id: row.id as number,
    role: row.role as InviteRole,
    policies: inviteAbilitiesFor(viewer, {
      role: row.role as InviteRole,
      classTeacherId: row.class_id ? (row.class_teacher_id as number | null) : undefined,
      revoked: row.revoked_at !== null,
    }),
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
  invite: { schoolId: number; role: InviteRole; classId: number | null; personId: number | null },
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
    namesChild(invite.role) && invite.classId && invite.personId === null
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
    role: invite.role,
    className: schoolClass ? className(schoolClass.grade, schoolClass.letter) : null,
    personal: invite.personId !== null,
    children: distinctShortNames(children.rows.map((row) => row.full_name))
      .map((name, i) => ({ id: children.rows[i]!.id, name }))
      .sort((a, b) => a.name.localeCompare(b.name, 'ru')),
  };
}

/** The school's code, printed on the slips as the way in when a slip's code no longer works. */
export async function schoolJoinCode(db: Queryable, schoolId: number): Promise<string> {
  const school = await db.execute<{ join_code: string }>(
    sql`select join_code from schools where id = ${schoolId}`,
  );
  return school.rows[0]!.join_code;
}
