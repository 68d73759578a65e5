import { type Actor, hasRole, staffRoles } from '../../infra/actor.js';
import { allow, deny, type Verdict } from '../../infra/verdict.js';

/** Adding people and issuing their password links is the admin's job (regulation §4.1). */
export function canManagePeople(actor: Actor): Verdict {
  if (actor.kind !== 'person') return deny('auth.required');
  return hasRole(actor, 'admin') ? allow : deny('access.denied');
}

/** Staff pick people (for chats, meetings); families do not browse the school's list. */
export function canListPeople(actor: Actor): Verdict {
  if (actor.kind !== 'person') return deny('auth.required');
  return hasRole(actor, ...staffRoles) ? allow : deny('access.denied');
}

export const orgPolicies = {
  'people.manage': canManagePeople,
  'people.list': canListPeople,
} as const;
