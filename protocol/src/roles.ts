import type { Role } from './common.js';
import { type InviteRole, inviteRoles } from './invites.js';

/*
 * What each role is, in the one place the server's rules and the web's screens
 * both read: who belongs to a class, who names a child when joining, who
 * teaches, which role comes with leading a class. Who may do what is not here:
 * that is each domain's policy, sent to the web as abilities.
 */

/** Roles that belong to a class: their invites, requests and records name one. */
export const classRoles = ['parent', 'student'] as const satisfies readonly InviteRole[];

export function belongsToClass(role: Role): boolean {
  return (classRoles as readonly Role[]).includes(role);
}

/** The roles one asks for with the school's code, families first: most who ask are. */
export const askedRoles: readonly InviteRole[] = [
  ...classRoles,
  ...inviteRoles.filter((role) => !belongsToClass(role)),
];

/** A parent joining a class names their child there. */
export function namesChild(role: Role): boolean {
  return role === 'parent';
}

export function isStudent(roles: readonly Role[]): boolean {
  return roles.includes('student');
}

export function isParent(roles: readonly Role[]): boolean {
  return roles.includes('parent');
}

/** Who may teach a subject or lead a class. */
export const teachingRoles = ['class_teacher', 'teacher'] as const satisfies readonly Role[];
/** The pupils of a class. */
export const studentRoles = ['student'] as const satisfies readonly Role[];
/** The families of a class's pupils. */
export const parentRoles = ['parent'] as const satisfies readonly Role[];

/** Comes with leading a class (the class card appoints it); never ticked by hand. */
export const leadingRole = 'class_teacher' as const satisfies Role;

export function leadsClass(roles: readonly Role[]): boolean {
  return roles.includes(leadingRole);
}

/**
 * The roles given by hand (adding a person, editing roles), the most usual
 * first; not the class teacher's, which comes with leading a class.
 */
export const handGivenRoles: readonly Role[] = [
  'teacher',
  'staff',
  'administration',
  'parent',
  'student',
  'admin',
];

export function givenByHand(picked: readonly Role[]): boolean {
  return picked.every((role) => handGivenRoles.includes(role));
}
