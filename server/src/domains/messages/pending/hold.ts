import type { TMessage, TPendingMessage } from '@parta/protocol';
import { sql } from 'drizzle-orm';
import { pendingMessages } from '../../../db/schema.js';
import type { ActionCtx, ActionOutcome } from '../../../infra/actions.js';
import { enqueue } from '../../../infra/jobs.js';
import { requirePerson } from '../../../infra/require.js';
import { claimFiles } from '../../files/attach.js';
import { selectMessages } from '../present.js';
import { RELEASE_JOB, releaseKey } from './jobs.js';
import { selectPending } from './present.js';

export interface HoldInput {
  chatId: number;
  clientId: string;
  body: string;
  replyToId?: number | undefined;
  mentions: number[];
  mentionsAll: boolean;
  reason: 'hours' | 'scheduled';
  deliverAt: Date;
  attachmentIds?: number[] | undefined;
}

/**
 * Keeps a message until `deliverAt` (written after hours, or scheduled):
 * only its author sees it, and the release job is due then. A retry with
 * the same client id answers what is stored, waiting or already delivered.
 */
export async function holdMessage(
  { tx, actor, now }: ActionCtx,
  input: HoldInput,
): Promise<ActionOutcome<TPendingMessage | TMessage>> {
  const author = requirePerson(actor);
  const mine = (table: string) =>
    sql.raw(`${table}.chat_id = ${input.chatId} and ${table}.author_id = ${author.userId}`);
  const [delivered] = await selectMessages(tx, sql`${mine('m')} and m.client_id = ${input.clientId}`);
  if (delivered) return { result: delivered, audit: null };
  const [written] = await tx
    .insert(pendingMessages)
    .values({
      schoolId: author.schoolId,
      chatId: input.chatId,
      authorId: author.userId,
      clientId: input.clientId,
      body: input.body,
      replyToId: input.replyToId ?? null,
      mentions: input.mentions,
      mentionsAll: input.mentionsAll,
      reason: input.reason,
      writtenAt: now,
      deliverAt: input.deliverAt,
    })
    .onConflictDoNothing()
    .returning({ id: pendingMessages.id });
  if (written) {
    const claim = { chatId: input.chatId, clientId: input.clientId, messageId: null };
    await claimFiles(tx, author, claim, input.attachmentIds ?? []);
  }
  const [message] = await selectPending(tx, sql`${mine('p')} and p.client_id = ${input.clientId}`);
  if (!written) return { result: message!, audit: null };
  await enqueue(tx, RELEASE_JOB, input.deliverAt, {}, { key: releaseKey(input.deliverAt) });
  return {
    result: message!,
    events: [{ payload: { type: 'messages.pending', message: message! }, userIds: [author.userId] }],
    audit: {
      type: 'messages.hold',
      subjectId: written.id,
      data: { chatId: input.chatId, reason: input.reason, deliverAt: input.deliverAt.toISOString() },
    },
  };
}
