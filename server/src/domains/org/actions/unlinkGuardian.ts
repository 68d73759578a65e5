import { and, eq } from 'drizzle-orm';
import { guardianships } from '../../../db/schema.js';
import type { Action } from '../../../infra/actions.js';
import { beginStructureChange } from '../change.js';
import { loadGuardianship } from '../guardians.js';
import { canEditClass } from '../policy.js';
import { syncStructuralChats } from '../sync.js';

export const unlinkGuardian: Action<{ parentId: number; studentId: number }, null> = async (
  { tx, actor, now },
  input,
) => {
  const { school } = await beginStructureChange(tx, actor, canEditClass);
  const { parent, student } = await loadGuardianship(tx, actor, school.id, input.parentId, input.studentId);
  await tx
    .delete(guardianships)
    .where(and(eq(guardianships.parentId, parent.id), eq(guardianships.studentId, student.id)));
  return {
    result: null,
    events: await syncStructuralChats(tx, school.id, now),
    audit: { type: 'people.unlink_guardian', subjectId: student.id, data: { parentId: parent.id } },
  };
};
