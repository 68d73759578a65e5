import type { Action } from '../../../infra/actions.js';
import { enforce, requirePerson } from '../../../infra/require.js';
import { findPerson } from '../load.js';
import { canManagePeople } from '../policy.js';

/** An admin opened someone's contact data: that read is itself recorded (DESIGN §3.6). */
export const recordContactsRead: Action<{ personId: number }, null> = async ({ tx, actor }, input) => {
  enforce(canManagePeople(actor));
  const admin = requirePerson(actor);
  const person = await findPerson(tx, admin.schoolId, input.personId);
  return { result: null, audit: { type: 'people.contacts_read', subjectId: person.id } };
};
