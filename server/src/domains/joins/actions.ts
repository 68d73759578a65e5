import type { InviteRole, Role } from '@parta/protocol';
import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { joinRequests } from '../../db/schema.js';
import type { Action } from '../../infra/actions.js';
import type { Person } from '../../infra/actor.js';
import { AppError } from '../../infra/errors.js';
import type { EventDraft } from '../../infra/events.js';
import { enforce, requirePerson } from '../../infra/require.js';
import { classTeacherOf } from '../invites/load.js';
import { canReviewJoins } from '../invites/policy.js';
import { lockStructure } from '../org/change.js';
import { canSeeClassMatters } from '../org/policy.js';
import { admit, reviewersOf } from './admit.js';

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
