import type { TJoinByCodeRequest } from '@parta/protocol';
import { and, eq, isNull } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { classes, schools } from '../../db/schema.js';
import type { Action } from '../../infra/actions.js';
import { AppError } from '../../infra/errors.js';
import type { NewSession } from '../auth/sessions.js';
import { findChildByName } from './child-name.js';
import { openJoinRequest, registerApplicant } from './request.js';

export async function findSchoolByCode(db: Queryable, code: string) {
  const [school] = /^\d{8}$/.test(code)
    ? await db.select().from(schools).where(eq(schools.joinCode, code))
    : [];
  if (!school) throw new AppError('schools.code_invalid');
  return school;
}

/** A present class of the school, or "not found". */
export async function findOpenClass(db: Queryable, schoolId: number, classId: number) {
  const [row] = await db
    .select({ id: classes.id })
    .from(classes)
    .where(and(eq(classes.id, classId), eq(classes.schoolId, schoolId), isNull(classes.archivedAt)));
  if (!row) throw new AppError('classes.not_found');
  return row.id;
}

/**
 * «Вступить без приглашения» from the school's public page with its code:
 * always a join request, reviewed by the admins (and the class teacher). A
 * parent names their child by typing the name (child-name.ts).
 */
export const requestToJoin: Action<
  TJoinByCodeRequest & { device: string; passwordHash: string | null },
  { requestId: number; session: NewSession | null; schoolId: number; userId: number }
> = async ({ tx, actor, now }, input) => {
  const school = await findSchoolByCode(tx, input.code);
  const needsClass = input.role === 'parent' || input.role === 'student';
  if (needsClass && input.classId === undefined) throw new AppError('joins.class_required');
  const classId = needsClass ? await findOpenClass(tx, school.id, input.classId!) : null;
  const childId = input.role === 'parent' ? await findChildByName(tx, classId!, input.childName) : null;
  let userId: number;
  let session: NewSession | null = null;
  if (actor.kind === 'person') {
    if (actor.schoolId !== school.id) throw new AppError('schools.code_invalid');
    userId = actor.userId;
  } else if (!input.register) {
    throw new AppError('invites.login_required');
  } else {
    ({ userId, session } = await registerApplicant(
      tx,
      school.id,
      { ...input.register, passwordHash: input.passwordHash },
      input.device,
      now,
    ));
  }
  const request = await openJoinRequest(
    tx,
    { schoolId: school.id, inviteId: null, userId, role: input.role, classId, childId, chatId: null },
    now,
  );
  return {
    result: { requestId: request.requestId, session, schoolId: school.id, userId },
    events: request.events,
    schoolId: school.id,
    audit: request.created
      ? { type: 'joins.request', schoolId: school.id, subjectId: request.requestId }
      : null,
  };
};
