import { and, eq, isNull } from 'drizzle-orm';
import { chatMembers, chats, classes, committeeMembers, sessions, users } from '../../../db/schema.js';
import type { Action } from '../../../infra/actions.js';
import { AppError } from '../../../infra/errors.js';
import type { EventDraft } from '../../../infra/events.js';
import { ensureAnotherAdmin } from '../admins.js';
import { beginStructureChange } from '../change.js';
import { findPerson } from '../load.js';
import { canManageStructure } from '../policy.js';
import { syncStructuralChats } from '../sync.js';

/**
 * «Выбыл из школы»: the person leaves every chat and can no longer log in;
 * their old messages keep their name. Classes they led lose their class teacher.
 */
export const removePerson: Action<{ personId: number }, null> = async ({ tx, actor, now }, input) => {
  const { school } = await beginStructureChange(tx, actor, canManageStructure);
  const person = await findPerson(tx, school.id, input.personId, true);
  if (person.leftAt) throw new AppError('org.person_left');
  if (person.roles.includes('admin')) await ensureAnotherAdmin(tx, school.id, person.id);
  await tx.update(users).set({ leftAt: now }).where(eq(users.id, person.id));
  await tx.update(classes).set({ classTeacherId: null }).where(eq(classes.classTeacherId, person.id));
  await tx.delete(committeeMembers).where(eq(committeeMembers.parentId, person.id));
  await tx.delete(sessions).where(eq(sessions.userId, person.id));
  const events: EventDraft[] = [];
  const otherChats = await tx
    .select({ chatId: chatMembers.chatId })
    .from(chatMembers)
    .innerJoin(chats, eq(chats.id, chatMembers.chatId))
    .where(and(eq(chatMembers.userId, person.id), isNull(chats.structuralKey)));
  for (const { chatId } of otherChats) {
    await tx
      .delete(chatMembers)
      .where(and(eq(chatMembers.chatId, chatId), eq(chatMembers.userId, person.id)));
    const rest = await tx
      .select({ userId: chatMembers.userId })
      .from(chatMembers)
      .where(eq(chatMembers.chatId, chatId));
    events.push({
      payload: { type: 'chats.remove_members', chatId, userIds: [person.id], memberCount: rest.length },
      userIds: [...rest.map((r) => r.userId), person.id],
    });
  }
  events.push(...(await syncStructuralChats(tx, school.id, now)));
  return { result: null, events, audit: { type: 'people.leave', subjectId: person.id } };
};
