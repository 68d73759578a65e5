import type { TSchoolSettingsRequest } from '@parta/protocol';
import { eq } from 'drizzle-orm';
import { schools } from '../../../db/schema.js';
import type { Action } from '../../../infra/actions.js';
import { beginStructureChange } from '../change.js';
import { canManageStructure } from '../policy.js';
import { syncStructuralChats } from '../sync.js';

/** School-wide choices: who sits in parents' chats, who may write to whom directly. */
export const setSchoolSettings: Action<TSchoolSettingsRequest, null> = async ({ tx, actor, now }, input) => {
  const { school } = await beginStructureChange(tx, actor, canManageStructure);
  const changes = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
  if (Object.keys(changes).length > 0) await tx.update(schools).set(changes).where(eq(schools.id, school.id));
  return {
    result: null,
    events: await syncStructuralChats(tx, school.id, now),
    audit: { type: 'school.settings', data: changes },
  };
};
