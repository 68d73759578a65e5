import type { InviteRole, Role } from '@parta/protocol';
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
 * Invites: the admin for every role (regulation §4.1); a class teacher for
 * the parents and students of their own class (§4.3).
 */
export function canManageInvites(actor: Actor, scope?: ClassScope): Verdict {
  if (actor.kind !== 'person') return deny('auth.required');
  if (hasRole(actor, 'admin')) return allow;
  if (!hasRole(actor, 'class_teacher')) return deny('access.denied');
  if (!scope) return allow;
  const ownClass = scope.classTeacherId === actor.userId;
  return ownClass && (scope.role === 'parent' || scope.role === 'student') ? allow : deny('access.denied');
}

/** Join requests are reviewed by the same people who may invite into that class. */
export const canReviewJoins = canManageInvites;

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

/**
 * A personal invite lets whoever holds the link choose the person's password,
 * so it is only for someone who has never had one, in a role they already
 * hold; a class teacher gives them only to the students of their class and
 * those students' parents. Anyone else is "not found" to a class teacher.
 */
export function canInvitePerson(actor: Actor, scope: ClassScope, target: InviteTarget): Verdict {
  const manage = canManageInvites(actor, scope);
  if (!manage.ok) return manage;
  if (!hasRole(actor, 'admin')) {
    const inClass = scope.classId != null && target.classIds.includes(scope.classId);
    if (!inClass) return deny('people.not_found');
  }
  if (target.left) return deny('org.person_left');
  if (!target.roles.includes(scope.role)) return deny('invites.role_mismatch');
  if (target.hasPassword) return deny('invites.person_has_account');
  return allow;
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

export const invitePolicies = {
  'invites.manage': canManageInvites,
  'joins.review': canReviewJoins,
} as const;
