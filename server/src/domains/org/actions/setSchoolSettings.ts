import type { TSchoolSettingsRequest } from '@parta/protocol';
import { and, eq, isNull } from 'drizzle-orm';
import { schools, users } from '../../../db/schema.js';
import type { Action } from '../../../infra/actions.js';
import type { EventDraft } from '../../../infra/events.js';
import { beginStructureChange } from '../change.js';
import { canManageStructure } from '../policy.js';
import { syncStructuralChats } from '../sync.js';

/**
 * School-wide choices: the school's name and time zone, who sits in parents'
 * chats, who may write to whom directly, whether «Первые шаги» are hidden.
 * A new name or zone reaches everyone's open tabs (`school.update`).
 */
export const setSchoolSettings: Action<TSchoolSettingsRequest, null> = async ({ tx, actor, now }, input) => {
  const { school } = await beginStructureChange(tx, actor, canManageStructure);
  const changes = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
  if (Object.keys(changes).length > 0) await tx.update(schools).set(changes).where(eq(schools.id, school.id));
  const events = await syncStructuralChats(tx, school.id, now);
  const renamed = input.name !== undefined && input.name !== school.name;
  const moved = input.timeZone !== undefined && input.timeZone !== school.timeZone;
  if (renamed || moved) {
    const everyone = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.schoolId, school.id), isNull(users.leftAt)));
    const update: EventDraft = {
      payload: {
        type: 'school.update',
        name: input.name ?? school.name,
        timeZone: input.timeZone ?? school.timeZone,
      },
      userIds: everyone.map((person) => person.id),
    };
    events.push(update);
  }
  return { result: null, events, audit: { type: 'school.settings', data: changes } };
};
