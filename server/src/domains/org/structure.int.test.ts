import type { Role } from '@parta/protocol';
import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { schools, users } from '../../db/schema.js';
import type { Action } from '../../infra/actions.js';
import type { Person } from '../../infra/actor.js';
import { ManualClock } from '../../infra/clock.js';
import { AppError } from '../../infra/errors.js';
import { startTestServer, type TestServer } from '../../test/server.js';
import * as org from './actions/index.js';
import { deriveStructuralChats } from './structure.js';
import { loadStructuralMembers, loadStructure } from './sync.js';

/**
 * Model-based property (issue «School structure»): after any sequence of
 * structure operations, every live structural chat holds exactly the members
 * that the from-scratch derivation of the final structure says.
 */
let server: TestServer;
beforeAll(async () => {
  // Far in the future, so that every generated rollover is already allowed by the calendar.
  server = await startTestServer({ clock: new ManualClock(new Date('2040-08-01T06:00:00Z')) });
});
afterAll(() => server?.close());

interface School {
  admin: Person;
  people: { id: number; roles: Role[] }[];
}

async function freshSchool(): Promise<School> {
  const now = server.clock.now();
  const [school] = await server.db
    .insert(schools)
    .values({
      name: 'Модельная школа',
      timeZone: 'Europe/Moscow',
      academicYear: 2026,
      joinCode: String(Math.random()).slice(2, 10),
      createdAt: now,
    })
    .returning();
  const [admin] = await server.db
    .insert(users)
    .values({
      schoolId: school!.id,
      fullName: 'Админ',
      login: `admin-${school!.id}`,
      roles: ['admin'],
      createdAt: now,
    })
    .returning();
  const actor: Person = {
    kind: 'person',
    userId: admin!.id,
    schoolId: school!.id,
    roles: ['admin'],
    sessionId: null,
  };
  const roles: Role[][] = [
    ['administration'],
    ['teacher'],
    ['teacher'],
    ['teacher', 'parent'],
    ['parent'],
    ['parent'],
    ['parent'],
    ['student'],
    ['student'],
    ['student'],
    ['student'],
  ];
  const people = [];
  for (const [i, personRoles] of roles.entries()) {
    const created = await run(actor, org.createPerson, {
      fullName: `Человек ${i}`,
      login: `p${school!.id}-${i}`,
      roles: personRoles,
    });
    people.push({ id: created.person.id, roles: personRoles });
  }
  return { admin: actor, people };
}

function run<I, R>(actor: Person, action: Action<I, R>, input: I): Promise<R> {
  return server.parta.actions.run(actor, action, input);
}

const pick = fc.nat({ max: 1000 });
const operation = fc.oneof(
  fc.record({
    op: fc.constant('createClass'),
    grade: fc.integer({ min: 9, max: 11 }),
    letter: fc.constantFrom('А', 'Б'),
  }),
  fc.record({ op: fc.constant('placeStudent'), student: pick, schoolClass: pick }),
  fc.record({ op: fc.constant('linkGuardian'), parent: pick, student: pick }),
  fc.record({ op: fc.constant('unlinkGuardian'), parent: pick, student: pick }),
  fc.record({ op: fc.constant('assignClassTeacher'), teacher: fc.option(pick), schoolClass: pick }),
  fc.record({ op: fc.constant('setCommittee'), parent: pick, schoolClass: pick, member: fc.boolean() }),
  fc.record({ op: fc.constant('subjectTeacher'), teacher: pick, schoolClass: pick, add: fc.boolean() }),
  fc.record({ op: fc.constant('toggleAdministration'), person: pick }),
  fc.record({ op: fc.constant('leave'), person: pick }),
  fc.record({ op: fc.constant('settings'), on: fc.boolean() }),
  fc.record({ op: fc.constant('rollover') }),
);
type Operation = typeof operation extends fc.Arbitrary<infer T> ? T : never;

async function apply(school: School, classIds: number[], step: Operation): Promise<void> {
  const of = (role: Role, n: number) => {
    const ids = school.people.filter((p) => p.roles.includes(role)).map((p) => p.id);
    return ids[n % ids.length]!;
  };
  const classId = (n: number) => classIds[n % Math.max(classIds.length, 1)] ?? 999_999;
  const a = school.admin;
  switch (step.op) {
    case 'createClass': {
      const { classId: id } = await run(a, org.createClass, { grade: step.grade, letter: step.letter });
      classIds.push(id);
      return;
    }
    case 'placeStudent':
      return void (await run(a, org.placeStudent, {
        studentId: of('student', step.student),
        classId: classId(step.schoolClass),
      }));
    case 'linkGuardian':
      return void (await run(a, org.linkGuardian, {
        parentId: of('parent', step.parent),
        studentId: of('student', step.student),
      }));
    case 'unlinkGuardian':
      return void (await run(a, org.unlinkGuardian, {
        parentId: of('parent', step.parent),
        studentId: of('student', step.student),
      }));
    case 'assignClassTeacher':
      return void (await run(a, org.assignClassTeacher, {
        classId: classId(step.schoolClass),
        teacherId: step.teacher === null ? null : of('teacher', step.teacher),
      }));
    case 'setCommittee':
      return void (await run(a, org.setCommitteeMember, {
        classId: classId(step.schoolClass),
        parentId: of('parent', step.parent),
        member: step.member,
      }));
    case 'subjectTeacher': {
      const input = {
        classId: classId(step.schoolClass),
        teacherId: of('teacher', step.teacher),
        subject: 'Математика',
      };
      return void (await run(a, step.add ? org.assignSubjectTeacher : org.removeSubjectTeacher, input));
    }
    case 'toggleAdministration': {
      const person = school.people[step.person % school.people.length]!;
      const roles: Role[] = person.roles.includes('administration')
        ? person.roles.filter((r) => r !== 'administration')
        : [...person.roles, 'administration'];
      await run(a, org.setRoles, { personId: person.id, roles: roles.filter((r) => r !== 'class_teacher') });
      person.roles = roles;
      return;
    }
    case 'leave':
      return void (await run(a, org.removePerson, {
        personId: school.people[step.person % school.people.length]!.id,
      }));
    case 'settings':
      return void (await run(a, org.setSchoolSettings, { subjectTeachersInParentChats: step.on }));
    case 'rollover': {
      const [row] = await server.db.select().from(schools).where(eq(schools.id, a.schoolId));
      return void (await run(a, org.rolloverYear, { fromYear: row!.academicYear }));
    }
  }
}

it('keeps every structural chat equal to the from-scratch derivation', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 25 }), async (steps) => {
      const school = await freshSchool();
      const classIds: number[] = [];
      for (const step of steps) {
        try {
          await apply(school, classIds, step);
        } catch (error) {
          // A refused operation (e.g. into a graduated class) must be an expected, localised refusal.
          if (!(error instanceof AppError)) throw error;
        }
      }
      const expected = deriveStructuralChats(await loadStructure(server.db, school.admin.schoolId));
      const stored = await loadStructuralMembers(server.db, school.admin.schoolId);
      expect([...stored.keys()].sort()).toEqual(expected.map((chat) => chat.key).sort());
      for (const chat of expected) {
        const { title, members } = stored.get(chat.key)!;
        expect({ key: chat.key, title, members: Object.fromEntries(members) }).toEqual({
          key: chat.key,
          title: chat.title,
          members: Object.fromEntries(chat.members),
        });
      }
    }),
    { numRuns: 25 },
  );
});
