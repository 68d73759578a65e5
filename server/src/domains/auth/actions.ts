import type { TSetLocaleRequest } from '@parta/protocol';
import { and, eq, ne } from 'drizzle-orm';
import { passwordResets, sessions, users } from '../../db/schema.js';
import type { Action } from '../../infra/actions.js';
import { AppError } from '../../infra/errors.js';
import { requirePerson } from '../../infra/require.js';
import { findResetLink } from './queries.js';
import { insertSession, type NewSession } from './sessions.js';

/** Called after the password was checked (outside the transaction: hashing is slow). */
export const startSession: Action<
  { user: { id: number; schoolId: number }; device: string },
  NewSession
> = async ({ tx, now }, { user, device }) => {
  const session = await insertSession(tx, user, device, now);
  return { result: session, audit: { type: 'auth.login', schoolId: user.schoolId, subjectId: user.id } };
};

export const endSession: Action<void, null> = async ({ tx, actor }) => {
  const person = requirePerson(actor);
  if (person.sessionId !== null) await tx.delete(sessions).where(eq(sessions.id, person.sessionId));
  return { result: null, audit: { type: 'auth.logout', subjectId: person.userId } };
};

/** «Выйти на других устройствах»: every session of mine but this one ends. */
export const endOtherSessions: Action<void, { count: number }> = async ({ tx, actor }) => {
  const person = requirePerson(actor);
  const ended = await tx
    .delete(sessions)
    .where(and(eq(sessions.userId, person.userId), ne(sessions.id, person.sessionId ?? 0)))
    .returning({ id: sessions.id });
  return {
    result: { count: ended.length },
    audit: { type: 'auth.logout_others', subjectId: person.userId, data: { count: ended.length } },
  };
};

/** «Завершить» next to one of my devices: that session ends (its sockets close at once). */
export const endOneSession: Action<{ sessionId: number }, null> = async ({ tx, actor }, input) => {
  const person = requirePerson(actor);
  const ended = await tx
    .delete(sessions)
    .where(and(eq(sessions.id, input.sessionId), eq(sessions.userId, person.userId)))
    .returning({ id: sessions.id });
  // someone else's session, or one already over: the same answer
  if (ended.length === 0) throw new AppError('auth.session_not_found');
  return {
    result: null,
    audit: { type: 'auth.logout_session', subjectId: person.userId, data: { sessionId: input.sessionId } },
  };
};

/** The language of the interface and of the server's messages for this person. */
export const setLocale: Action<TSetLocaleRequest, null> = async ({ tx, actor }, input) => {
  const person = requirePerson(actor);
  await tx.update(users).set({ locale: input.locale }).where(eq(users.id, person.userId));
  return {
    result: null,
    audit: { type: 'people.set_locale', subjectId: person.userId, data: { locale: input.locale } },
  };
};

/**
 * Changing the password also ends the other sessions: whoever knew the old one is out.
 * The route checked the current password and hashed the new one outside the
 * transaction (password-flows.ts); here the hash it checked must still be the
 * stored one, or someone changed it meanwhile.
 */
export const changePassword: Action<{ checkedHash: string; passwordHash: string }, null> = async (
  { tx, actor },
  input,
) => {
  const person = requirePerson(actor);
  const [user] = await tx
    .select({ id: users.id, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, person.userId))
    .for('update');
  if (!user || user.passwordHash !== input.checkedHash) throw new AppError('auth.wrong_password');
  await tx.update(users).set({ passwordHash: input.passwordHash }).where(eq(users.id, user.id));
  await tx.delete(sessions).where(and(eq(sessions.userId, user.id), ne(sessions.id, person.sessionId ?? 0)));
  return { result: null, audit: { type: 'auth.password_change', subjectId: user.id } };
};

/**
 * Uses a one-time link: sets the password (hashed by the route, outside the
 * transaction), ends every old session and logs the person in here.
 * Unknown, used and expired links get the same answer.
 */
export const resetPassword: Action<
  { token: string; passwordHash: string; device: string },
  NewSession
> = async ({ tx, now }, input) => {
  const link = await findResetLink(tx, input.token, now, true);
  if (!link) throw new AppError('auth.reset_link_invalid');
  await tx.update(passwordResets).set({ usedAt: now }).where(eq(passwordResets.id, link.id));
  await tx.update(users).set({ passwordHash: input.passwordHash }).where(eq(users.id, link.userId));
  await tx.delete(sessions).where(eq(sessions.userId, link.userId));
  const session = await insertSession(tx, { id: link.userId, schoolId: link.schoolId }, input.device, now);
  return {
    result: session,
    audit: { type: 'auth.password_reset', schoolId: link.schoolId, subjectId: link.userId },
  };
};

/**
 * A wrong password (at login or when changing it) leaves a row: who was
 * tried, if the login is someone's, and from which network — never the full
 * address (`addressForAudit`). `lockout` marks the failure that used up an
 * account's or an address's attempts for the window.
 */
export const recordLoginFailure: Action<
  { userId: number | null; schoolId: number | null; network: string; lockout: 'account' | 'address' | null },
  null
> = async (_ctx, input) => ({
  result: null,
  ...(input.schoolId === null ? {} : { schoolId: input.schoolId }),
  audit: {
    type: input.lockout ? 'auth.lockout' : 'auth.login_failed',
    ...(input.schoolId === null ? {} : { schoolId: input.schoolId }),
    ...(input.userId === null ? {} : { subjectId: input.userId }),
    data: { network: input.network, ...(input.lockout ? { scope: input.lockout } : {}) },
  },
});

/**
 * After a successful login with a hash made under older argon2 parameters:
 * stores the same password hashed with today's (`argon2Params`), unless the
 * password changed meanwhile.
 */
export const upgradePasswordHash: Action<
  { userId: number; schoolId: number; oldHash: string; passwordHash: string },
  null
> = async ({ tx }, input) => {
  await tx
    .update(users)
    .set({ passwordHash: input.passwordHash })
    .where(and(eq(users.id, input.userId), eq(users.passwordHash, input.oldHash)));
  return {
    result: null,
    schoolId: input.schoolId,
    audit: { type: 'auth.password_rehash', schoolId: input.schoolId, subjectId: input.userId },
  };
};
