import { and, eq } from 'drizzle-orm';
import { invites } from '../../../db/schema.js';
import type { Action } from '../../../infra/actions.js';
import { AppError } from '../../../infra/errors.js';
import { enforce, requirePerson } from '../../../infra/require.js';
import { classTeacherOf } from '../../joins/queries.js';
import { canSeeClassMatters } from '../../org/policy.js';
import { canManageInvites } from '../policy.js';

/** Stops one link from working; people who already joined through it stay. */
export const revokeInvite: Action<{ inviteId: number }, null> = async ({ tx, actor, now }, input) => {
  const person = requirePerson(actor);
  const [invite] = await tx
    .select()
    .from(invites)
    .where(and(eq(invites.id, input.inviteId), eq(invites.schoolId, person.schoolId)))
    .for('update');
  if (!invite) throw new AppError('invites.invalid');
  const classTeacherId = await classTeacherOf(tx, person.schoolId, invite.classId);
  enforce(canSeeClassMatters(actor, classTeacherId, 'invites.invalid'));
  enforce(canManageInvites(actor, { role: invite.role, classTeacherId }));
  if (!invite.revokedAt) await tx.update(invites).set({ revokedAt: now }).where(eq(invites.id, invite.id));
  return { result: null, audit: { type: 'invites.revoke', subjectId: invite.id } };
};
