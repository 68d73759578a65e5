import type { Role, TCreatePersonRequest } from '@parta/protocol';
import { eq, or } from 'drizzle-orm';
import { users } from '../../../db/schema.js';
import type { Action } from '../../../infra/actions.js';
import { AppError } from '../../../infra/errors.js';
import { insertResetLink } from '../../auth/sessions.js';
import { beginStructureChange } from '../change.js';
import { normaliseEmail, normaliseLogin, normalisePhone } from '../contacts.js';
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
  const contacts = {
    login: normaliseLogin(input.login),
    email: input.email ? normaliseEmail(input.email) : null,
    phone: input.phone ? normalisePhone(input.phone) : null,
  };
  const [taken] = await tx
    .select({ id: users.id })
    .from(users)
    .where(
      or(
        eq(users.login, contacts.login),
        contacts.email ? eq(users.email, contacts.email) : undefined,
        contacts.phone ? eq(users.phone, contacts.phone) : undefined,
      ),
    )
    .limit(1);
  if (taken) throw new AppError('auth.login_taken');
  const [person] = await tx
    .insert(users)
    .values({
      schoolId: admin.schoolId,
      fullName: input.fullName,
      ...contacts,
      roles: [...new Set(input.roles)],
      createdAt: now,
    })
    .returning({ id: users.id, fullName: users.fullName, roles: users.roles, schoolId: users.schoolId });
  const link = await insertResetLink(tx, person!, admin.userId, now);
  return {
    events: await syncStructuralChats(tx, admin.schoolId, now),
    result: { person: { id: person!.id, fullName: person!.fullName, roles: person!.roles as Role[] }, link },
    audit: { type: 'people.create', subjectId: person!.id, data: { roles: person!.roles.join(',') } },
  };
};
