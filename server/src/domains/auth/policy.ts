import type { Actor } from '../../infra/actor.js';
import { allow, deny, type Verdict } from '../../infra/verdict.js';

/** Routes anyone may call, logged in or not (login, first-run setup, reset links). */
export function canUseAnonymously(_actor: Actor): Verdict {
  return allow;
}

/** Things a person does to their own account and sessions. */
export function canManageOwnAccount(actor: Actor): Verdict {
  return actor.kind === 'person' ? allow : deny('auth.required');
}

/**
 * The account's own state, as `/api/me` `policies` tells it: registered
 * through an invite or the school code but not admitted yet (no role), so
 * their request is all there is to show.
 */
export function abilitiesFor(actor: Actor) {
  return { applicant: actor.kind === 'person' && actor.roles.length === 0 };
}

export const authPolicies = {
  'auth.anyone': canUseAnonymously,
  'auth.own_account': canManageOwnAccount,
} as const;
