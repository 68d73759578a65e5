import type { Role } from '@parta/protocol';
import { expect, it } from 'vitest';
import type { Actor, Person } from '../../infra/actor.js';
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
