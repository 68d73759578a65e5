import type { Role } from '@parta/protocol';
import { expect, it } from 'vitest';
import type { Person } from './infra/actor.js';
import { mePolicies } from './me-policies.js';

const person = (...roles: Role[]): Person => ({
  kind: 'person',
  userId: 7,
  schoolId: 1,
  roles,
  sessionId: 1,
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
