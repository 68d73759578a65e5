import type { Role } from '@parta/protocol';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Queryable, Tx } from '../../db/client.js';
import { chatMembers, classes, guardianships, users } from '../../db/schema.js';
import type { EventDraft } from '../../infra/events.js';
import { personUpdated } from '../org/change.js';
import { syncStructuralChats } from '../org/sync.js';

export interface Admission {
  userId: number;
  role: Role;
  classId: number | null;
  childId: number | null;
  /** a chat the invite also admits into */
  chatId: number | null;
}

/**
 * Makes people members in the roles they were invited for: the role, the
 * class (a student) or the link to the child (a parent). The structural chats
 * follow, once for all of them, so an admitted parent lands in their child's
 * class chat. The caller holds the school's structure lock (lockStructure):
 * without it, a transfer of the child committed meanwhile would leave the
 * parent in the old class's chat.
 */
export async function admit(
  tx: Tx,
  schoolId: number,
  admissions: readonly Admission[],
  now: Date,
): Promise<EventDraft[]> {
  for (const admission of admissions) await grant(tx, admission);
  const events = await syncStructuralChats(tx, schoolId, now);
  for (const { userId, chatId } of admissions) {
    events.push(personUpdated(userId));
    if (chatId !== null) events.push(...(await joinChat(tx, chatId, userId, now)));
  }
  return events;
}

async function grant(tx: Tx, admission: Admission): Promise<void> {
  const { userId } = admission;
  await tx
    .update(users)
    .set({
      roles: sql`(select array_agg(distinct r) from unnest(array_append(${users.roles}, ${admission.role})) r)`,
    })
    .where(eq(users.id, userId));
  if (admission.role === 'student' && admission.classId !== null) {
    await tx.update(users).set({ classId: admission.classId }).where(eq(users.id, userId));
  }
  if (admission.role === 'parent' && admission.childId !== null) {
    await tx
      .insert(guardianships)
      .values({ parentId: userId, studentId: admission.childId })
      .onConflictDoNothing();
  }
}

async function joinChat(tx: Tx, chatId: number, userId: number, now: Date): Promise<EventDraft[]> {
  const added = await tx
    .insert(chatMembers)
    .values({ chatId, userId, role: 'member', joinedAt: now })
    .onConflictDoNothing()
    .returning({ userId: chatMembers.userId });
  if (added.length === 0) return [];
  const members = await tx
    .select({ userId: chatMembers.userId })
    .from(chatMembers)
    .where(eq(chatMembers.chatId, chatId));
  return [
    {
      payload: { type: 'chats.add_members', chatId, userIds: [userId], memberCount: members.length },
      userIds: members.map((m) => m.userId),
    },
  ];
}

/** Who reviews requests for a class: the school's admins and that class's teacher. */
export async function reviewersOf(
  db: Queryable,
  schoolId: number,
  classId: number | null,
): Promise<number[]> {
  const admins = await db
    .select({ id: users.id })
    .from(users)
    .where(
      and(eq(users.schoolId, schoolId), isNull(users.leftAt), sql`${users.roles} @> array['admin']::text[]`),
    );
  const ids = admins.map((row) => row.id);
  if (classId !== null) {
    const [row] = await db
      .select({ id: classes.classTeacherId })
      .from(classes)
      .where(eq(classes.id, classId));
    if (row?.id) ids.push(row.id);
  }
  return [...new Set(ids)];
}
