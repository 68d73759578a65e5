import { and, eq, isNull } from 'drizzle-orm';
import type { Queryable, Tx } from '../../db/client.js';
import { guardianships, invites, users } from '../../db/schema.js';
import { AppError } from '../../infra/errors.js';
import { hashToken } from '../auth/secrets.js';
import type { InviteTarget } from '../joins/policy.js';
import { findPerson } from '../org/load.js';

/**
 * The invite behind a link, locked, if it can still be used. Unknown and
 * malformed tokens get the same answer, which says nothing about existence.
 */
export async function lockUsableInvite(tx: Tx, token: string, now: Date) {
  return findUsableInvite(tx, token, now, true);
}

export async function findUsableInvite(db: Queryable, token: string, now: Date, lock = false) {
  const query = db
    .select()
    .from(invites)
    .where(eq(invites.tokenHash, hashToken(token)));
  const [invite] = /^[A-Za-z0-9_-]{20,64}$/.test(token) ? await (lock ? query.for('update') : query) : [];
  if (!invite) throw new AppError('invites.invalid');
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
