import type { Role, TPersonSummary } from '@parta/protocol';
import { asc, eq } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { schools, users } from '../../db/schema.js';

export async function isSetUp(db: Queryable): Promise<boolean> {
  const [row] = await db.select({ id: schools.id }).from(schools).limit(1);
  return row !== undefined;
}

/** Names and roles only: contact data stays with the person and the admins. */
export async function listPeople(db: Queryable, schoolId: number): Promise<TPersonSummary[]> {
  const rows = await db
    .select({ id: users.id, fullName: users.fullName, roles: users.roles })
    .from(users)
    .where(eq(users.schoolId, schoolId))
    .orderBy(asc(users.fullName));
  return rows.map((row) => ({ ...row, roles: row.roles as Role[] }));
}
