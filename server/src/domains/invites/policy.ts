import { type Actor, hasRole } from '../../infra/actor.js';
import { allow, deny, type Verdict } from '../../infra/verdict.js';
import { type ClassScope, canReviewJoins, type InviteTarget } from '../joins/policy.js';

export type { ClassScope, InviteTarget };

/**
 * Invites: the admin for every role (regulation §4.1); a class teacher for
 * the parents and students of their own class (§4.3).
 */
export function canManageInvites(actor: Actor, scope?: ClassScope): Verdict {
  // Whoever decides on a class's requests to join may also invite into it, and no one else.
  return canReviewJoins(actor, scope);
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

/** What the viewer may do with an invite: sent with it, so the client derives no rule. */
export function inviteAbilitiesFor(
  actor: Actor,
  invite: ClassScope & { revoked: boolean },
): { revoke: boolean } {
  return { revoke: !invite.revoked && canManageInvites(actor, invite).ok };
}

export const invitePolicies = {
  'invites.manage': canManageInvites,
} as const;
