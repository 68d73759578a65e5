import { type Role, roles } from '@parta/protocol';
import { expect, it } from 'vitest';
import type { Actor } from '../../infra/actor.js';
import {
  abilitiesFor,
  canEditClass,
  canSeeClassMatters,
  canSeeFamilies,
  classAbilities,
  personAbilities,
} from './policy.js';

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

const rulesAllowing = (...ids: number[]) => ({
  verdict: (_from: number, to: number) => (ids.includes(to) ? allowed : hidden('chats.direct_denied')),
});

/** The person's places (`/api/me` policies): the same rules as the routes behind them. */
it.each([
  [
    'admin',
    person('admin'),
    { school: true, manageSchool: true, myClass: false, viewClasses: true, people: true },
  ],
  [
    'administration',
    person('administration'),
    { school: true, manageSchool: false, myClass: false, viewClasses: true, people: true },
  ],
  [
    'class teacher',
    person('teacher', 'class_teacher'),
    { school: false, manageSchool: false, myClass: true, viewClasses: true, people: true },
  ],
  [
    'teacher',
    person('teacher'),
    { school: false, manageSchool: false, myClass: false, viewClasses: false, people: true },
  ],
  [
    'staff',
    person('staff'),
    { school: false, manageSchool: false, myClass: false, viewClasses: false, people: true },
  ],
  [
    'parent',
    person('parent'),
    { school: false, manageSchool: false, myClass: false, viewClasses: false, people: false },
  ],
  [
    'student',
    person('student'),
    { school: false, manageSchool: false, myClass: false, viewClasses: false, people: false },
  ],
  [
    'applicant',
    person(),
    { school: false, manageSchool: false, myClass: false, viewClasses: false, people: false },
  ],
] as const)('abilitiesFor: %s', (_, actor, abilities) => {
  expect(abilitiesFor(actor)).toEqual(abilities);
});

/** A class card's policies: a graduated class is history for everyone. */
it.each([
  ['admin, live class', person('admin'), 99, false, { manage: true, edit: true, openPeople: true }],
  ['admin, graduated class', person('admin'), 99, true, { manage: false, edit: false, openPeople: true }],
  ['administration', person('administration'), 99, false, { manage: false, edit: false, openPeople: true }],
  ['class teacher, own', person('class_teacher'), 7, false, { manage: false, edit: true, openPeople: true }],
  [
    'class teacher, other',
    person('class_teacher'),
    99,
    false,
    { manage: false, edit: false, openPeople: true },
  ],
  [
    'class teacher, own, graduated',
    person('class_teacher'),
    7,
    true,
    { manage: false, edit: false, openPeople: true },
  ],
  ['parent', person('parent'), 7, false, { manage: false, edit: false, openPeople: false }],
] as const)('classAbilities: %s', (_, actor, classTeacherId, archived, abilities) => {
  expect(classAbilities(actor, { classTeacherId, archived })).toEqual(abilities);
});

/** A person card's policies: roles the viewer may switch, the admin's verbs, writing directly. */
it.each([
  [
    'admin, another person',
    person('admin'),
    8,
    false,
    [8],
    { setRoles: [...roles], manage: true, writeDirect: true },
  ],
  [
    'admin, themself',
    person('admin'),
    7,
    false,
    [],
    { setRoles: [...roles], manage: false, writeDirect: false },
  ],
  [
    'admin, someone who left',
    person('admin'),
    8,
    true,
    [8],
    { setRoles: [], manage: false, writeDirect: false },
  ],
  [
    'administration',
    person('administration'),
    8,
    false,
    [8],
    { setRoles: ['admin'], manage: false, writeDirect: true },
  ],
  [
    'teacher, a parent they teach',
    person('teacher'),
    8,
    false,
    [8],
    { setRoles: [], manage: false, writeDirect: true },
  ],
  [
    'teacher, a parent they may not write',
    person('teacher'),
    8,
    false,
    [],
    { setRoles: [], manage: false, writeDirect: false },
  ],
] as const)('personAbilities: %s', (_, actor, id, left, writable, abilities) => {
  expect(personAbilities(actor, rulesAllowing(...writable), { id, left, roles: ['parent'] })).toEqual({
    placeInClass: false,
    ...abilities,
  });
});

it.each([
  ['admin, a student', person('admin'), ['student'] as Role[], true],
  ['admin, a parent', person('admin'), ['parent'] as Role[], false],
  ['administration, a student', person('administration'), ['student'] as Role[], false],
] as const)('personAbilities, placing in a class: %s', (_, actor, roles, placeInClass) => {
  expect(personAbilities(actor, rulesAllowing(8), { id: 8, left: false, roles }).placeInClass).toBe(
    placeInClass,
  );
});

/** Who a parent is through their children («мама Миши В., 1А»): staff, never another family. */
it.each([
  ['admin', person('admin'), allowed],
  ['administration', person('administration'), allowed],
  ['class teacher', person('teacher', 'class_teacher'), allowed],
  ['teacher', person('teacher'), allowed],
  ['staff', person('staff'), allowed],
  ['a teacher who is a parent too', person('teacher', 'parent'), allowed],
  ['parent', person('parent'), denied],
  ['student', person('student'), denied],
  ['anonymous', { kind: 'anonymous' } as Actor, { ok: false, code: 'auth.required' }],
] as const)('canSeeFamilies: %s', (_, actor, verdict) => {
  expect(canSeeFamilies(actor)).toEqual(verdict);
});
