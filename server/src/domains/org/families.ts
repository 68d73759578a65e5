import type { Locale } from '@parta/protocol';
import { sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import type { Actor } from '../../infra/actor.js';
import { className } from './calendar.js';
import { type Child, familyLabel } from './family-label.js';
import { canSeeFamilies } from './policy.js';

/**
 * How the viewer is told who each of these people is through their children
 * («мама Миши В., 1А»): the one place the people list, a person card, chat
 * members, «Кто прочитал» and message authors ask. Only for those who may see
 * families (`canSeeFamilies`); people without a child in the school have none.
 */
export async function familyLabels(
  db: Queryable,
  viewer: Actor,
  schoolId: number,
  personIds: readonly number[],
  locale: Locale,
): Promise<Map<number, string>> {
  const labels = new Map<number, string>();
  if (personIds.length === 0 || !canSeeFamilies(viewer).ok) return labels;
  const rows = await db.execute<{
    parent_id: number;
    parent_name: string;
    child_name: string;
    grade: number | null;
    letter: string | null;
  }>(sql`
    select g.parent_id, p.full_name as parent_name, s.full_name as child_name, c.grade, c.letter
    from guardianships g
    join users p on p.id = g.parent_id
    join users s on s.id = g.student_id and s.left_at is null
    left join classes c on c.id = s.class_id and c.archived_at is null
    where p.school_id = ${schoolId}
      and g.parent_id in (${sql.join(
        [...new Set(personIds)].map((id) => sql`${id}`),
        sql`, `,
      )})
    order by g.parent_id, c.grade nulls last, c.letter, s.full_name`);
  const families = new Map<number, { name: string; children: Child[] }>();
  for (const row of rows.rows) {
    const family = families.get(row.parent_id) ?? { name: row.parent_name, children: [] };
    family.children.push({
      fullName: row.child_name,
      className: row.grade === null ? null : className(row.grade, row.letter!),
    });
    families.set(row.parent_id, family);
  }
  for (const [id, family] of families) {
    const label = familyLabel(family.name, family.children, locale);
    if (label) labels.set(id, label);
  }
  return labels;
}
