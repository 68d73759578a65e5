import { and, eq, isNull } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { classes, type schools } from '../../db/schema.js';
import { className } from './calendar.js';

export interface NewClass {
  grade: number;
  letter: string;
}

/**
 * Adds classes of the school's current year, skipping those that exist: the
 * one way classes are created, for «Создать класс» and «Создать классы» alike.
 * The caller holds the structure lock (`beginStructureChange`), so nothing
 * adds the same class meanwhile; it then syncs the structural chats once.
 */
export async function addClasses(
  tx: Tx,
  school: typeof schools.$inferSelect,
  wanted: NewClass[],
  now: Date,
): Promise<{ id: number; name: string }[]> {
  const existing = await tx
    .select({ grade: classes.grade, letter: classes.letter })
    .from(classes)
    .where(
      and(
        eq(classes.schoolId, school.id),
        eq(classes.academicYear, school.academicYear),
        isNull(classes.archivedAt),
      ),
    );
  const taken = new Set(existing.map((row) => className(row.grade, row.letter)));
  const fresh = wanted.filter((item) => !taken.has(className(item.grade, item.letter)));
  if (fresh.length === 0) return [];
  const created = await tx
    .insert(classes)
    .values(
      fresh.map((item) => ({
        schoolId: school.id,
        grade: item.grade,
        letter: item.letter,
        academicYear: school.academicYear,
        createdAt: now,
      })),
    )
    .returning({ id: classes.id, grade: classes.grade, letter: classes.letter });
  return created.map((row) => ({ id: row.id, name: className(row.grade, row.letter) }));
}
