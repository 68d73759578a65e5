import type { Role } from '@parta/protocol';
import { staffRoles } from '@parta/protocol';
import { allow, deny, type Verdict } from '../../infra/verdict.js';
import { className } from './calendar.js';
import type { Structure } from './structure.js';

export interface DirectSettings {
  parentToParent: boolean;
  studentToStudent: boolean;
}

const leadership: Role[] = ['admin', 'administration'];
const isAny = (roles: readonly Role[], wanted: readonly Role[]) =>
  roles.some((role) => wanted.includes(role));

/**
 * Who may start a direct chat with whom (issue #6, the school's settings):
 * the school's leadership with anyone and anyone with them; staff with
 * staff; teachers with the students and parents of the classes they teach;
 * a parent with their own child; parent ↔ parent and student ↔ student only
 * when the school allows it, and then within their (children's) classes. Everything else is off, and so is everything
 * for someone without a role (an applicant).
 */
export class DirectRules {
  readonly #people: Map<number, Structure['people'][number]>;
  /** classes a person teaches (class teacher or subject teacher) */
  readonly #taught = new Map<number, Set<number>>();
  /** a student's class and a parent's children's classes */
  readonly #classesOf = new Map<number, Set<number>>();
  readonly #family = new Set<string>();
  readonly #classNames = new Map<number, string>();

  constructor(
    structure: Structure,
    private readonly settings: DirectSettings,
  ) {
    this.#people = new Map(structure.people.filter((p) => !p.left).map((p) => [p.id, p]));
    const live = structure.classes.filter((c) => !c.archived);
    const liveIds = new Set(live.map((c) => c.id));
    const put = (map: Map<number, Set<number>>, key: number, classId: number) => {
      if (liveIds.has(classId)) map.set(key, (map.get(key) ?? new Set()).add(classId));
    };
    for (const c of live) {
      this.#classNames.set(c.id, className(c.grade, c.letter));
      if (c.classTeacherId !== null) put(this.#taught, c.classTeacherId, c.id);
    }
    for (const row of structure.subjectTeachers) put(this.#taught, row.teacherId, row.classId);
    for (const person of this.#people.values()) {
      if (person.classId !== null && person.roles.includes('student'))
        put(this.#classesOf, person.id, person.classId);
    }
    for (const { parentId, studentId } of structure.guardianships) {
      this.#family.add(`${parentId}:${studentId}`);
      const childClass = this.#people.get(studentId)?.classId;
      if (childClass) put(this.#classesOf, parentId, childClass);
    }
  }

  verdict(fromId: number, toId: number): Verdict {
    if (fromId === toId) return deny('chats.direct_self');
    const from = this.#people.get(fromId);
    const to = this.#people.get(toId);
    if (!from || !to) return deny('people.not_found');
    // An applicant waiting for review (or turned down) has no role: nobody to write to, nobody writes to them.
    if (from.roles.length === 0 || to.roles.length === 0) return deny('chats.direct_denied');
    if (isAny(from.roles, leadership) || isAny(to.roles, leadership)) return allow;
    if (isAny(from.roles, staffRoles) && isAny(to.roles, staffRoles)) return allow;
    if (this.#teaches(fromId, toId) || this.#teaches(toId, fromId)) return allow;
    if (this.#family.has(`${fromId}:${toId}`) || this.#family.has(`${toId}:${fromId}`)) return allow;
    const both = (role: Role) => from.roles.includes(role) && to.roles.includes(role);
    // Even when the school allows it, families meet only within their children's classes.
    const classmates = this.#shareClass(fromId, toId);
    if (both('parent') && this.settings.parentToParent && classmates) return allow;
    if (both('student') && this.settings.studentToStudent && classmates) return allow;
    return deny('chats.direct_denied');
  }

  /** the class names that place a person in the school, for telling namesakes apart */
  classNamesOf(personId: number): string[] {
    const ids = new Set([...(this.#taught.get(personId) ?? []), ...(this.#classesOf.get(personId) ?? [])]);
    return [...ids].map((id) => this.#classNames.get(id)!).sort((a, b) => a.localeCompare(b, 'ru'));
  }

  #shareClass(aId: number, bId: number): boolean {
    const theirs = this.#classesOf.get(bId);
    for (const classId of this.#classesOf.get(aId) ?? []) if (theirs?.has(classId)) return true;
    return false;
  }

  #teaches(teacherId: number, otherId: number): boolean {
    const taught = this.#taught.get(teacherId);
    if (!taught) return false;
    for (const classId of this.#classesOf.get(otherId) ?? []) if (taught.has(classId)) return true;
    return false;
  }
}
