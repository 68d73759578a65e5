import type { Role } from '@parta/protocol';
import { and, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Queryable, Tx } from '../../db/client.js';
import { chatMembers, chats } from '../../db/schema.js';
import type { EventDraft } from '../../infra/events.js';
import { deriveStructuralChats, type MemberRole, type Structure } from './structure.js';

/**
 * Reads the school's structure as the derivation needs it, in one round trip:
 * every structure action runs this, so it is on the path of a transfer.
 */
export async function loadStructure(db: Queryable, schoolId: number): Promise<Structure> {
  const result = await db.execute<{
    subject_teachers: boolean;
    people: [number, Role[], number | null, boolean][];
    classes: [number, number, string, number | null, boolean][];
    subjects: [number, number][];
    guardians: [number, number][];
    committee: [number, number][];
  }>(sql`select
    (select subject_teachers_in_parent_chats from schools where id = ${schoolId}) as subject_teachers,
    (select coalesce(json_agg(json_build_array(id, roles, class_id, left_at is not null)), '[]')
      from users where school_id = ${schoolId}) as people,
    (select coalesce(json_agg(json_build_array(id, grade, letter, class_teacher_id, archived_at is not null)), '[]')
      from classes where school_id = ${schoolId}) as classes,
    (select coalesce(json_agg(json_build_array(st.class_id, st.teacher_id)), '[]')
      from subject_teachers st join classes c on c.id = st.class_id where c.school_id = ${schoolId}) as subjects,
    (select coalesce(json_agg(json_build_array(g.parent_id, g.student_id)), '[]')
      from guardianships g join users s on s.id = g.student_id where s.school_id = ${schoolId}) as guardians,
    (select coalesce(json_agg(json_build_array(cm.class_id, cm.parent_id)), '[]')
      from committee_members cm join classes c on c.id = cm.class_id where c.school_id = ${schoolId}) as committee`);
  const row = result.rows[0]!;
  return {
    subjectTeachersInParentChats: row.subject_teachers ?? false,
    people: row.people.map(([id, roles, classId, left]) => ({ id, roles, classId, left })),
    classes: row.classes.map(([id, grade, letter, classTeacherId, archived]) => ({
      id,
      grade,
      letter,
      classTeacherId,
      archived,
    })),
    subjectTeachers: row.subjects.map(([classId, teacherId]) => ({ classId, teacherId })),
    guardianships: row.guardians.map(([parentId, studentId]) => ({ parentId, studentId })),
    committee: row.committee.map(([classId, parentId]) => ({ classId, parentId })),
  };
}

/** The stored members of the school's live structural chats, by structural key. */
export async function loadStructuralMembers(db: Queryable, schoolId: number) {
  const rows = await db
    .select({
      chatId: chats.id,
      key: chats.structuralKey,
      title: chats.title,
      userId: chatMembers.userId,
      role: chatMembers.role,
    })
    .from(chats)
    .leftJoin(chatMembers, eq(chatMembers.chatId, chats.id))
    .where(and(eq(chats.schoolId, schoolId), isNotNull(chats.structuralKey), isNull(chats.archivedAt)));
  const byKey = new Map<string, { chatId: number; title: string; members: Map<number, MemberRole> }>();
  for (const row of rows) {
    const entry = byKey.get(row.key!) ?? { chatId: row.chatId, title: row.title, members: new Map() };
    if (row.userId !== null) entry.members.set(row.userId, row.role as MemberRole);
    byKey.set(row.key!, entry);
  }
  return byKey;
}

/**
 * Makes every live structural chat of the school hold exactly the members the
 * structure says (structure.ts), creating chats a new class needs and renaming
 * those whose class moved up. Runs inside the action that changed the
 * structure; returns the events that tell everyone concerned.
 */
export async function syncStructuralChats(tx: Tx, schoolId: number, now: Date): Promise<EventDraft[]> {
  const desired = deriveStructuralChats(await loadStructure(tx, schoolId));
  const stored = await loadStructuralMembers(tx, schoolId);
  const events: EventDraft[] = [];

  for (const chat of desired) {
    const current = stored.get(chat.key);
    const everyone = [...chat.members.keys()];
    if (!current) {
      const [created] = await tx
        .insert(chats)
        .values({
          schoolId,
          kind: chat.kind,
          title: chat.title,
          structuralKey: chat.key,
          classId: chat.classId,
          createdAt: now,
        })
        .returning({ id: chats.id });
      if (everyone.length > 0) {
        await tx.insert(chatMembers).values(
          everyone.map((userId) => ({
            chatId: created!.id,
            userId,
            role: chat.members.get(userId)!,
            joinedAt: now,
          })),
        );
      }
      events.push({
        payload: {
          type: 'chats.create',
          chatId: created!.id,
          title: chat.title,
          memberCount: everyone.length,
        },
        userIds: everyone,
      });
      continue;
    }
    const { chatId } = current;
    if (current.title !== chat.title) {
      await tx.update(chats).set({ title: chat.title }).where(eq(chats.id, chatId));
      events.push({
        payload: { type: 'chats.update', chatId, title: chat.title, archived: false },
        userIds: everyone,
      });
    }
    const added = everyone.filter((id) => !current.members.has(id));
    const removed = [...current.members.keys()].filter((id) => !chat.members.has(id));
    const promoted = everyone.filter(
      (id) => current.members.has(id) && current.members.get(id) !== chat.members.get(id),
    );
    if (removed.length > 0) {
      await tx
        .delete(chatMembers)
        .where(and(eq(chatMembers.chatId, chatId), inArray(chatMembers.userId, removed)));
      events.push({
        payload: { type: 'chats.remove_members', chatId, userIds: removed, memberCount: everyone.length },
        userIds: [...everyone, ...removed],
      });
    }
    if (added.length > 0) {
      await tx
        .insert(chatMembers)
        .values(added.map((userId) => ({ chatId, userId, role: chat.members.get(userId)!, joinedAt: now })));
      events.push({
        payload: { type: 'chats.add_members', chatId, userIds: added, memberCount: everyone.length },
        userIds: everyone,
      });
    }
    for (const userId of promoted) {
      await tx
        .update(chatMembers)
        .set({ role: chat.members.get(userId)! })
        .where(and(eq(chatMembers.chatId, chatId), eq(chatMembers.userId, userId)));
    }
  }
  return events;
}

/** Archives the chats of graduated classes: read-only, members kept as they were. */
export async function archiveClassChats(tx: Tx, classIds: number[], now: Date): Promise<EventDraft[]> {
  if (classIds.length === 0) return [];
  const archived = await tx
    .update(chats)
    .set({ archivedAt: now })
    .where(and(inArray(chats.classId, classIds), isNull(chats.archivedAt)))
    .returning({ id: chats.id, title: chats.title });
  const events: EventDraft[] = [];
  for (const chat of archived) {
    const members = await tx
      .select({ userId: chatMembers.userId })
      .from(chatMembers)
      .where(eq(chatMembers.chatId, chat.id));
    events.push({
      payload: { type: 'chats.update', chatId: chat.id, title: chat.title, archived: true },
      userIds: members.map((m) => m.userId),
    });
  }
  return events;
}
