import type { Role, TJoinRequest, TRedeemInviteBody } from '@parta/protocol';
import { namesChild } from '@parta/protocol';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../../../db/client.js';
import { invites, sessions, users } from '../../../db/schema.js';
import type { Action } from '../../../infra/actions.js';
import type { Actor } from '../../../infra/actor.js';
import { AppError } from '../../../infra/errors.js';
import { enforce } from '../../../infra/require.js';
import { insertSession, type NewSession } from '../../auth/sessions.js';
import { admit } from '../../joins/admit.js';
import { canRedeemInvite } from '../../joins/policy.js';
import { findOwnJoinRequest } from '../../joins/queries.js';
import { openJoinRequest, pickChild, resolveApplicant } from '../../joins/request.js';
import { lockStructure } from '../../org/change.js';
import { loadInviteTarget, lockUsableInvite } from '../load.js';

export interface Redeemed {
  /** 'member': admitted at once (personal invite); 'pending': a request waits for review */
  outcome: 'member' | 'pending';
  /** the request to join, as its applicant sees it; null when admitted at once */
  request: TJoinRequest | null;
  /** set when the redeemer was not logged in: they are now */
  session: NewSession | null;
}

/** The password the newcomer chose comes hashed (by the route, before the transaction). */
type RedeemInput = TRedeemInviteBody & { device: string; passwordHash: string | null };

/**
 * Someone opened `/join/<token>` and sent the form. A personal invite admits
 * its person at once; any other link makes a join request for review. A
 * newcomer registers here; someone logged in keeps their one account.
 */
export const redeemInvite: Action<RedeemInput, Redeemed> = async ({ tx, actor, now }, input) => {
  const invite = await lockUsableInvite(tx, input.token, now);
  const role = invite.role;
  if (invite.personId !== null) {
    // Admitting changes the structure: it waits for the school's other structure changes (org/change.ts).
    await lockStructure(tx, invite.schoolId);
    const target = await loadInviteTarget(tx, invite.schoolId, invite.personId, true);
    enforce(canRedeemInvite(actor, { schoolId: invite.schoolId, role, target }));
    return redeemPersonal(tx, actor, invite, input, now);
  }
  enforce(canRedeemInvite(actor, { schoolId: invite.schoolId, role, target: null }));
  const childId =
    namesChild(role) && invite.classId !== null ? await pickChild(tx, invite.classId, input.childId) : null;
  const { userId, session } = await resolveApplicant(tx, actor, invite.schoolId, input, now);
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
  if (request.created) await countUse(tx, invite.id);
  return {
    result: {
      outcome: 'pending',
      request: await findOwnJoinRequest(tx, actor, request.requestId),
      session,
    },
    events: request.events,
    schoolId: invite.schoolId,
    audit: request.created
      ? { type: 'invites.redeem', schoolId: invite.schoolId, subjectId: invite.id, data: { userId } }
      : null,
  };
};

type Invite = Awaited<ReturnType<typeof lockUsableInvite>>;

/**
 * A personal invite: its person, already checked by canRedeemInvite under
 * the row lock. Not logged in, the holder of the link chooses the password
 * the person never had; every other session of theirs ends.
 */
async function redeemPersonal(tx: Tx, actor: Actor, invite: Invite, input: RedeemInput, now: Date) {
  const userId = invite.personId!;
  let session: NewSession | null = null;
  if (actor.kind !== 'person') {
    if (!input.passwordHash) throw new AppError('invites.password_required');
    const claimed = await tx
      .update(users)
      .set({ passwordHash: input.passwordHash })
      .where(and(eq(users.id, userId), isNull(users.passwordHash), isNull(users.leftAt)))
      .returning({ id: users.id });
    if (claimed.length === 0) throw new AppError('invites.account_exists');
    await tx.delete(sessions).where(eq(sessions.userId, userId));
    session = await insertSession(tx, { id: userId, schoolId: invite.schoolId }, input.device, now);
  }
  await countUse(tx, invite.id);
  const events = await admit(
    tx,
    invite.schoolId,
    [{ userId, role: invite.role as Role, classId: invite.classId, childId: null, chatId: invite.chatId }],
    now,
  );
  return {
    result: { outcome: 'member' as const, request: null, session },
    events,
    schoolId: invite.schoolId,
    audit: {
      // Not logged in, this is what it is: the link's holder took over a person's account.
      type: session ? ('invites.claim_account' as const) : ('invites.redeem' as const),
      schoolId: invite.schoolId,
      subjectId: invite.id,
      data: { userId },
    },
  };
}

function countUse(tx: Tx, inviteId: number) {
  return tx
    .update(invites)
    .set({ uses: sql`${invites.uses} + 1` })
    .where(eq(invites.id, inviteId));
}
