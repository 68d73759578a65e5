import type { TMePolicies } from '@parta/protocol';
import { abilitiesFor as accountAbilities } from './domains/auth/policy.js';
import { abilitiesFor as orgAbilities } from './domains/org/policy.js';
import type { Person } from './infra/actor.js';
import { can } from './policies.js';

/**
 * `/api/me` `policies`: every domain's abilities for the person, from the same
 * rules its routes enforce. Composed here, above the domains, and handed to
 * the routes that answer with `me` (RouteDeps), so no domain imports the others.
 */
export function mePolicies(person: Person): TMePolicies {
  return {
    ...orgAbilities(person),
    // by the names their routes use
    createChats: can(person, 'chats.create').ok,
    invite: can(person, 'invites.manage').ok,
    reviewJoins: can(person, 'joins.review').ok,
    ...accountAbilities(person),
  };
}
