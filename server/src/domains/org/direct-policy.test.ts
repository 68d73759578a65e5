import type { Role } from '@parta/protocol';
import { describe, expect, it } from 'vitest';
import { DirectRules } from './direct-policy.js';
import type { Structure } from './structure.js';

/** One school: 5А (class teacher 10, subject teacher 11) and 6Б (class teacher 12), an archived 11А. */
const person = (id: number, roles: Role[], classId: number | null = null, left = false) => ({
  id,
  roles,
  classId,
  left,
});
const structure: Structure = {
  subjectTeachersInParentChats: false,
  people: [
    person(1, ['admin']),
    person(2, ['administration']),
    person(3, ['staff']),
    person(10, ['teacher']),
    person(11, ['teacher']),
    person(12, ['teacher', 'parent']),
    person(20, ['student'], 1),
    person(21, ['student'], 1),
    person(22, ['student'], 2),
    person(30, ['parent']),
    person(31, ['parent']),
    person(32, ['parent']),
    person(40, ['student'], 3),
    person(41, ['parent']),
    person(50, ['parent'], null, true),
    person(60, []),
  ],
  classes: [
    { id: 1, grade: 5, letter: 'А', classTeacherId: 10, archived: false },
    { id: 2, grade: 6, letter: 'Б', classTeacherId: 12, archived: false },
    { id: 3, grade: 11, letter: 'А', classTeacherId: 11, archived: true },
  ],
  subjectTeachers: [{ classId: 1, teacherId: 11 }],
  guardianships: [
    { parentId: 30, studentId: 20 },
    { parentId: 31, studentId: 21 },
    { parentId: 32, studentId: 22 },
    { parentId: 12, studentId: 20 },
    { parentId: 41, studentId: 40 },
  ],
  committee: [],
};
const closed = new DirectRules(structure, { parentToParent: false, studentToStudent: false });
const open = new DirectRules(structure, { parentToParent: true, studentToStudent: true });
const verdict = (rules: DirectRules, from: number, to: number) => {
  const result = rules.verdict(from, to);
  return result.ok ? 'allow' : result.code;
};

describe('direct chats', () => {
  it.each([
    [1, 32, 'allow', 'the admin writes to anyone'],
    [40, 2, 'allow', 'anyone writes to the administration'],
    [3, 11, 'allow', 'staff write to staff'],
    [10, 30, 'allow', 'a class teacher writes to a parent of the class'],
    [31, 11, 'allow', 'a parent writes to a subject teacher of the child’s class'],
    [20, 10, 'allow', 'a student writes to their class teacher'],
    [10, 32, 'chats.direct_denied', 'not to a parent of another class'],
    [3, 30, 'chats.direct_denied', 'staff without classes do not write to families'],
    [11, 41, 'chats.direct_denied', 'a graduated class links nobody'],
    [30, 20, 'allow', 'a parent writes to their child'],
    [12, 20, 'allow', 'a teacher who is a parent writes to their own child'],
    [30, 21, 'chats.direct_denied', 'not to someone else’s child'],
    [30, 31, 'chats.direct_denied', 'parent to parent is off by default'],
    [20, 21, 'chats.direct_denied', 'student to student is off by default'],
    [30, 30, 'chats.direct_self', 'not to oneself'],
    [30, 50, 'people.not_found', 'not to someone who left'],
    [30, 999, 'people.not_found', 'not to a stranger'],
  ])('%i ↔ %i: %s (%s)', (from, to, expected) => {
    expect(verdict(closed, from, to)).toBe(expected);
    expect(verdict(closed, to, from), 'the rules are symmetric').toBe(expected);
  });

  it('opens parent ↔ parent and student ↔ student when the school allows, and nothing more', () => {
    expect(verdict(open, 30, 31)).toBe('allow');
    expect(verdict(open, 20, 21)).toBe('allow');
    expect(verdict(open, 30, 22)).toBe('chats.direct_denied');
  });

  it('keeps families to their own (children’s) classes even when the school allows them', () => {
    expect(verdict(open, 30, 32), 'parents of 5А and 6Б').toBe('chats.direct_denied');
    expect(verdict(open, 20, 22), 'students of 5А and 6Б').toBe('chats.direct_denied');
  });

  it('gives someone without a role (an applicant) nobody to write to, not even the leadership', () => {
    expect(verdict(open, 60, 2)).toBe('chats.direct_denied');
    expect(verdict(open, 1, 60)).toBe('chats.direct_denied');
  });

  it('names the classes that place a person', () => {
    expect(closed.classNamesOf(11)).toEqual(['5А']);
    expect(closed.classNamesOf(12)).toEqual(['5А', '6Б']);
    expect(closed.classNamesOf(40)).toEqual([]);
  });
});
