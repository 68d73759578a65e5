import type { Role } from '@parta/protocol';
import { expect, it } from 'vitest';
import type { Actor } from '../../infra/actor.js';
import { canInvitePerson, canManageInvites } from './policy.js';

const person = (...roles: Role[]): Actor => ({ kind: 'person', userId: 7, schoolId: 1, roles, sessionId: 1 });
const allowed = { ok: true };
const denied = (code: string) => ({ ok: false, code });
const ownClass = { role: 'parent', classId: 3, classTeacherId: 7 } as const;
const school = { role: 'teacher', classId: null, classTeacherId: undefined } as const;
const parent3 = { userId: 9, roles: ['parent'], hasPassword: false, left: false, classIds: [3] } as const;
const classTeacher = person('teacher', 'class_teacher');

it.each([
  ['admin, a teacher link', person('admin'), school, allowed],
  ['class teacher, their families', classTeacher, ownClass, allowed],
  ['class teacher, a teacher link', classTeacher, school, denied('access.denied')],
  ['administration', person('administration'), ownClass, denied('access.denied')],
  ['anonymous', { kind: 'anonymous' }, ownClass, denied('auth.required')],
] as const)('canManageInvites: %s', (_, actor, scope, verdict) => {
  expect(canManageInvites(actor, scope)).toEqual(verdict);
});

it.each([
  ['admin, a parent with no password', person('admin'), ownClass, parent3, allowed],
  ['class teacher, a parent of their class', classTeacher, ownClass, parent3, allowed],
  [
    'class teacher, a parent of another class',
    classTeacher,
    ownClass,
    { ...parent3, classIds: [4] },
    denied('people.not_found'),
  ],
  [
    'class teacher, the admin',
    classTeacher,
    ownClass,
    { ...parent3, roles: ['admin', 'parent'], classIds: [] },
    denied('people.not_found'),
  ],
  ['someone who left', person('admin'), ownClass, { ...parent3, left: true }, denied('org.person_left')],
  [
    'a role they do not hold',
    person('admin'),
    ownClass,
    { ...parent3, roles: ['student'] },
    denied('invites.role_mismatch'),
  ],
  [
    'someone with a password',
    person('admin'),
    ownClass,
    { ...parent3, hasPassword: true },
    denied('invites.person_has_account'),
  ],
] as const)('canInvitePerson: %s', (_, actor, scope, target, verdict) => {
  expect(canInvitePerson(actor, scope, target)).toEqual(verdict);
});
