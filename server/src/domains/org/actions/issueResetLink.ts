import { and, eq } from 'drizzle-orm';
import { users } from '../../../db/schema.js';
import type { Action } from '../../../infra/actions.js';
import { AppError } from '../../../infra/errors.js';
import { enforce, requirePerson } from '../../../infra/require.js';
import { insertResetLink } from '../../auth/sessions.js';
import { canManagePeople } from '../policy.js';

/** The admin's «выдать ссылку для входа» for someone who forgot their password. */
export const issueResetLink: Action<{ userId: number }, { token: string; expiresAt: Date }> = async (
  { tx, actor, now },
  input,
) => {
  enforce(canManagePeople(actor));
  const admin = requirePerson(actor);
  const [person] = await tx
    .select({ id: users.id, schoolId: users.schoolId })
    .from(users)
    .where(and(eq(users.id, input.userId), eq(users.schoolId, admin.schoolId)));
  if (!person) throw new AppError('people.not_found');
  const link = await insertResetLink(tx, person, admin.userId, now);
  return { result: link, audit: { type: 'auth.reset_link_issue', subjectId: person.id } };
};
