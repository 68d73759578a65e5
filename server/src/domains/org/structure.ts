import type { Role } from '@parta/protocol';
import { staffRoles, teachingRoles } from '@parta/protocol';
import { className } from './calendar.js';

/** Everything structural chats depend on, as plain data. */
export interface Structure {
  subjectTeachersInParentChats: boolean;
  people: { id: number; roles: readonly Role[]; classId: number | null; left: boolean }[];
  classes: { id: number; grade: number; letter: string; classTeacherId: number | null; archived: boolean }[];
  subjectTeachers: { classId: number; teacherId: number }[];
  guardianships: { parentId: number; studentId: number }[];
  committee: { classId: number; parentId: number }[];
}

export type StructuralKind =
  | 'staff'
  | 'director_staff'
  | 'director_committee'
  | 'class_parents'
  | 'class_students';
export type MemberRole = 'owner' | 'member';

export interface StructuralChat {
  /** stable name of the chat within the school: 'staff', 'class:12:parents', … */
  key: string;
  kind: StructuralKind;
  title: string;
  classId: number | null;
  members: Map<number, MemberRole>;
}

/**
 * The structural chats of a school and who belongs in each, computed from
 * scratch (DESIGN §4, regulation §4.1–4.3). Every action that changes the
 * structure makes the stored chats equal this again, in its transaction.
 * Graduated (archived) classes are not here: their chats keep their last
 * members as read-only history.
 */
export function deriveStructuralChats(structure: Structure): StructuralChat[] {
  const present = structure.people.filter((person) => !person.left);
  const byId = new Map(present.map((person) => [person.id, person]));
  const withRole = (...roles: Role[]) => present.filter((p) => p.roles.some((role) => roles.includes(role)));
  const owners = (ids: number[]) => new Map(ids.map((id) => [id, 'owner' as MemberRole]));
  const add = (members: Map<number, MemberRole>, ids: Iterable<number>) => {
    for (const id of ids) if (byId.has(id) && !members.has(id)) members.set(id, 'member');
  };

  const leaders = withRole('administration').map((p) => p.id);
  const staff = owners(withRole('admin', 'administration').map((p) => p.id));
  add(
    staff,
    withRole(...staffRoles).map((p) => p.id),
  );
  const directorStaff = owners(leaders);
  add(
    directorStaff,
    withRole(...teachingRoles).map((p) => p.id),
  );

  const activeClasses = structure.classes.filter((c) => !c.archived);
  const studentsOf = new Map<number, number[]>();
  const parentsOf = new Map<number, Set<number>>();
  for (const schoolClass of activeClasses) {
    const students = present
      .filter((p) => p.classId === schoolClass.id && p.roles.includes('student'))
      .map((p) => p.id);
    const studentSet = new Set(students);
    studentsOf.set(schoolClass.id, students);
    parentsOf.set(
      schoolClass.id,
      new Set(structure.guardianships.filter((g) => studentSet.has(g.studentId)).map((g) => g.parentId)),
    );
  }
  // A committee flag counts while the parent still has a child in that class.
  const directorCommittee = owners(leaders);
  add(
    directorCommittee,
    structure.committee
      .filter((row) => parentsOf.get(row.classId)?.has(row.parentId))
      .map((row) => row.parentId),
  );

  const chats: StructuralChat[] = [
    { key: 'staff', kind: 'staff', title: 'Педагоги школы', classId: null, members: staff },
    {
      key: 'director_staff',
      kind: 'director_staff',
      title: 'Директор — педагоги',
      classId: null,
      members: directorStaff,
    },
    {
      key: 'director_committee',
      kind: 'director_committee',
      title: 'Директор — родительский комитет',
      classId: null,
      members: directorCommittee,
    },
  ];

  for (const schoolClass of activeClasses) {
    const name = className(schoolClass.grade, schoolClass.letter);
    const teacher = schoolClass.classTeacherId !== null && byId.has(schoolClass.classTeacherId);
    const students = studentsOf.get(schoolClass.id) ?? [];
    const parents = parentsOf.get(schoolClass.id) ?? [];

    const parentsChat = owners(teacher ? [schoolClass.classTeacherId!] : []);
    add(parentsChat, parents);
    if (structure.subjectTeachersInParentChats) {
      add(
        parentsChat,
        structure.subjectTeachers.filter((row) => row.classId === schoolClass.id).map((row) => row.teacherId),
      );
    }
    const studentsChat = owners(teacher ? [schoolClass.classTeacherId!] : []);
    add(studentsChat, students);

    chats.push(
      {
        key: `class:${schoolClass.id}:parents`,
        kind: 'class_parents',
        title: `${name} — родители`,
        classId: schoolClass.id,
        members: parentsChat,
      },
      {
        key: `class:${schoolClass.id}:students`,
        kind: 'class_students',
        title: `${name} — ученики`,
        classId: schoolClass.id,
        members: studentsChat,
      },
    );
  }
  return chats;
}
