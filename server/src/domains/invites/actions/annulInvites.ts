import { and, eq, gt, isNull } from 'drizzle-orm';
import { invites } from '../../../db/schema.js';
import type { Action } from '../../../infra/actions.js';
import { enforce, requirePerson } from '../../../infra/require.js';
import { lockClass } from '../../org/load.js';
import { canSeeClassMatters } from '../../org/policy.js';
import { canManageInvites } from '../policy.js';

/**
 * «Аннулировать неиспользованные» (regulation §4.1): every link of a class,
 * or of the whole school, that nobody has used yet stops working at once.
 */
export const annulInvites: Action<{ classId?: number | undefined }, { count: number }> = async (
  { tx, actor, now },
  input,
) => {
  const person = requirePerson(actor);
  const schoolClass =
    input.classId === undefined ? null : await lockClass(tx, person.schoolId, input.classId);
  if (schoolClass) enforce(canSeeClassMatters(actor, schoolClass.classTeacherId, 'classes.not_found'));
  // A class teacher annuls within their own class; the whole school is the admin's.
  enforce(
    canManageInvites(actor, {
      role: 'parent',
      classTeacherId: schoolClass ? schoolClass.classTeacherId : null,
    }),
  );
  const annulled = await tx
    .update(invites)
    .set({ revokedAt: now })
    .where(
      and(
        eq(invites.schoolId, person.schoolId),
        schoolClass ? eq(invites.classId, schoolClass.id) : undefined,
        eq(invites.uses, 0),
        isNull(invites.revokedAt),
        gt(invites.expiresAt, now),
      ),
    )
    .returning({ id: invites.id });
  return {
    result: { count: annulled.length },
    audit: { type: 'invites.annul', data: { classId: schoolClass?.id ?? 0, count: annulled.length } },
  };
};
