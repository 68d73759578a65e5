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

export const authPolicies = {
  'auth.anyone': canUseAnonymously,
  'auth.own_account': canManageOwnAccount,
} as const;
