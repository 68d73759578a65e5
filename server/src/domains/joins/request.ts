import type { InviteRole, TRedeemInviteRequest } from '@parta/protocol';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { joinRequests, users } from '../../db/schema.js';
import type { Actor } from '../../infra/actor.js';
import { AppError } from '../../infra/errors.js';
import type { EventDraft } from '../../infra/events.js';
import { enforce } from '../../infra/require.js';
import { insertSession, type NewSession } from '../auth/sessions.js';
import { insertPerson } from '../org/people.js';
import { reviewersOf } from './admit.js';
import { canAskAgain } from './policy.js';

/** A parent joining a class names their child among that class's present students. */
export async function pickChild(tx: Tx, classId: number, childId: number | undefined): Promise<number> {
  if (childId === undefined) throw new AppError('invites.child_required');
  const [child] = await tx
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.id, childId),
        eq(users.classId, classId),
        isNull(users.leftAt),
        sql`${users.roles} @> array['student']::text[]`,
      ),
    );
  if (!child) throw new AppError('invites.child_required');
  return child.id;
}

/** What a newcomer registers with; the password comes hashed (by the route, outside the transaction). */
export type NewApplicant = Omit<NonNullable<TRedeemInviteRequest['register']>, 'password'> & {
  passwordHash: string | null;
};

/**
 * A newcomer's account: no roles until a reviewer approves; logged in at once
 * to follow their request. A login, e-mail or phone that exists anywhere in
 * the installation gets one answer that names neither the field nor where it
 * exists (`auth.registration_refused`); the routes count these answers
 * (registration-probes.ts).
 */
export async function registerApplicant(
  tx: Tx,
  schoolId: number,
  applicant: NewApplicant,
  device: string,
  now: Date,
): Promise<{ userId: number; session: NewSession }> {
  const person = await insertPerson(tx, schoolId, { ...applicant, roles: [] }, now).catch((error) => {
    if (isTaken(error)) throw new AppError('auth.registration_refused');
    throw error;
  });
  return { userId: person.id, session: await insertSession(tx, person, device, now) };
}

/**
 * Who asks to join: the person logged in (canAskAgain), or a newcomer who
 * registers here and is logged in at once. Both doors, a link and the
 * school's code, ask through this.
 */
export async function resolveApplicant(
  tx: Tx,
  actor: Actor,
  schoolId: number,
  input: { register?: TRedeemInviteRequest['register']; passwordHash: string | null; device: string },
  now: Date,
): Promise<{ userId: number; session: NewSession | null }> {
  if (actor.kind === 'person') {
    const [pending] = await tx
      .select({ id: joinRequests.id })
      .from(joinRequests)
      .where(and(eq(joinRequests.userId, actor.userId), eq(joinRequests.status, 'pending')))
      .limit(1);
    enforce(canAskAgain(actor, { pendingRequest: pending !== undefined }));
    return { userId: actor.userId, session: null };
  }
  if (!input.register) throw new AppError('invites.login_required');
  return registerApplicant(
    tx,
    schoolId,
    { ...input.register, passwordHash: input.passwordHash },
    input.device,
    now,
  );
}

/** Taken as found by the check, or by the unique index when two registered the same at once. */
function isTaken(error: unknown): boolean {
  if (error instanceof AppError) return error.code === 'auth.login_taken';
  const cause = (error as { cause?: { code?: string } }).cause ?? (error as { code?: string });
  return cause?.code === '23505';
}

export interface JoinClaim {
  schoolId: number;
  inviteId: number | null;
  userId: number;
  role: InviteRole;
  classId: number | null;
  childId: number | null;
  chatId: number | null;
}

/**
 * Opens a join request, or finds the pending one the same person already made
 * for the same role and child (asking twice is one request). Tells the
 * reviewers and the applicant.
 */
export async function openJoinRequest(
  tx: Tx,
  claim: JoinClaim,
  now: Date,
): Promise<{ requestId: number; created: boolean; events: EventDraft[] }> {
  const [created] = await tx
    .insert(joinRequests)
    .values({ ...claim, status: 'pending', rulesAcceptedAt: now, createdAt: now })
    .onConflictDoNothing()
    .returning({ id: joinRequests.id });
  if (!created) {
    const [existing] = await tx
      .select({ id: joinRequests.id })
      .from(joinRequests)
      .where(
        and(
          eq(joinRequests.schoolId, claim.schoolId),
          eq(joinRequests.userId, claim.userId),
          eq(joinRequests.role, claim.role),
          eq(joinRequests.status, 'pending'),
          sql`coalesce(${joinRequests.childId}, 0) = ${claim.childId ?? 0}`,
        ),
      );
    return { requestId: existing!.id, created: false, events: [] };
  }
  const reviewers = await reviewersOf(tx, claim.schoolId, claim.classId);
  return {
    requestId: created.id,
    created: true,
    events: [
      {
        payload: { type: 'joins.update', requestId: created.id, status: 'pending' },
        userIds: [...reviewers, claim.userId],
      },
    ],
  };
}
