import type { Role } from '@parta/protocol';
import { eq, or } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { users } from '../../db/schema.js';
import { AppError } from '../../infra/errors.js';
import { normaliseEmail, normaliseLogin, normalisePhone } from '../auth/contacts.js';

export interface NewPerson {
  fullName: string;
  login: string;
  email?: string | undefined;
  phone?: string | undefined;
  roles: Role[];
  passwordHash?: string | null;
}

/**
 * Writes a person of the school: contacts normalised and unique across the
 * installation (one login page serves every school). Used by the admin's
 * «Добавить человека» and by a newcomer registering through an invite.
 */
export async function insertPerson(tx: Tx, schoolId: number, input: NewPerson, now: Date) {
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
      schoolId,
      fullName: input.fullName,
      ...contacts,
      roles: [...new Set(input.roles)],
      passwordHash: input.passwordHash ?? null,
      createdAt: now,
    })
    .returning({ id: users.id, fullName: users.fullName, roles: users.roles, schoolId: users.schoolId });
  return { ...person!, roles: person!.roles as Role[] };
}
