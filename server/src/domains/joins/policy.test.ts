import type { Role } from '@parta/protocol';
import { expect, it } from 'vitest';
import type { Actor } from '../../infra/actor.js';
import { inviteAbilitiesFor } from '../invites/policy.js';
import {
  canAskAgain,
  canRedeemInvite,
  canRequestToJoin,
  canReviewJoins,
  joinAbilitiesFor,
} from './policy.js';

const person = (...roles: Role[]): Actor => ({ kind: 'person', userId: 7, schoolId: 1, roles, sessionId: 1 });
const anonymous: Actor = { kind: 'anonymous' };
const system: Actor = { kind: 'system' };
const allowed = { ok: true };
const denied = (code: string) => ({ ok: false, code });
const ownParents = { role: 'parent', classTeacherId: 7 } as const;
const otherParents = { role: 'parent', classTeacherId: 8 } as const;
const teachers = { role: 'teacher', classTeacherId: undefined } as const;

it.each([
  ['admin, any request', person('admin'), teachers, allowed],
  ['class teacher, parents of their class', person('teacher', 'class_teacher'), ownParents, allowed],
  ['class teacher, another class', person('teacher', 'class_teacher'), otherParents, denied('access.denied')],
  ['class teacher, a teacher', person('teacher', 'class_teacher'), teachers, denied('access.denied')],
  ['teacher', person('teacher'), ownParents, denied('access.denied')],
  ['anonymous', anonymous, ownParents, denied('auth.required')],
] as const)('canReviewJoins: %s', (_, actor, scope, verdict) => {
  expect(canReviewJoins(actor, scope)).toEqual(verdict);
});

const target = { userId: 7, roles: ['parent'], hasPassword: false, left: false, classIds: [3] } as const;
it.each([
  ['newcomer, a class link', anonymous, null, allowed],
  ['person of the school, a class link', person('teacher'), null, allowed],
  ['person of another school', { ...person(), schoolId: 2 }, null, denied('invites.invalid')],
  ['the operator', system, null, denied('access.denied')],
  ['its person, logged in', person('parent'), target, allowed],
  ['someone else, logged in', { ...person('parent'), userId: 8 }, target, denied('invites.invalid')],
  ['not logged in, no password yet', anonymous, target, allowed],
  [
    'not logged in, a password set',
    anonymous,
    { ...target, hasPassword: true },
    denied('invites.account_exists'),
  ],
  ['its person left', anonymous, { ...target, left: true }, denied('invites.invalid')],
  ['a role they do not hold', anonymous, { ...target, roles: ['student'] }, denied('invites.invalid')],
] as const)('canRedeemInvite: %s', (_, actor, personal, verdict) => {
  expect(canRedeemInvite(actor, { schoolId: 1, role: 'parent', target: personal })).toEqual(verdict);
});

it.each([
  ['newcomer', anonymous, allowed],
  ['person of the school', person('parent'), allowed],
  ['person of another school', { ...person('parent'), schoolId: 2 }, denied('schools.code_invalid')],
  ['the operator', system, denied('access.denied')],
] as const)('canRequestToJoin: %s', (_, actor, verdict) => {
  expect(canRequestToJoin(actor, { schoolId: 1 })).toEqual(verdict);
});

it.each([
  ['class teacher, pending of their class', person('class_teacher'), ownParents, 'pending', true],
  ['class teacher, decided', person('class_teacher'), ownParents, 'approved', false],
  ['class teacher, another class', person('class_teacher'), otherParents, 'pending', false],
  ['the applicant (no roles yet)', person(), ownParents, 'pending', false],
  ['newcomer just registered', anonymous, ownParents, 'pending', false],
] as const)('the abilities a join request carries: %s', (_, actor, scope, status, can) => {
  expect(joinAbilitiesFor(actor, { ...scope, status })).toEqual({ approve: can, reject: can });
});

it.each([
  ['admin', person('admin'), teachers, false, true],
  ['admin, revoked already', person('admin'), teachers, true, false],
  ['class teacher, their class', person('class_teacher'), ownParents, false, true],
  ['class teacher, another class', person('class_teacher'), otherParents, false, false],
] as const)('the abilities an invite carries: %s', (_, actor, scope, revoked, revoke) => {
  expect(inviteAbilitiesFor(actor, { ...scope, revoked })).toEqual({ revoke });
});

it.each([
  ['a newcomer (registers)', anonymous, false, allowed],
  ['a parent asking for another child', person('parent'), false, allowed],
  ['an applicant whose request waits', person(), true, allowed],
  ['an applicant turned down', person(), false, denied('joins.account_closed')],
] as const)('canAskAgain: %s', (_, actor, pendingRequest, verdict) => {
  expect(canAskAgain(actor, { pendingRequest })).toEqual(verdict);
});
