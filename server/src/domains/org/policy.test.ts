import type { Role } from '@parta/protocol';
import { expect, it } from 'vitest';
import type { Actor } from '../../infra/actor.js';
import { canEditClass, canSeeClassMatters } from './policy.js';

const person = (...roles: Role[]): Actor => ({ kind: 'person', userId: 7, schoolId: 1, roles, sessionId: 1 });
const allowed = { ok: true };
const denied = { ok: false, code: 'access.denied' };
const hidden = (code: string) => ({ ok: false, code });

/** A class's matters: whom a class teacher may see answers like a missing row, not «forbidden». */
it.each([
  ['admin, any class', person('admin'), 99, allowed],
  ['administration, any class', person('administration'), 99, allowed],
  ['class teacher, own class', person('teacher', 'class_teacher'), 7, allowed],
  ['class teacher, another class', person('teacher', 'class_teacher'), 99, hidden('joins.not_found')],
  [
    'class teacher, a class nobody leads',
    person('teacher', 'class_teacher'),
    null,
    hidden('joins.not_found'),
  ],
  [
    'class teacher, a row without a class',
    person('teacher', 'class_teacher'),
    undefined,
    hidden('joins.not_found'),
  ],
  ['anonymous', { kind: 'anonymous' } as Actor, 7, { ok: false, code: 'auth.required' }],
] as const)('canSeeClassMatters: %s', (_, actor, classTeacherId, verdict) => {
  expect(canSeeClassMatters(actor, classTeacherId, 'joins.not_found')).toEqual(verdict);
});

it.each([
  ['admin, another class', person('admin'), 99, allowed],
  ['class teacher, own class', person('class_teacher'), 7, allowed],
  ['class teacher, another class', person('class_teacher'), 99, hidden('classes.not_found')],
  ['a teacher who leads no class', person('teacher'), 7, denied],
] as const)('canEditClass: %s', (_, actor, classTeacherId, verdict) => {
  expect(canEditClass(actor, { classTeacherId })).toEqual(verdict);
});
