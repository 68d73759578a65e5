import type { Role, TClassSummary } from '@parta/protocol';
import { me } from '../../state/session.js';

const staffRoles: readonly Role[] = ['admin', 'administration', 'class_teacher', 'teacher', 'staff'];

/** What the reader may do here; the server enforces the same rules (org/policy.ts) and answers 403. */
export interface ClassAccess {
  /** build the class: teachers, students, transfers (the admin) */
  manage: boolean;
  /** the class's own matters: parents linked, the committee (the admin, or its class teacher) */
  edit: boolean;
  /** open person cards (staff) */
  openPeople: boolean;
}

export function classAccess(card: TClassSummary): ClassAccess {
  const person = me.value!;
  const has = (role: Role) => person.roles.includes(role);
  const active = !card.archived;
  const manage = active && has('admin');
  const leads = has('class_teacher') && card.classTeacher?.id === person.id;
  return {
    manage,
    edit: manage || (active && leads),
    openPeople: person.roles.some((role) => staffRoles.includes(role)),
  };
}
