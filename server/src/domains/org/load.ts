import type { Role } from '@parta/protocol';
import { and, eq } from 'drizzle-orm';
import type { Queryable, Tx } from '../../db/client.js';
import { classes, users } from '../../db/schema.js';
import { AppError } from '../../infra/errors.js';
import { className } from './calendar.js';

/** A class of the school, locked for the action that changes it; another school's is "not found". */
export async function lockClass(tx: Tx, schoolId: number, classId: number) {
  const [row] = await tx
    .select()
    .from(classes)
    .where(and(eq(classes.id, classId), eq(classes.schoolId, schoolId)))
    .for('update');
  if (!row) throw new AppError('classes.not_found');
  return { ...row, name: className(row.grade, row.letter) };
}

/** A person of the school, optionally locked; another school's is "not found". */
export async function findPerson(db: Queryable, schoolId: number, personId: number, lock = false) {
  const query = db
    .select()
    .from(users)
    .where(and(eq(users.id, personId), eq(users.schoolId, schoolId)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw new AppError('people.not_found');
  return { ...row, roles: row.roles as Role[] };
}

/** The same, for someone who must still be at the school and hold one of `roles`. */
export async function findPresentPerson(
  db: Queryable,
  schoolId: number,
  personId: number,
  roles: readonly Role[],
  missingRole: 'org.not_a_student' | 'org.not_a_parent' | 'org.not_a_teacher',
) {
  const person = await findPerson(db, schoolId, personId);
  if (person.leftAt) throw new AppError('org.person_left');
  if (!person.roles.some((role) => roles.includes(role))) throw new AppError(missingRole);
  return person;
}

/** A class of the school for reading; another school's is "not found". */
export async function findClass(db: Queryable, schoolId: number, classId: number) {
  const [row] = await db
    .select()
    .from(classes)
    .where(and(eq(classes.id, classId), eq(classes.schoolId, schoolId)));
  if (!row) throw new AppError('classes.not_found');
  return row;
}
