import { eq } from 'drizzle-orm';
import { schools } from '../../../db/schema.js';
import type { Action } from '../../../infra/actions.js';
import { beginStructureChange } from '../change.js';
import { canManageStructure } from '../policy.js';
import { syncStructuralChats } from '../sync.js';

/** School-wide choices that shape the structural chats. */
export const setSchoolSettings: Action<{ subjectTeachersInParentChats: boolean }, null> = async (
  { tx, actor, now },
  input,
) => {
  const { school } = await beginStructureChange(tx, actor, canManageStructure);
  await tx
    .update(schools)
    .set({ subjectTeachersInParentChats: input.subjectTeachersInParentChats })
    .where(eq(schools.id, school.id));
  return {
    result: null,
    events: await syncStructuralChats(tx, school.id, now),
    audit: {
      type: 'school.settings',
      data: { subjectTeachersInParentChats: input.subjectTeachersInParentChats },
    },
  };
};
