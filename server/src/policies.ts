import { authPolicies } from './domains/auth/policy.js';
import { chatPolicies } from './domains/chats/policy.js';
import { filePolicies } from './domains/files/policy.js';
import { hoursPolicies } from './domains/hours/policy.js';
import { invitePolicies } from './domains/invites/policy.js';
import { joinPolicies } from './domains/joins/policy.js';
import { orgPolicies } from './domains/org/policy.js';
import type { Actor } from './infra/actor.js';
import type { Verdict } from './infra/verdict.js';

/**
 * Every route and WebSocket frame names one of these (DESIGN §3.3). The route
 * gate calls the rule without a resource; actions call it again with the rows
 * they locked.
 */
export const policies = {
  ...authPolicies,
  ...orgPolicies,
  ...chatPolicies,
  ...invitePolicies,
  ...joinPolicies,
  ...hoursPolicies,
  ...filePolicies,
} as const;

export type PolicyName = keyof typeof policies;

export function can(actor: Actor, policy: PolicyName): Verdict {
  return (policies[policy] as (actor: Actor) => Verdict)(actor);
}
