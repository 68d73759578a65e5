import type { ErrorCode, Role, TClassCard, TPersonCard } from '@parta/protocol';
import { roles as allRoles, staffRoles } from '@parta/protocol';
import { type Actor, hasRole } from '../../infra/actor.js';
import { allow, type DirectVerdicts, deny, type Verdict } from '../../infra/verdict.js';

/** Adding people, issuing password links, building the structure: the admin's job (regulation §4.1). */
export function canManagePeople(actor: Actor): Verdict {
  if (actor.kind !== 'person') return deny('auth.required');
  return hasRole(actor, 'admin') ? allow : deny('access.denied');
}

export const canManageStructure = canManagePeople;

/** A person's login, e-mail and phone: the admins (each read audited) besides the person. */
export const canSeeContacts = canManagePeople;

/** Staff pick people (for chats, meetings); families do not browse the school's list. */
export function canListPeople(actor: Actor): Verdict {
  if (actor.kind !== 'person') return deny('auth.required');
  return hasRole(actor, ...staffRoles) ? allow : deny('access.denied');
}

/**
 * Who a parent is through their children («мама Миши В., 1А»): for the
 * school's staff, who meet families in chats, lists and read receipts.
 * Families see one another by name only (personal data is minimised).
 */
export function canSeeFamilies(actor: Actor): Verdict {
  if (actor.kind !== 'person') return deny('auth.required');
  return hasRole(actor, ...staffRoles) ? allow : deny('access.denied');
}

/**
 * A class's own matters (its parents linked to its students, its parent
 * committee): the admin for every class, a class teacher for their own
 * (regulation §4.3). Without `schoolClass` this is the route-level gate.
 */
export function canEditClass(
  actor: Actor,
  schoolClass?: { classTeacherId: number | null },
  notFound: HiddenAs = 'classes.not_found',
): Verdict {
  if (actor.kind !== 'person') return deny('auth.required');
  if (hasRole(actor, 'admin')) return allow;
  if (!hasRole(actor, 'class_teacher')) return deny('access.denied');
  if (!schoolClass) return allow;
  return schoolClass.classTeacherId === actor.userId ? allow : deny(notFound);
}

/** How a class's matter the actor may not see answers: exactly as a missing one (DESIGN §3.8). */
export type HiddenAs = Extract<
  ErrorCode,
  'classes.not_found' | 'people.not_found' | 'invites.invalid' | 'joins.not_found'
>;

/**
 * Whether the actor sees a class's matters at all — its card, links, join
 * requests, students' guardians: the admin and the administration every
 * class, a class teacher their own (`classTeacherId` of the row's class;
 * undefined for a row without a class). Anything else is `notFound`.
 */
export function canSeeClassMatters(
  actor: Actor,
  classTeacherId: number | null | undefined,
  notFound: HiddenAs,
): Verdict {
  if (actor.kind !== 'person') return deny('auth.required');
  if (hasRole(actor, 'admin', 'administration')) return allow;
  return classTeacherId != null && classTeacherId === actor.userId ? allow : deny(notFound);
}

/** Seeing a class card: whoever may edit it, and the administration. */
export function canViewClass(actor: Actor, schoolClass?: { classTeacherId: number | null }): Verdict {
  if (hasRole(actor, 'administration')) return allow;
  return canEditClass(actor, schoolClass);
}

/** The school grid: the admin and the administration (the director oversees usage, §4.2). */
export function canViewStructure(actor: Actor): Verdict {
  if (actor.kind !== 'person') return deny('auth.required');
  return hasRole(actor, 'admin', 'administration') ? allow : deny('access.denied');
}

/**
 * Roles: the admin edits all of them; the director appoints and removes
 * admins (§4.1–4.2) but leaves the other roles alone.
 */
export function canSetRoles(actor: Actor, change?: { onlyAdminRole: boolean }): Verdict {
  if (actor.kind !== 'person') return deny('auth.required');
  if (hasRole(actor, 'admin')) return allow;
  if (!hasRole(actor, 'administration')) return deny('access.denied');
  return !change || change.onlyAdminRole ? allow : deny('access.denied');
}

/**
 * Whom a person sees in the people list and as a card: the admin and the
 * administration everyone; anyone else only those they may write to directly
 * (a teacher: colleagues and the families of the classes they teach;
 * non-teaching staff: colleagues). Everyone else is "not found".
 */
export function canSeePerson(actor: Actor, rules: DirectVerdicts, personId: number): Verdict {
  if (actor.kind !== 'person') return deny('auth.required');
  if (actor.userId === personId || hasRole(actor, 'admin', 'administration')) return allow;
  return rules.verdict(actor.userId, personId).ok ? allow : deny('people.not_found');
}

/** A person card: staff see names and roles; contact data only admins (audited) and the person. */
export function canViewPerson(actor: Actor): Verdict {
  if (actor.kind !== 'person') return deny('auth.required');
  return hasRole(actor, ...staffRoles) ? allow : deny('access.denied');
}

/** The person's places and verbs in the school (part of `/api/me` `policies`). */
export function abilitiesFor(actor: Actor) {
  const school = canViewStructure(actor).ok;
  return {
    school,
    manageSchool: canManageStructure(actor).ok,
    myClass: !school && canEditClass(actor).ok,
    viewClasses: canViewClass(actor).ok,
    people: canListPeople(actor).ok && canViewPerson(actor).ok,
  };
}

/** What the viewer may do with a class (its card's `policies`). A graduated class is history only. */
export function classAbilities(
  actor: Actor,
  schoolClass: { classTeacherId: number | null; archived: boolean },
): TClassCard['policies'] {
  const live = !schoolClass.archived;
  return {
    manage: live && canManageStructure(actor).ok,
    edit: live && canEditClass(actor, schoolClass).ok,
    openPeople: canViewPerson(actor).ok,
  };
}

/** What the viewer may do with a person (their card's `policies`); nothing with someone who left, little with oneself. */
export function personAbilities(
  actor: Actor,
  rules: DirectVerdicts,
  person: { id: number; left: boolean; roles: readonly Role[] },
): TPersonCard['policies'] {
  const other = actor.kind === 'person' && actor.userId !== person.id && !person.left;
  const setRoles: Role[] = person.left
    ? []
    : allRoles.filter((role) => canSetRoles(actor, { onlyAdminRole: role === 'admin' }).ok);
  const manage = other && canManagePeople(actor).ok;
  return {
    setRoles,
    manage,
    placeInClass: manage && canManageStructure(actor).ok && person.roles.includes('student'),
    writeDirect: other && actor.kind === 'person' && rules.verdict(actor.userId, person.id).ok,
  };
}

export const orgPolicies = {
  'people.manage': canManagePeople,
  'people.list': canListPeople,
  'people.view': canViewPerson,
  'people.set_roles': canSetRoles,
  'structure.manage': canManageStructure,
  'structure.view': canViewStructure,
  'classes.view': canViewClass,
  'classes.edit': canEditClass,
} as const;
