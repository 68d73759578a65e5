import type { InviteRole } from '@parta/protocol';
import { type Actor, hasRole } from '../../infra/actor.js';
import { allow, deny, type Verdict } from '../../infra/verdict.js';

/** What an invite or a join request is about, as far as the rules care. */
export interface ClassScope {
  role: InviteRole;
  /** the class teacher of the class the invite or request is for; null without a class */
  classTeacherId: number | null | undefined;
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

export const invitePolicies = {
  'invites.manage': canManageInvites,
  'joins.review': canReviewJoins,
} as const;
