import type { TChangePasswordRequest, TResetPasswordRequest, TSetLocaleRequest } from '@parta/protocol';
import { and, eq, gt, isNull, ne } from 'drizzle-orm';
import { passwordResets, sessions, users } from '../../db/schema.js';
import type { Action } from '../../infra/actions.js';
import { AppError } from '../../infra/errors.js';
import { requirePerson } from '../../infra/require.js';
import { hashPassword, hashToken, verifyPassword } from './secrets.js';
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

/** The language of the interface and of the server's messages for this person. */
export const setLocale: Action<TSetLocaleRequest, null> = async ({ tx, actor }, input) => {
  const person = requirePerson(actor);
  await tx.update(users).set({ locale: input.locale }).where(eq(users.id, person.userId));
  return {
    result: null,
    audit: { type: 'people.set_locale', subjectId: person.userId, data: { locale: input.locale } },
  };
};

/** Changing the password also ends the other sessions: whoever knew the old one is out. */
export const changePassword: Action<TChangePasswordRequest, null> = async ({ tx, actor }, input) => {
  const person = requirePerson(actor);
  const [user] = await tx.select().from(users).where(eq(users.id, person.userId)).for('update');
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError('auth.wrong_password');
  }
  await tx
    .update(users)
    .set({ passwordHash: await hashPassword(input.newPassword) })
    .where(eq(users.id, user.id));
  await tx.delete(sessions).where(and(eq(sessions.userId, user.id), ne(sessions.id, person.sessionId ?? 0)));
  return { result: null, audit: { type: 'auth.password_change', subjectId: user.id } };
};

/**
 * Uses a one-time link: sets the password, ends every old session and logs
 * the person in here. Unknown, used and expired links get the same answer.
 */
export const resetPassword: Action<TResetPasswordRequest & { device: string }, NewSession> = async (
  { tx, now },
  input,
) => {
  const [link] = await tx
    .select()
    .from(passwordResets)
    .where(
      and(
        eq(passwordResets.tokenHash, hashToken(input.token)),
        isNull(passwordResets.usedAt),
        gt(passwordResets.expiresAt, now),
      ),
    )
    .for('update');
  if (!link) throw new AppError('auth.reset_link_invalid');
  await tx.update(passwordResets).set({ usedAt: now }).where(eq(passwordResets.id, link.id));
  await tx
    .update(users)
    .set({ passwordHash: await hashPassword(input.newPassword) })
    .where(eq(users.id, link.userId));
  await tx.delete(sessions).where(eq(sessions.userId, link.userId));
  const session = await insertSession(tx, { id: link.userId, schoolId: link.schoolId }, input.device, now);
  return {
    result: session,
    audit: { type: 'auth.password_reset', schoolId: link.schoolId, subjectId: link.userId },
  };
};
