import { eq } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { schools } from '../../db/schema.js';
import { DirectRules } from './direct-policy.js';
import { loadStructure } from './sync.js';

/**
 * Who may write to whom directly, for one school: its structure and its
 * settings (direct-policy.ts). Kept in org, beside the structure it reads, so
 * that a person card (org) and a direct chat (chats) ask the same rules.
 */
export async function loadDirectRules(db: Queryable, schoolId: number): Promise<DirectRules> {
  const [settings] = await db
    .select({
      parentToParent: schools.directParentToParent,
      studentToStudent: schools.directStudentToStudent,
    })
    .from(schools)
    .where(eq(schools.id, schoolId));
  return new DirectRules(await loadStructure(db, schoolId), settings!);
}
