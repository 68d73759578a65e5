import type { Role, TSetRolesRequest } from '@parta/protocol';
import { leadingRole, leadsClass } from '@parta/protocol';
import { eq } from 'drizzle-orm';
import { users } from '../../../db/schema.js';
import type { Action } from '../../../infra/actions.js';
import { AppError } from '../../../infra/errors.js';
import { enforce } from '../../../infra/require.js';
import { ensureAnotherAdmin } from '../admins.js';
import { beginStructureChange, personUpdated } from '../change.js';
import { findPerson } from '../load.js';
import { canSetRoles } from '../policy.js';
import { syncStructuralChats } from '../sync.js';

/**
 * Edits a person's roles in place (a teacher who is also a parent keeps one
 * account). «Классный руководитель» is not set here: it follows the classes
 * the person leads. The last admin cannot lose the role.
 */
export const setRoles: Action<TSetRolesRequest & { personId: number }, { roles: Role[] }> = async (
  { tx, actor, now },
  input,
) => {
  const { school } = await beginStructureChange(tx, actor, (a) => canSetRoles(a));
  const person = await findPerson(tx, school.id, input.personId, true);
  if (person.leftAt) throw new AppError('org.person_left');
  const leads: Role[] = leadsClass(person.roles) ? [leadingRole] : [];
  const roles = [...new Set([...input.roles, ...leads])];
  const changed = [
    ...roles.filter((r) => !person.roles.includes(r)),
    ...person.roles.filter((r) => !roles.includes(r)),
  ];
  enforce(canSetRoles(actor, { onlyAdminRole: changed.every((role) => role === 'admin') }));
  if (person.roles.includes('admin') && !roles.includes('admin'))
    await ensureAnotherAdmin(tx, school.id, person.id);
  await tx.update(users).set({ roles }).where(eq(users.id, person.id));
  return {
    result: { roles },
    events: [...(await syncStructuralChats(tx, school.id, now)), personUpdated(person.id)],
    audit: {
      type: 'people.set_roles',
      subjectId: person.id,
      data: { roles: roles.join(','), was: person.roles.join(',') },
    },
  };
};
