import { and, eq, inArray } from 'drizzle-orm';
import { committeeMembers, guardianships, users } from '../../../db/schema.js';
import type { Action } from '../../../infra/actions.js';
import { AppError } from '../../../infra/errors.js';
import { enforce } from '../../../infra/require.js';
import { beginStructureChange } from '../change.js';
import { lockClass } from '../load.js';
import { canEditClass } from '../policy.js';
import { syncStructuralChats } from '../sync.js';

/** Puts a parent on (or off) the class's parent committee: the director's committee chat follows. */
export const setCommitteeMember: Action<
  { classId: number; parentId: number; member: boolean },
  null
> = async ({ tx, actor, now }, input) => {
  const { school } = await beginStructureChange(tx, actor, canEditClass);
  const schoolClass = await lockClass(tx, school.id, input.classId);
  enforce(canEditClass(actor, schoolClass));
  if (input.member) {
    const students = tx.select({ id: users.id }).from(users).where(eq(users.classId, schoolClass.id));
    const [child] = await tx
      .select({ studentId: guardianships.studentId })
      .from(guardianships)
      .where(and(eq(guardianships.parentId, input.parentId), inArray(guardianships.studentId, students)))
      .limit(1);
    if (!child) throw new AppError('org.not_class_parent');
    await tx
      .insert(committeeMembers)
      .values({ classId: schoolClass.id, parentId: input.parentId })
      .onConflictDoNothing();
  } else {
    await tx
      .delete(committeeMembers)
      .where(
        and(eq(committeeMembers.classId, schoolClass.id), eq(committeeMembers.parentId, input.parentId)),
      );
  }
  return {
    result: null,
    events: await syncStructuralChats(tx, school.id, now),
    audit: {
      type: 'classes.set_committee',
      subjectId: schoolClass.id,
      data: { parentId: input.parentId, member: input.member },
    },
  };
};
