import type { TCreateInviteRequest } from '@parta/protocol';
import { invites } from '../../../db/schema.js';
import type { Action } from '../../../infra/actions.js';
import { AppError } from '../../../infra/errors.js';
import { enforce, requirePerson } from '../../../infra/require.js';
import { hashToken, newToken } from '../../auth/secrets.js';
import { accessChat } from '../../chats/access.js';
import { canAddMembers } from '../../chats/policy.js';
import { findPerson, lockClass } from '../../org/load.js';
import { canSeeClassMatters } from '../../org/policy.js';
import { classTeacherOf } from '../load.js';
import { canManageInvites } from '../policy.js';

const DAY_MS = 24 * 3600 * 1000;

/**
 * «Пригласить»: a link for a role, optionally for a class and for one person.
 * The token is returned once and kept only as a hash.
 */
export const createInvite: Action<TCreateInviteRequest, { inviteId: number; token: string }> = async (
  { tx, actor, now },
  input,
) => {
  const person = requirePerson(actor);
  const classId = input.classId ?? null;
  if (classId !== null) {
    const schoolClass = await lockClass(tx, person.schoolId, classId);
    enforce(canSeeClassMatters(actor, schoolClass.classTeacherId, 'classes.not_found'));
    if (schoolClass.archivedAt) throw new AppError('classes.archived', { name: schoolClass.name });
  }
  enforce(
    canManageInvites(actor, {
      role: input.role,
      classTeacherId: await classTeacherOf(tx, person.schoolId, classId),
    }),
  );
  if (input.chatId !== undefined) {
    const { chat } = await accessChat(tx, person, input.chatId, canAddMembers, true);
    if (chat.structuralKey !== null) throw new AppError('invites.structural_chat');
  }
  if (input.personId !== undefined) {
    const target = await findPerson(tx, person.schoolId, input.personId);
    if (target.leftAt) throw new AppError('org.person_left');
  }
  const token = newToken().slice(0, 22); // 22 base64url characters: 132 random bits
  const [invite] = await tx
    .insert(invites)
    .values({
      schoolId: person.schoolId,
      tokenHash: hashToken(token),
      role: input.role,
      classId,
      personId: input.personId ?? null,
      chatId: input.chatId ?? null,
      maxUses: input.maxUses ?? (input.personId !== undefined ? 1 : null),
      expiresAt: new Date(now.getTime() + input.expiresInDays * DAY_MS),
      createdBy: person.userId,
      createdAt: now,
    })
    .returning({ id: invites.id });
  return {
    result: { inviteId: invite!.id, token },
    audit: {
      type: 'invites.create',
      subjectId: invite!.id,
      data: { role: input.role, classId: classId ?? 0, personal: input.personId !== undefined },
    },
  };
};
