import { slipCode } from '@parta/protocol';
import { and, eq, isNull } from 'drizzle-orm';
import type { Queryable, Tx } from '../../db/client.js';
import { guardianships, invites, users } from '../../db/schema.js';
import { AppError } from '../../infra/errors.js';
import { hashToken } from '../auth/secrets.js';
import type { InviteTarget } from '../joins/policy.js';
import { findPerson } from '../org/load.js';

const longToken = /^[A-Za-z0-9_-]{20,64}$/;

/**
 * What the join page sends is a link's token or, typed from a printed slip,
 * its short code (protocol/slip-code.ts): the code as stored, else null.
 */
export function typedSlipCode(token: string): string | null {
  return longToken.test(token) ? null : slipCode(token);
}

/**
 * What the guessing limits count a link or a code under (joins/attempts.ts):
 * every spelling of one code is one subject.
 */
export function inviteSubject(token: string): { subject: string; slip: boolean } {
  const code = typedSlipCode(token);
  return code
    ? { subject: `slip:${hashToken(code)}`, slip: true }
    : { subject: hashToken(token), slip: false };
}

/**
 * The invite behind a link or a slip's code, locked, if it can still be used.
 * Unknown and malformed tokens get the same answer, which says nothing about
 * existence; so do unknown and malformed codes.
 */
export async function lockUsableInvite(tx: Tx, token: string, now: Date) {
  return findUsableInvite(tx, token, now, true);
}

export async function findUsableInvite(db: Queryable, token: string, now: Date, lock = false) {
  const code = typedSlipCode(token);
  const query = db
    .select()
    .from(invites)
    .where(code ? eq(invites.codeHash, hashToken(code)) : eq(invites.tokenHash, hashToken(token)));
  const [invite] = code || longToken.test(token) ? await (lock ? query.for('update') : query) : [];
  // A short miss was typed from a slip, a long one came in a link: each hears of what it is.
  const typed = code !== null || (!longToken.test(token) && token.length < 20);
  if (!invite) throw new AppError(typed ? 'invites.code_invalid' : 'invites.invalid');
  if (invite.revokedAt) throw new AppError('invites.revoked');
  if (invite.expiresAt <= now) throw new AppError('invites.expired');
  if (invite.maxUses !== null && invite.uses >= invite.maxUses) throw new AppError('invites.exhausted');
  return invite;
}

/**
 * The person a personal invite is for, as its rules need them (policy.ts):
 * locked when a redemption is about to set their password. Another school's
 * person is "not found".
 */
export async function loadInviteTarget(
  db: Queryable,
  schoolId: number,
  personId: number,
  lock = false,
): Promise<InviteTarget> {
  const person = await findPerson(db, schoolId, personId, lock);
  const children = await db
    .select({ classId: users.classId })
    .from(guardianships)
    .innerJoin(users, eq(users.id, guardianships.studentId))
    .where(and(eq(guardianships.parentId, personId), isNull(users.leftAt)));
  const classIds = [person.classId, ...children.map((child) => child.classId)];
  return {
    userId: person.id,
    roles: person.roles,
    hasPassword: person.passwordHash !== null,
    left: person.leftAt !== null,
    classIds: [...new Set(classIds.filter((id): id is number => id !== null))],
  };
}
