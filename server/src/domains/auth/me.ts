import type { Role, TMePolicies } from '@parta/protocol';
import type { Person } from '../../infra/actor.js';
import { can } from '../../policies.js';
import { abilitiesFor as orgAbilities } from '../org/policy.js';
import { abilitiesFor as accountAbilities } from './policy.js';

/** The person whose `me` is answered, as the rules see them (also right after login, when the request had no session). */
export function meActor(me: { id: number; school: { id: number }; roles: readonly Role[] }): Person {
  return { kind: 'person', userId: me.id, schoolId: me.school.id, roles: me.roles, sessionId: null };
}

/** `/api/me` `policies`: every domain's abilities for the person, from the same rules its routes enforce. */
export function mePolicies(person: Person): TMePolicies {
  return {
    ...orgAbilities(person),
    // by the names their routes use: auth would otherwise import chats, invites and joins, which import auth
    createChats: can(person, 'chats.create').ok,
    invite: can(person, 'invites.manage').ok,
    reviewJoins: can(person, 'joins.review').ok,
    ...accountAbilities(person),
  };
}
