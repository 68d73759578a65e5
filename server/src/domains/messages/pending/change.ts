import type { TEditPendingRequest, TPendingMessage } from '@parta/protocol';
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../../db/client.js';
import { messages, pendingMessages } from '../../../db/schema.js';
import type { Action } from '../../../infra/actions.js';
import type { Person } from '../../../infra/actor.js';
import { AppError } from '../../../infra/errors.js';
import { enqueue } from '../../../infra/jobs.js';
import { enforce, requirePerson } from '../../../infra/require.js';
import { accessChat } from '../../chats/access.js';
import { canPostMessage, canReadChat } from '../../chats/policy.js';
import { memberIds } from '../../chats/queries.js';
import { checkScheduledTime } from '../../hours/plan.js';
import { hasFamilyMember, isStudyChat, schoolHours } from '../../hours/study.js';
import { mentionsIn } from '../mentions.js';
import { RELEASE_JOB, releaseKey } from './jobs.js';
import { selectPending } from './present.js';

/** A waiting message is named by its client id: the delivered message keeps it. */
type PendingRef = { chatId: number; clientId: string };

/**
 * The author's waiting message, locked: the release job takes it under the
 * same lock, so a change either lands before delivery or is told it is too
 * late (`messages.already_sent`). Only one's own can be found.
 */
async function lockPending(tx: Tx, author: Person, ref: PendingRef) {
  const mine = and(eq(pendingMessages.chatId, ref.chatId), eq(pendingMessages.authorId, author.userId));
  const [row] = await tx
    .select()
    .from(pendingMessages)
    .where(and(mine, eq(pendingMessages.clientId, ref.clientId)))
    .for('update');
  if (row) return row;
  const [delivered] = await tx
    .select({ id: messages.id })
    .from(messages)
    .where(
      and(
        eq(messages.chatId, ref.chatId),
        eq(messages.authorId, author.userId),
        eq(messages.clientId, ref.clientId),
      ),
    );
  throw new AppError(delivered ? 'messages.already_sent' : 'messages.not_found');
}

async function presentOne(tx: Tx, id: number): Promise<TPendingMessage> {
  const [message] = await selectPending(tx, sql`p.id = ${id}`);
  return message!;
}

/** A new text or a new time for a waiting message; a new time makes it scheduled. */
export const editPending: Action<TEditPendingRequest & PendingRef, TPendingMessage> = async (
  { tx, actor, now },
  input,
) => {
  const author = requirePerson(actor);
  const chat = await accessChat(tx, author, input.chatId, canReadChat);
  const row = await lockPending(tx, author, input);
  enforce(canPostMessage(author, chat));
  const changes: Partial<typeof pendingMessages.$inferInsert> = { editedAt: now };
  if (input.body !== undefined) {
    Object.assign(
      changes,
      { body: input.body },
      mentionsIn(author, chat, input.body, await memberIds(tx, input.chatId)),
    );
  }
  if (input.sendAt !== undefined) {
    const school = await schoolHours(tx, author.schoolId);
    const withFamily = await chatHasFamily(tx, input.chatId);
    const deliverAt = checkScheduledTime(
      school,
      isStudyChat(school.hours, chat.kind ?? '', withFamily),
      input.sendAt,
      now,
    );
    Object.assign(changes, { deliverAt, reason: 'scheduled' as const });
    await enqueue(tx, RELEASE_JOB, deliverAt, {}, { key: releaseKey(deliverAt) });
  }
  await tx.update(pendingMessages).set(changes).where(eq(pendingMessages.id, row.id));
  const message = await presentOne(tx, row.id);
  return {
    result: message,
    events: [{ payload: { type: 'messages.pending', message }, userIds: [author.userId] }],
    audit: {
      type: 'messages.pending_edit',
      subjectId: row.id,
      data: { chatId: input.chatId, body: input.body !== undefined, time: input.sendAt !== undefined },
    },
  };
};

/** The author takes a waiting message back: nobody ever sees it. */
export const cancelPending: Action<PendingRef, null> = async ({ tx, actor }, input) => {
  const author = requirePerson(actor);
  await accessChat(tx, author, input.chatId, canReadChat);
  const row = await lockPending(tx, author, input);
  await tx.delete(pendingMessages).where(eq(pendingMessages.id, row.id));
  return {
    result: null,
    events: [
      {
        payload: { type: 'messages.pending_cancel', chatId: input.chatId, clientId: row.clientId },
        userIds: [author.userId],
      },
    ],
    audit: { type: 'messages.pending_cancel', subjectId: row.id, data: { chatId: input.chatId } },
  };
};

async function chatHasFamily(tx: Tx, chatId: number): Promise<boolean> {
  const result = await tx.execute<{ yes: boolean }>(
    sql.raw(`select ${hasFamilyMember(String(chatId))} as yes`),
  );
  return result.rows[0]!.yes;
}
