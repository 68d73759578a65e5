import { sql } from 'drizzle-orm';
import {
  classes,
  committeeMembers,
  guardianships,
  schools,
  subjectTeachers,
  users,
} from '../../../db/schema.js';
import type { Action } from '../../../infra/actions.js';
import { AppError } from '../../../infra/errors.js';
import { academicYearAt } from '../calendar.js';
import { generateDemoSchool } from '../demo.js';
import { newJoinCode } from '../join-code.js';
import { syncStructuralChats } from '../sync.js';

/** Same lock as the first-run setup: a demo school and a real one never race. */
const SETUP_LOCK = 7_147_003;

/**
 * `parta demo`: fills an empty installation with a fictional school, for
 * trying Parta, for end-to-end scenarios and for benchmarks. Every demo
 * account shares one password. Refuses when a school already exists.
 */
export const seedDemoSchool: Action<{ passwordHash: string }, { schoolId: number; people: number }> = async (
  { tx, now },
  input,
) => {
  await tx.execute(sql`select pg_advisory_xact_lock(${SETUP_LOCK})`);
  const [existing] = await tx.select({ id: schools.id }).from(schools).limit(1);
  if (existing) throw new AppError('setup.already_done');
  const demo = generateDemoSchool();
  const [school] = await tx
    .insert(schools)
    .values({
      name: 'МБОУ «Демонстрационная СОШ»',
      timeZone: 'Europe/Moscow',
      joinCode: newJoinCode(),
      academicYear: academicYearAt(now, 'Europe/Moscow'),
      subjectTeachersInParentChats: false,
      createdAt: now,
    })
    .returning();
  const schoolId = school!.id;
  const { passwordHash } = input;
  const everyone = [...demo.staff, ...demo.students, ...demo.parents];
  const inserted = await tx
    .insert(users)
    .values(
      everyone.map((p) => ({
        schoolId,
        fullName: p.fullName,
        login: p.login,
        passwordHash,
        roles: p.roles,
        createdAt: now,
      })),
    )
    .returning({ id: users.id, login: users.login });
  const idOf = new Map(everyone.map((p, i) => [p.key, inserted[i]!.id]));
  const id = (key: string) => idOf.get(key)!;

  const classRows = await tx
    .insert(classes)
    .values(
      demo.classes.map((c) => ({
        schoolId,
        grade: c.grade,
        letter: c.letter,
        academicYear: school!.academicYear,
        classTeacherId: id(c.classTeacher),
        createdAt: now,
      })),
    )
    .returning({ id: classes.id });
  for (const [i, c] of demo.classes.entries()) {
    const classId = classRows[i]!.id;
    await tx
      .update(users)
      .set({ classId })
      .where(
        sql`${users.id} in (${sql.join(
          c.students.map((key) => sql`${id(key)}`),
          sql`, `,
        )})`,
      );
    if (c.subjects.length > 0) {
      await tx
        .insert(subjectTeachers)
        .values(c.subjects.map(([teacher, subject]) => ({ classId, teacherId: id(teacher), subject })))
        .onConflictDoNothing();
    }
  }
  const leaders = [...new Set(demo.classes.map((c) => id(c.classTeacher)))];
  await tx
    .update(users)
    .set({ roles: sql`array_append(${users.roles}, 'class_teacher')` })
    .where(
      sql`${users.id} in (${sql.join(
        leaders.map((leader) => sql`${leader}`),
        sql`, `,
      )})`,
    );
  await tx
    .insert(guardianships)
    .values(
      demo.parents.flatMap((p) => p.children.map((child) => ({ parentId: id(p.key), studentId: id(child) }))),
    );
  await tx
    .insert(committeeMembers)
    .values(demo.committee.map((c) => ({ classId: classRows[c.classIndex]!.id, parentId: id(c.parent) })));
  return {
    result: { schoolId, people: everyone.length },
    schoolId,
    events: await syncStructuralChats(tx, schoolId, now),
    audit: { type: 'school.demo', schoolId, data: { people: everyone.length, classes: demo.classes.length } },
  };
};
