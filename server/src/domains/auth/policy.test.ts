import type { Role } from '@parta/protocol';
import { expect, it } from 'vitest';
import type { Actor, Person } from '../../infra/actor.js';
import { mePolicies } from './me.js';
import { abilitiesFor, canManageOwnAccount } from './policy.js';

const person = (...roles: Role[]): Person => ({
  kind: 'person',
  userId: 7,
  schoolId: 1,
  roles,
  sessionId: 1,
});

it.each([
  ['a person', person('parent'), { ok: true }],
  ['anonymous', { kind: 'anonymous' } as Actor, { ok: false, code: 'auth.required' }],
] as const)('canManageOwnAccount: %s', (_, actor, verdict) => {
  expect(canManageOwnAccount(actor)).toEqual(verdict);
});

it.each([
  ['with a role', person('parent'), { applicant: false }],
  ['without one (not admitted yet)', person(), { applicant: true }],
  ['anonymous', { kind: 'anonymous' } as Actor, { applicant: false }],
] as const)('abilitiesFor: %s', (_, actor, abilities) => {
  expect(abilitiesFor(actor)).toEqual(abilities);
});

/** `/api/me` policies: every domain's answer for the person, nothing decided here. */
it.each([
  [
    'admin',
    person('admin'),
    ['school', 'manageSchool', 'viewClasses', 'people', 'createChats', 'invite', 'reviewJoins'],
  ],
  ['administration', person('administration'), ['school', 'viewClasses', 'people', 'createChats']],
  [
    'class teacher',
    person('teacher', 'class_teacher'),
    ['myClass', 'viewClasses', 'people', 'createChats', 'invite', 'reviewJoins'],
  ],
  ['teacher', person('teacher'), ['people', 'createChats']],
  ['parent', person('parent'), []],
  ['applicant', person(), ['applicant']],
] as const)('mePolicies: %s', (_, actor, granted) => {
  const policies = mePolicies(actor);
  expect(Object.keys(policies).filter((key) => policies[key as keyof typeof policies])).toEqual(granted);
});
