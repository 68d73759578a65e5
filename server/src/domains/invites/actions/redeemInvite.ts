import type { InviteRole, Role, TRedeemInviteRequest } from '@parta/protocol';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { invites, users } from '../../../db/schema.js';
import type { Action } from '../../../infra/actions.js';
import { AppError } from '../../../infra/errors.js';
import { insertSession, type NewSession } from '../../auth/sessions.js';
import { admit } from '../../joins/admit.js';
import { openJoinRequest, pickChild, registerApplicant } from '../../joins/request.js';
import { lockUsableInvite } from '../load.js';

export interface Redeemed {
  /** 'member': admitted at once (personal invite); 'pending': a request waits for review */
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
  TRedeemInviteRequest & { token: string; device: string; passwordHash: string | null },
  Redeemed
> = async ({ tx, actor, now }, input) => {
  const invite = await lockUsableInvite(tx, input.token, now);
  const role = invite.role as InviteRole;
  const personal = invite.personId !== null;
  const childId =
    role === 'parent' && invite.classId !== null && !personal
      ? await pickChild(tx, invite.classId, input.childId)
      : null;
  let session: NewSession | null = null;
  let userId: number;
  if (actor.kind === 'person') {
    if (actor.schoolId !== invite.schoolId || (personal && invite.personId !== actor.userId)) {
      throw new AppError('invites.invalid');
    }
    userId = actor.userId;
  } else if (personal) {
    // The person record exists already; the newcomer only chooses a password.
    if (!input.passwordHash) throw new AppError('invites.password_required');
    userId = invite.personId!;
    await tx
      .update(users)
      .set({ passwordHash: input.passwordHash })
      .where(and(eq(users.id, userId), isNull(users.leftAt)));
    session = await insertSession(tx, { id: userId, schoolId: invite.schoolId }, input.device, now);
  } else if (!input.register) {
    throw new AppError('invites.login_required');
  } else {
    ({ userId, session } = await registerApplicant(
      tx,
      invite.schoolId,
      { ...input.register, passwordHash: input.passwordHash },
      input.device,
      now,
    ));
  }
  const done = { session, schoolId: invite.schoolId, userId };
  const audit = {
    type: 'invites.redeem' as const,
    schoolId: invite.schoolId,
    subjectId: invite.id,
    data: { userId },
  };
  const countUse = () =>
    tx
      .update(invites)
      .set({ uses: sql`${invites.uses} + 1` })
      .where(eq(invites.id, invite.id));

  if (personal) {
    await countUse();
    const events = await admit(
      tx,
      invite.schoolId,
      userId,
      { role: role as Role, classId: invite.classId, childId, chatId: invite.chatId },
      now,
    );
    return {
      result: { outcome: 'member', requestId: null, ...done },
      events,
      schoolId: invite.schoolId,
      audit,
    };
  }
  const request = await openJoinRequest(
    tx,
    {
      schoolId: invite.schoolId,
      inviteId: invite.id,
      userId,
      role,
      classId: invite.classId,
      childId,
      chatId: invite.chatId,
    },
    now,
  );
  if (request.created) await countUse();
  return {
    result: { outcome: 'pending', requestId: request.requestId, ...done },
    events: request.events,
    schoolId: invite.schoolId,
    audit: request.created ? audit : null,
  };
};
