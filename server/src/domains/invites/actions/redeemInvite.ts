import type { InviteRole, Role, TRedeemInviteRequest } from '@parta/protocol';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../../../db/client.js';
import { invites, joinRequests, users } from '../../../db/schema.js';
import type { Action } from '../../../infra/actions.js';
import { AppError } from '../../../infra/errors.js';
import { hashPassword } from '../../auth/secrets.js';
import { insertSession, type NewSession } from '../../auth/sessions.js';
import { admit, reviewersOf } from '../../joins/admit.js';
import { insertPerson } from '../../org/people.js';
import { lockUsableInvite } from '../load.js';

export interface Redeemed {
  outcome: 'member' | 'pending';
  requestId: number | null;
  /** set when the redeemer was not logged in: they are now */
  session: NewSession | null;
  schoolId: number;
  userId: number;
}

/**
 * Someone opened `/join/<token>` and sent the form. A personal invite admits
 * its person at once; any other link makes a join request for review. A
 * newcomer registers here; someone logged in keeps their one account.
 */
export const redeemInvite: Action<
  TRedeemInviteRequest & { token: string; device: string },
  Redeemed
> = async ({ tx, actor, now }, input) => {
  const invite = await lockUsableInvite(tx, input.token, now);
  const role = invite.role as InviteRole;
  const childId = await pickChild(tx, invite, role, input.childId);
  let session: NewSession | null = null;
  let userId: number;
  if (actor.kind === 'person') {
    if (
      actor.schoolId !== invite.schoolId ||
      (invite.personId !== null && invite.personId !== actor.userId)
    ) {
      throw new AppError('invites.invalid');
    }
    userId = actor.userId;
  } else if (!input.register) {
    throw new AppError('invites.login_required');
  } else if (invite.personId !== null) {
    // A personal invite: the person record exists; the newcomer only chooses a password.
    userId = invite.personId;
    await tx
      .update(users)
      .set({ passwordHash: await hashPassword(input.register.password) })
      .where(and(eq(users.id, userId), isNull(users.leftAt)));
    session = await insertSession(tx, { id: userId, schoolId: invite.schoolId }, input.device, now);
  } else {
    const person = await insertPerson(
      tx,
      invite.schoolId,
      { ...input.register, roles: [], passwordHash: await hashPassword(input.register.password) },
      now,
    );
    userId = person.id;
    session = await insertSession(tx, person, input.device, now);
  }
  const admission = { role: role as Role, classId: invite.classId, childId };
  const audit = {
    type: 'invites.redeem' as const,
    schoolId: invite.schoolId,
    subjectId: invite.id,
    data: { userId },
  };

  if (invite.personId !== null) {
    await tx
      .update(invites)
      .set({ uses: sql`${invites.uses} + 1` })
      .where(eq(invites.id, invite.id));
    const events = await admit(tx, invite.schoolId, userId, admission, now);
    return {
      result: { outcome: 'member', requestId: null, session, schoolId: invite.schoolId, userId },
      events,
      schoolId: invite.schoolId,
      audit,
    };
  }
  const [created] = await tx
    .insert(joinRequests)
    .values({
      schoolId: invite.schoolId,
      inviteId: invite.id,
      userId,
      ...admission,
      status: 'pending',
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: joinRequests.id });
  if (!created) {
    // The same person asking for the same child again: it is the request they already made.
    const [existing] = await tx
      .select({ id: joinRequests.id })
      .from(joinRequests)
      .where(
        and(
          eq(joinRequests.schoolId, invite.schoolId),
          eq(joinRequests.userId, userId),
          eq(joinRequests.role, role),
          eq(joinRequests.status, 'pending'),
          sql`coalesce(${joinRequests.childId}, 0) = ${childId ?? 0}`,
        ),
      );
    return {
      result: { outcome: 'pending', requestId: existing!.id, session, schoolId: invite.schoolId, userId },
      schoolId: invite.schoolId,
      audit: null,
    };
  }
  await tx
    .update(invites)
    .set({ uses: sql`${invites.uses} + 1` })
    .where(eq(invites.id, invite.id));
  const reviewers = await reviewersOf(tx, invite.schoolId, invite.classId);
  return {
    result: { outcome: 'pending', requestId: created.id, session, schoolId: invite.schoolId, userId },
    events: [
      {
        payload: { type: 'joins.update', requestId: created.id, status: 'pending' },
        userIds: [...reviewers, userId],
      },
    ],
    schoolId: invite.schoolId,
    audit,
  };
};

/** A parent invited into a class names their child among that class's students. */
async function pickChild(
  tx: Tx,
  invite: { classId: number | null; personId: number | null },
  role: InviteRole,
  childId: number | undefined,
): Promise<number | null> {
  if (role !== 'parent' || invite.classId === null) return null;
  if (childId === undefined) throw new AppError('invites.child_required');
  const [child] = await tx
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.id, childId),
        eq(users.classId, invite.classId),
        isNull(users.leftAt),
        sql`${users.roles} @> array['student']::text[]`,
      ),
    );
  if (!child) throw new AppError('invites.child_required');
  return child.id;
}
