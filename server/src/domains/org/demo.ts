import type { Role } from '@parta/protocol';
import { femaleNames, maleNames, patronymics, subjects, surnames } from './demo-names.js';

export interface DemoPerson {
  key: string;
  fullName: string;
  login: string;
  roles: Role[];
}

export interface DemoSchool {
  staff: (DemoPerson & { teaches: string | null })[];
  classes: {
    grade: number;
    letter: string;
    classTeacher: string;
    students: string[];
    subjects: [string, string][];
  }[];
  students: DemoPerson[];
  parents: (DemoPerson & { children: string[] })[];
  committee: { classIndex: number; parent: string }[];
}

/** A small deterministic generator, so every demo school is the same. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * A fictional school: 22 classes 1А–11Б of about 23 students, their parents
 * (some families with two children in different classes), about fifty staff.
 */
export function generateDemoSchool(): DemoSchool {
  const next = random(20260901);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const person = (female: boolean) => {
    const [male, woman] = pick(surnames);
    const given = female ? pick(femaleNames) : pick(maleNames);
    const surname = female ? woman : male;
    return { surname, fullName: `${surname} ${given} ${pick(patronymics)[female ? 1 : 0]}` };
  };

  const staff: DemoSchool['staff'] = [];
  const addStaff = (roles: Role[], teaches: string | null) => {
    const n = staff.length + 1;
    const { fullName } = person(next() < 0.8);
    staff.push({ key: `staff${n}`, fullName, login: `teacher${String(n).padStart(2, '0')}`, roles, teaches });
  };
  addStaff(['administration'], null);
  addStaff(['administration', 'teacher'], 'Русский язык');
  addStaff(['admin', 'teacher'], 'Информатика');
  for (let i = 0; i < 47; i++)
    addStaff(i < 44 ? ['teacher'] : ['staff'], i < 44 ? subjects[i % subjects.length]! : null);
  staff[0]!.login = 'director';
  staff[2]!.login = 'admin';

  const teachers = staff.filter((s) => s.teaches !== null && !s.roles.includes('administration'));
  const classes: DemoSchool['classes'] = [];
  const students: DemoPerson[] = [];
  const parents: DemoSchool['parents'] = [];
  const committee: DemoSchool['committee'] = [];
  let classIndex = 0;
  for (let grade = 1; grade <= 11; grade++) {
    for (const letter of ['А', 'Б']) {
      const classTeacher = teachers[classIndex % teachers.length]!.key;
      const classSubjects = teachers
        .filter((t, i) => i % 4 === classIndex % 4 && t.key !== classTeacher)
        .slice(0, 5)
        .map((t) => [t.key, t.teaches!] as [string, string]);
      const roster: string[] = [];
      const size = 21 + Math.floor(next() * 5);
      for (let i = 0; i < size; i++) {
        const key = `student${students.length + 1}`;
        const child = person(next() < 0.5);
        students.push({
          key,
          fullName: child.fullName,
          login: `student${String(students.length + 1).padStart(4, '0')}`,
          roles: ['student'],
        });
        roster.push(key);
        // One family in seven already has a child in an earlier class: that parent gets a second child.
        const family =
          parents.length > 10 && next() < 0.15 ? parents[Math.floor(next() * parents.length)] : undefined;
        if (family && family.children.length === 1) {
          family.children.push(key);
          continue;
        }
        const mother = `${child.surname.endsWith('а') ? child.surname : `${child.surname}а`}`;
        const add = (fullName: string) => {
          const n = parents.length + 1;
          parents.push({
            key: `parent${n}`,
            fullName,
            login: `parent${String(n).padStart(4, '0')}`,
            roles: ['parent'],
            children: [key],
          });
        };
        add(`${mother.replace(/аа$/, 'а')} ${pick(femaleNames)} ${pick(patronymics)[1]}`);
        if (next() < 0.8)
          add(`${child.surname.replace(/а$/, '')} ${pick(maleNames)} ${pick(patronymics)[0]}`);
      }
      const classParents = parents.filter((p) => p.children.some((c) => roster.includes(c)));
      for (const p of classParents.slice(0, 2)) committee.push({ classIndex, parent: p.key });
      classes.push({ grade, letter, classTeacher, students: roster, subjects: classSubjects });
      classIndex++;
    }
  }
  return { staff, classes, students, parents, committee };
}
