import { randomInt } from 'node:crypto';
import { belongsToClass, drawSlipCode, type TCreateInviteRequest } from '@parta/protocol';
import { eq } from 'drizzle-orm';
import type { Tx } from '../../../db/client.js';
import { invites } from '../../../db/schema.js';
import type { Action } from '../../../infra/actions.js';
import { AppError } from '../../../infra/errors.js';
import { enforce, requirePerson } from '../../../infra/require.js';
import { hashToken, newToken } from '../../auth/secrets.js';
import { accessChat } from '../../chats/access.js';
import { canAddMembers } from '../../chats/policy.js';
import { classTeacherOf } from '../../joins/queries.js';
import { lockClass } from '../../org/load.js';
import { canSeeClassMatters } from '../../org/policy.js';
import { loadInviteTarget } from '../load.js';
import { canInvitePerson, canManageInvites } from '../policy.js';

const DAY_MS = 24 * 3600 * 1000;

/**
 * «Пригласить»: a link for a role, optionally for a class and for one person.
 * The token — and the short code printed on the slips, which every invite but
 * a personal one has — is returned once and kept only as a hash. A personal
 * invite sets a password without review: it keeps the long token alone.
 */
export const createInvite: Action<
  TCreateInviteRequest,
  { inviteId: number; token: string; code: string | null }
> = async ({ tx, actor, now }, input) => {
  const person = requirePerson(actor);
  const classId = input.classId ?? null;
  // A link for a class's families names the class; a personal one names its person instead.
  if (belongsToClass(input.role) && classId === null && input.personId === undefined) {
    throw new AppError('joins.class_required');
  }
  if (classId !== null) {
    const schoolClass = await lockClass(tx, person.schoolId, classId);
    enforce(canSeeClassMatters(actor, schoolClass.classTeacherId, 'classes.not_found'));
    if (schoolClass.archivedAt) throw new AppError('classes.archived', { name: schoolClass.name });
  }
  const scope = {
    role: input.role,
    classId,
    classTeacherId: await classTeacherOf(tx, person.schoolId, classId),
  };
  enforce(canManageInvites(actor, scope));
  if (input.chatId !== undefined) {
    const { chat } = await accessChat(tx, person, input.chatId, canAddMembers, true);
    if (chat.structuralKey !== null) throw new AppError('invites.structural_chat');
  }
  const personal = input.personId !== undefined;
  if (personal) {
    enforce(canInvitePerson(actor, scope, await loadInviteTarget(tx, person.schoolId, input.personId!)));
  }
  const token = newToken().slice(0, 22); // 22 base64url characters: 132 random bits
  const code = personal ? null : await freshSlipCode(tx);
  const [invite] = await tx
    .insert(invites)
    .values({
      schoolId: person.schoolId,
      tokenHash: hashToken(token),
      codeHash: code === null ? null : hashToken(code),
      role: input.role,
      classId,
      personId: input.personId ?? null,
      chatId: input.chatId ?? null,
      // whoever uses a personal link chooses the person's password: once, never again
      maxUses: personal ? 1 : (input.maxUses ?? null),
      expiresAt: new Date(now.getTime() + input.expiresInDays * DAY_MS),
      createdBy: person.userId,
      createdAt: now,
    })
    .returning({ id: invites.id });
  return {
    result: { inviteId: invite!.id, token, code },
    audit: {
      type: 'invites.create',
      subjectId: invite!.id,
      data: { role: input.role, classId: classId ?? 0, personal },
    },
  };
};

/** A slip code no invite of the installation has had (with 4 000 codes made, a repeat is one draw in ten million). */
async function freshSlipCode(tx: Tx): Promise<string> {
  for (;;) {
    const code = drawSlipCode(randomInt);
    const [taken] = await tx
      .select({ id: invites.id })
      .from(invites)
      .where(eq(invites.codeHash, hashToken(code)));
    if (!taken) return code;
  }
}
