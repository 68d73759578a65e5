import type { InviteRole, Role, TJoinByCodeRequest, TJoinRequest } from '@parta/protocol';
import { belongsToClass, namesChild } from '@parta/protocol';
import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { joinRequests } from '../../db/schema.js';
import type { Action } from '../../infra/actions.js';
import type { Person } from '../../infra/actor.js';
import { AppError } from '../../infra/errors.js';
import type { EventDraft } from '../../infra/events.js';
import { enforce, requirePerson } from '../../infra/require.js';
import type { NewSession } from '../auth/sessions.js';
import { lockStructure } from '../org/change.js';
import { canSeeClassMatters } from '../org/policy.js';
import { admit, reviewersOf } from './admit.js';
import { findChildByName } from './child-name.js';
import { canRequestToJoin, canReviewJoins } from './policy.js';
import { classTeacherOf, findOpenClass, findOwnJoinRequest, findSchoolByCode } from './queries.js';
import { openJoinRequest, resolveApplicant } from './request.js';

/** Locks pending requests of the school the reviewer may decide; others are "not found" or "already decided". */
async function lockPending(tx: Tx, reviewer: Person, ids: number[]) {
  const rows = await tx
    .select()
    .from(joinRequests)
    .where(and(inArray(joinRequests.id, ids), eq(joinRequests.schoolId, reviewer.schoolId)))
    .for('update');
  if (rows.length !== new Set(ids).size) throw new AppError('joins.not_found');
  for (const row of rows) {
    const classTeacherId = await classTeacherOf(tx, reviewer.schoolId, row.classId);
    enforce(canSeeClassMatters(reviewer, classTeacherId, 'joins.not_found'));
    enforce(canReviewJoins(reviewer, { role: row.role as InviteRole, classTeacherId }));
    if (row.status !== 'pending') throw new AppError('joins.already_decided');
  }
  return rows;
}

/** «Одобрить» (one or many): the applicants become members and land in their chats. */
export const approveJoins: Action<{ ids: number[] }, { approved: number }> = async (
  { tx, actor, now },
  input,
) => {
  const reviewer = requirePerson(actor);
  await lockStructure(tx, reviewer.schoolId);
  const rows = await lockPending(tx, reviewer, input.ids);
  const events: EventDraft[] = [];
  for (const row of rows) {
    await tx
      .update(joinRequests)
      .set({ status: 'approved', decidedAt: now, decidedBy: reviewer.userId })
      .where(eq(joinRequests.id, row.id));
    const reviewers = await reviewersOf(tx, reviewer.schoolId, row.classId);
    events.push({
      payload: { type: 'joins.update', requestId: row.id, status: 'approved' },
      userIds: [...reviewers, row.userId],
    });
  }
  const admissions = rows.map((row) => ({
    userId: row.userId,
    role: row.role as Role,
    classId: row.classId,
    childId: row.childId,
    chatId: row.chatId,
  }));
  events.push(...(await admit(tx, reviewer.schoolId, admissions, now)));
  return {
    result: { approved: rows.length },
    events,
    audit: { type: 'joins.approve', data: { ids: rows.map((row) => row.id) } },
  };
};

/** «Отклонить» with a reason the applicant sees. */
export const rejectJoin: Action<{ id: number; reason: string }, null> = async ({ tx, actor, now }, input) => {
  const reviewer = requirePerson(actor);
  const [row] = await lockPending(tx, reviewer, [input.id]);
  await tx
    .update(joinRequests)
    .set({ status: 'rejected', reason: input.reason, decidedAt: now, decidedBy: reviewer.userId })
    .where(eq(joinRequests.id, row!.id));
  const reviewers = await reviewersOf(tx, reviewer.schoolId, row!.classId);
  return {
    result: null,
    events: [
      {
        payload: { type: 'joins.update', requestId: row!.id, status: 'rejected' },
        userIds: [...reviewers, row!.userId],
      },
    ],
    audit: { type: 'joins.reject', subjectId: row!.id },
  };
};

/**
 * «Вступить без приглашения» from the school's public page with its code:
 * always a join request, reviewed by the admins (and the class teacher). A
 * parent names their child by typing the name (child-name.ts).
 */
export const requestToJoin: Action<
  TJoinByCodeRequest & { device: string; passwordHash: string | null },
  { request: TJoinRequest; session: NewSession | null }
> = async ({ tx, actor, now }, input) => {
  const school = await findSchoolByCode(tx, input.code);
  enforce(canRequestToJoin(actor, { schoolId: school.id }));
  const needsClass = belongsToClass(input.role);
  if (needsClass && input.classId === undefined) throw new AppError('joins.class_required');
  const classId = needsClass ? await findOpenClass(tx, school.id, input.classId!) : null;
  const childId = namesChild(input.role) ? await findChildByName(tx, classId!, input.childName) : null;
  const { userId, session } = await resolveApplicant(tx, actor, school.id, input, now);
  const request = await openJoinRequest(
    tx,
    { schoolId: school.id, inviteId: null, userId, role: input.role, classId, childId, chatId: null },
    now,
  );
  return {
    result: { request: await findOwnJoinRequest(tx, actor, request.requestId), session },
    events: request.events,
    schoolId: school.id,
    audit: request.created
      ? { type: 'joins.request', schoolId: school.id, subjectId: request.requestId }
      : null,
  };
};
