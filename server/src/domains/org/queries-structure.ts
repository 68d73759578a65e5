import type { TClassCard, TClassSummary, TPersonCard, TSchoolStructure } from '@parta/protocol';
import { sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { AppError } from '../../infra/errors.js';
import { className } from './calendar.js';

interface ClassRow extends Record<string, unknown> {
  id: number;
  grade: number;
  letter: string;
  academic_year: number;
  archived: boolean;
  teacher_id: number | null;
  teacher_name: string | null;
  students: number;
  parents_linked: number;
  parents_joined: number;
  teachers: number;
}

/** The classes with their counts: the admin's school grid. */
async function classSummaries(db: Queryable, schoolId: number, classId?: number): Promise<TClassSummary[]> {
  const result = await db.execute<ClassRow>(sql`
    select c.id, c.grade, c.letter, c.academic_year, c.archived_at is not null as archived,
      t.id as teacher_id, t.full_name as teacher_name,
      (select count(*)::int from users s
        where s.class_id = c.id and s.left_at is null and 'student' = any(s.roles)) as students,
      (select count(distinct g.parent_id)::int from guardianships g
        join users s on s.id = g.student_id join users p on p.id = g.parent_id
        where s.class_id = c.id and s.left_at is null and p.left_at is null) as parents_linked,
      (select count(distinct g.parent_id)::int from guardianships g
        join users s on s.id = g.student_id join users p on p.id = g.parent_id
        where s.class_id = c.id and s.left_at is null and p.left_at is null
          and p.password_hash is not null) as parents_joined,
      (select count(*)::int from (select c.class_teacher_id as teacher
        union select st.teacher_id from subject_teachers st where st.class_id = c.id) q
        where q.teacher is not null) as teachers
    from classes c left join users t on t.id = c.class_teacher_id
    where c.school_id = ${schoolId}
      ${classId === undefined ? sql`and c.archived_at is null` : sql`and c.id = ${classId}`}
    order by c.grade, c.letter`);
  return result.rows.map((row) => ({
    id: row.id,
    name: className(row.grade, row.letter),
    grade: row.grade,
    letter: row.letter,
    academicYear: row.academic_year,
    archived: row.archived,
    classTeacher: row.teacher_id ? { id: row.teacher_id, fullName: row.teacher_name! } : null,
    counts: {
      students: row.students,
      parentsLinked: row.parents_linked,
      parentsJoined: row.parents_joined,
      teachers: row.teachers,
    },
  }));
}

export async function schoolStructure(db: Queryable, schoolId: number): Promise<TSchoolStructure> {
  const school = await db.execute<{
    name: string;
    time_zone: string;
    join_code: string;
    academic_year: number;
    subject_teachers: boolean;
    direct_parent_to_parent: boolean;
    direct_student_to_student: boolean;
  }>(sql`select name, time_zone, join_code, academic_year, subject_teachers_in_parent_chats as subject_teachers,
      direct_parent_to_parent, direct_student_to_student
    from schools where id = ${schoolId}`);
  const row = school.rows[0]!;
  return {
    school: {
      name: row.name,
      timeZone: row.time_zone,
      joinCode: row.join_code,
      academicYear: row.academic_year,
      subjectTeachersInParentChats: row.subject_teachers,
      directParentToParent: row.direct_parent_to_parent,
      directStudentToStudent: row.direct_student_to_student,
    },
    classes: await classSummaries(db, schoolId),
  };
}

interface Ref extends Record<string, unknown> {
  id: number;
  full_name: string;
}

/** A class with its students (and each one's parents), subject teachers and committee. */
export async function classCard(
  db: Queryable,
  schoolId: number,
  classId: number,
): Promise<Omit<TClassCard, 'policies'>> {
  const [summary] = await classSummaries(db, schoolId, classId);
  if (!summary) throw new AppError('classes.not_found');
  const students = await db.execute<
    Ref & { parents: { id: number; fullName: string; joined: boolean }[] }
  >(sql`
    select s.id, s.full_name, coalesce(json_agg(json_build_object('id', p.id, 'fullName', p.full_name,
        'joined', p.password_hash is not null) order by p.full_name) filter (where p.id is not null), '[]') as parents
    from users s
    left join guardianships g on g.student_id = s.id
    left join users p on p.id = g.parent_id and p.left_at is null
    where s.class_id = ${classId} and s.left_at is null and 'student' = any(s.roles)
    group by s.id order by s.full_name`);
  const subjects = await db.execute<Ref & { subject: string }>(sql`
    select u.id, u.full_name, st.subject from subject_teachers st join users u on u.id = st.teacher_id
    where st.class_id = ${classId} order by st.subject, u.full_name`);
  const committee = await db.execute<Ref>(sql`
    select u.id, u.full_name from committee_members cm join users u on u.id = cm.parent_id
    where cm.class_id = ${classId} and u.left_at is null order by u.full_name`);
  return {
    ...summary,
    students: students.rows.map((row) => ({ id: row.id, fullName: row.full_name, parents: row.parents })),
    subjectTeachers: subjects.rows.map((row) => ({
      teacher: { id: row.id, fullName: row.full_name },
      subject: row.subject,
    })),
    committee: committee.rows.map((row) => ({ id: row.id, fullName: row.full_name })),
  };
}

/** A person with roles, class, children, parents and the classes they lead; contacts only when asked. */
export async function personCard(
  db: Queryable,
  schoolId: number,
  personId: number,
  withContacts: boolean,
): Promise<Omit<TPersonCard, 'policies'>> {
  const people = await db.execute<
    Ref & { roles: string[]; left: boolean; login: string; email: string | null; phone: string | null }
  >(sql`
    select id, full_name, roles, left_at is not null as left, login, email, phone from users
    where id = ${personId} and school_id = ${schoolId}`);
  const person = people.rows[0];
  if (!person) throw new AppError('people.not_found');
  const classRow = await db.execute<{ id: number; grade: number; letter: string }>(sql`
    select c.id, c.grade, c.letter from users u join classes c on c.id = u.class_id where u.id = ${personId}`);
  const children = await db.execute<Ref & { grade: number | null; letter: string | null }>(sql`
    select s.id, s.full_name, c.grade, c.letter from guardianships g join users s on s.id = g.student_id
    left join classes c on c.id = s.class_id where g.parent_id = ${personId} and s.left_at is null order by s.full_name`);
  const parents = await db.execute<Ref>(sql`
    select p.id, p.full_name from guardianships g join users p on p.id = g.parent_id
    where g.student_id = ${personId} and p.left_at is null order by p.full_name`);
  const leads = await db.execute<{ id: number; grade: number; letter: string }>(sql`
    select id, grade, letter from classes where class_teacher_id = ${personId} and archived_at is null
    order by grade, letter`);
  const schoolClass = classRow.rows[0];
  return {
    id: person.id,
    fullName: person.full_name,
    roles: person.roles as TPersonCard['roles'],
    left: person.left,
    class: schoolClass
      ? { id: schoolClass.id, name: className(schoolClass.grade, schoolClass.letter) }
      : null,
    children: children.rows.map((row) => ({
      id: row.id,
      fullName: row.full_name,
      className: row.grade === null ? null : className(row.grade, row.letter!),
    })),
    parents: parents.rows.map((row) => ({ id: row.id, fullName: row.full_name })),
    leads: leads.rows.map((row) => ({ id: row.id, name: className(row.grade, row.letter) })),
    contacts: withContacts ? { login: person.login, email: person.email, phone: person.phone } : null,
  };
}
