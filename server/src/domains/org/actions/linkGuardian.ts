import { guardianships } from '../../../db/schema.js';
import type { Action } from '../../../infra/actions.js';
import { beginStructureChange } from '../change.js';
import { loadGuardianship } from '../guardians.js';
import { canEditClass } from '../policy.js';
import { syncStructuralChats } from '../sync.js';

/** «Родитель ученика»: the parent joins the parents' chat of the child's class. */
export const linkGuardian: Action<{ parentId: number; studentId: number }, null> = async (
  { tx, actor, now },
  input,
) => {
  const { school } = await beginStructureChange(tx, actor, canEditClass);
  const { parent, student } = await loadGuardianship(tx, actor, school.id, input.parentId, input.studentId);
  await tx.insert(guardianships).values({ parentId: parent.id, studentId: student.id }).onConflictDoNothing();
  return {
    result: null,
    events: await syncStructuralChats(tx, school.id, now),
    audit: { type: 'people.link_guardian', subjectId: student.id, data: { parentId: parent.id } },
  };
};
