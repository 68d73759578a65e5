import type { TFirstSteps } from '@parta/protocol';
import { sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import type { Person } from '../../infra/actor.js';
import { canManageStructure } from './policy.js';

/**
 * «Первые шаги» (classes → class teachers → invites), read from the school's
 * data: null for whoever does not build the school, once the admin has
 * hidden them, and once every step is done.
 */
export async function firstSteps(db: Queryable, person: Person): Promise<TFirstSteps | null> {
  if (!canManageStructure(person).ok) return null;
  const result = await db.execute<{
    hidden: boolean;
    classes: number;
    with_teacher: number;
    invited: boolean;
  }>(sql`select s.first_steps_hidden as hidden,
      (select count(*)::int from classes c
        where c.school_id = s.id and c.academic_year = s.academic_year and c.archived_at is null) as classes,
      (select count(*)::int from classes c
        where c.school_id = s.id and c.academic_year = s.academic_year and c.archived_at is null
          and c.class_teacher_id is not null) as with_teacher,
      (exists (select 1 from invites i where i.school_id = s.id)
        or exists (select 1 from users u where u.school_id = s.id and 'parent' = any(u.roles)
          and u.password_hash is not null)) as invited
    from schools s where s.id = ${person.schoolId}`);
  const row = result.rows[0];
  if (!row || row.hidden) return null;
  const steps = { classes: row.classes, classesWithTeacher: row.with_teacher, invited: row.invited };
  return firstStepsDone(steps) ? null : steps;
}

/** Every class has its class teacher and the families are being invited. */
export function firstStepsDone(steps: TFirstSteps): boolean {
  return steps.classes > 0 && steps.classesWithTeacher === steps.classes && steps.invited;
}
