import type { InviteRole, Role } from '@parta/protocol';
import { belongsToClass } from '@parta/protocol';
import { type Actor, hasRole } from '../../infra/actor.js';
import { allow, deny, type Verdict } from '../../infra/verdict.js';

/** What an invite or a join request is about, as far as the rules care. */
export interface ClassScope {
  role: InviteRole;
  /** the class teacher of the class the invite or request is for; null without a class */
  classTeacherId: number | null | undefined;
  /** the class the invite or request is for; null without one */
  classId?: number | null;
}

/**
 * Who decides on requests to join, and so who may invite (invites/policy.ts):
 * the admin for every role (regulation §4.1); a class teacher for the parents
 * and students of their own class (§4.3).
 */
export function canReviewJoins(actor: Actor, scope?: ClassScope): Verdict {
  if (actor.kind !== 'person') return deny('auth.required');
  if (hasRole(actor, 'admin')) return allow;
  if (!hasRole(actor, 'class_teacher')) return deny('access.denied');
  if (!scope) return allow;
  const ownClass = scope.classTeacherId === actor.userId;
  return ownClass && belongsToClass(scope.role) ? allow : deny('access.denied');
}

/** The person a personal invite is for, as the rules see them. */
export interface InviteTarget {
  userId: number;
  roles: readonly Role[];
  /** set a password already: they log in, and only a reset link from an admin replaces it */
  hasPassword: boolean;
  left: boolean;
  /** the classes they belong to: a student's own, a parent's children's */
  classIds: readonly number[];
}

/** The invite being redeemed, as the rules see it. */
export interface RedeemedInvite {
  schoolId: number;
  role: InviteRole;
  /** a personal invite's person, locked with the redemption */
  target: InviteTarget | null;
}

/**
 * Redeeming a link. A general link asks to join (a reviewer decides), for a
 * newcomer or for someone of the same school who is logged in. A personal one
 * admits its person: logged in as them, or, not logged in, by choosing the
 * password they never had (checked again here, under the row lock, so two
 * redemptions or a reset in between cannot both set it).
 */
export function canRedeemInvite(actor: Actor, invite: RedeemedInvite): Verdict {
  if (actor.kind === 'system') return deny('access.denied');
  if (actor.kind === 'person' && actor.schoolId !== invite.schoolId) return deny('invites.invalid');
  const target = invite.target;
  if (!target) return allow;
  if (target.left) return deny('invites.invalid');
  if (!target.roles.includes(invite.role)) return deny('invites.invalid');
  if (actor.kind === 'person') return actor.userId === target.userId ? allow : deny('invites.invalid');
  return target.hasPassword ? deny('invites.account_exists') : allow;
}

/**
 * Asking to join with the school's code: a newcomer (who registers), or a
 * person of that school asking for another role. Someone of another school
 * learns nothing about this one's code.
 */
export function canRequestToJoin(actor: Actor, school: { schoolId: number }): Verdict {
  if (actor.kind === 'system') return deny('access.denied');
  if (actor.kind === 'person' && actor.schoolId !== school.schoolId) return deny('schools.code_invalid');
  return allow;
}

/**
 * Asking again while logged in: a person with a role may ask for another; an
 * account without one only while a request of theirs waits (asking twice is
 * the same request). One whose every request was turned down is closed: it
 * reads the answer it got and asks no more (and cannot log in again).
 */
export function canAskAgain(actor: Actor, applicant: { pendingRequest: boolean }): Verdict {
  if (actor.kind !== 'person' || actor.roles.length > 0 || applicant.pendingRequest) return allow;
  return deny('joins.account_closed');
}

/** A join request, as the rules see it. */
export interface JoinSubject extends ClassScope {
  status: 'pending' | 'approved' | 'rejected';
}

/** What the viewer may do with a request: sent with it, so the client derives no rule. */
export function joinAbilitiesFor(actor: Actor, request: JoinSubject): { approve: boolean; reject: boolean } {
  const decide = request.status === 'pending' && canReviewJoins(actor, request).ok;
  return { approve: decide, reject: decide };
}

export const joinPolicies = {
  'joins.review': canReviewJoins,
} as const;
