import type { Role, TCreatePersonRequest } from '@parta/protocol';
import type { Action } from '../../../infra/actions.js';
import { insertResetLink } from '../../auth/sessions.js';
import { beginStructureChange } from '../change.js';
import { insertPerson } from '../people.js';
import { canManagePeople } from '../policy.js';
import { syncStructuralChats } from '../sync.js';

export interface CreatedPerson {
  person: { id: number; fullName: string; roles: Role[] };
  link: { token: string; expiresAt: Date };
}

/** The admin adds a person; they get a one-time link to set their own password. */
export const createPerson: Action<TCreatePersonRequest, CreatedPerson> = async (
  { tx, actor, now },
  input,
) => {
  const { person: admin } = await beginStructureChange(tx, actor, canManagePeople);
  const person = await insertPerson(tx, admin.schoolId, input, now);
  const link = await insertResetLink(tx, person, admin.userId, now);
  return {
    events: await syncStructuralChats(tx, admin.schoolId, now),
    result: { person: { id: person.id, fullName: person.fullName, roles: person.roles }, link },
    audit: { type: 'people.create', subjectId: person.id, data: { roles: person.roles.join(',') } },
  };
};
