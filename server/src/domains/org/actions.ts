import type { Role, TCreatePersonRequest, TSetupRequest } from '@parta/protocol';
import { and, eq, or, sql } from 'drizzle-orm';
import { schools, users } from '../../db/schema.js';
import type { Action } from '../../infra/actions.js';
import { AppError } from '../../infra/errors.js';
import { enforce, requirePerson } from '../../infra/require.js';
import { hashPassword } from '../auth/secrets.js';
import { insertResetLink, insertSession, type NewSession } from '../auth/sessions.js';
import { normaliseEmail, normaliseLogin, normalisePhone } from './contacts.js';
import { canManagePeople } from './policy.js';

/** Taken while setting up, so two wizards submitted at once cannot both win. */
const SETUP_LOCK = 7_147_003;

/**
 * The first run: creates the school and its first admin, and logs them in.
 * It works exactly once; afterwards it answers `setup.already_done`.
 */
export const setUpSchool: Action<TSetupRequest & { device: string }, NewSession> = async (
  { tx, now },
  input,
) => {
  await tx.execute(sql`select pg_advisory_xact_lock(${SETUP_LOCK})`);
  const [existing] = await tx.select({ id: schools.id }).from(schools).limit(1);
  if (existing) throw new AppError('setup.already_done');
  const [school] = await tx
    .insert(schools)
    .values({ name: input.schoolName, timeZone: input.timeZone, createdAt: now })
    .returning();
  const [admin] = await tx
    .insert(users)
    .values({
      schoolId: school!.id,
      fullName: input.adminName,
      login: normaliseLogin(input.login),
      passwordHash: await hashPassword(input.password),
      roles: ['admin'] satisfies Role[],
      createdAt: now,
    })
    .returning();
  const session = await insertSession(tx, admin!, input.device, now);
  return {
    result: session,
    schoolId: school!.id,
    audit: {
      type: 'school.setup',
      schoolId: school!.id,
      subjectId: admin!.id,
      data: { timeZone: input.timeZone },
    },
  };
};

export interface CreatedPerson {
  person: { id: number; fullName: string; roles: Role[] };
  link: { token: string; expiresAt: Date };
}

/** The admin adds a person; they get a one-time link to set their own password. */
export const createPerson: Action<TCreatePersonRequest, CreatedPerson> = async (
  { tx, actor, now },
  input,
) => {
  enforce(canManagePeople(actor));
  const admin = requirePerson(actor);
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
    result: { person: { id: person!.id, fullName: person!.fullName, roles: person!.roles as Role[] }, link },
    audit: { type: 'people.create', subjectId: person!.id, data: { roles: person!.roles.join(',') } },
  };
};

/** The admin's «выдать ссылку для входа» for someone who forgot their password. */
export const issueResetLink: Action<{ userId: number }, { token: string; expiresAt: Date }> = async (
  { tx, actor, now },
  input,
) => {
  enforce(canManagePeople(actor));
  const admin = requirePerson(actor);
  const [person] = await tx
    .select({ id: users.id, schoolId: users.schoolId })
    .from(users)
    .where(and(eq(users.id, input.userId), eq(users.schoolId, admin.schoolId)));
  if (!person) throw new AppError('people.not_found');
  const link = await insertResetLink(tx, person, admin.userId, now);
  return { result: link, audit: { type: 'auth.reset_link_issue', subjectId: person.id } };
};
