import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { users } from '../../db/schema.js';
import { AppError } from '../../infra/errors.js';

/** Refuses to leave the school without an admin (the other admins are locked while this holds). */
export async function ensureAnotherAdmin(tx: Tx, schoolId: number, leavingId: number): Promise<void> {
  const others = await tx
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.schoolId, schoolId),
        ne(users.id, leavingId),
        isNull(users.leftAt),
        sql`${users.roles} @> array['admin']::text[]`,
      ),
    )
    .for('update');
  if (others.length === 0) throw new AppError('org.last_admin');
}
