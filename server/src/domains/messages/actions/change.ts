import type { TEditMessageRequest, TEventPayload, TMessage } from '@parta/protocol';
import { eq } from 'drizzle-orm';
import type { Tx } from '../../../db/client.js';
import { messages, messageVersions } from '../../../db/schema.js';
import type { Action, ActionOutcome } from '../../../infra/actions.js';
import type { Person } from '../../../infra/actor.js';
import type { AuditEntry } from '../../../infra/audit.js';
import { enforce, requirePerson } from '../../../infra/require.js';
import { accessChat } from '../../chats/access.js';
import { type ChatAccess, canReact } from '../../chats/policy.js';
import { memberIds } from '../../chats/queries.js';
import { mentionsIn } from '../mentions.js';
import { canDeleteMessage, canEditMessage, tombstonePolicies, withPolicies } from '../policy.js';
import { loadMessage } from '../present.js';
import { findMessage } from '../queries.js';
import { scrubEventsOf } from '../scrub.js';
import { forgetWords } from '../vocabulary.js';

type MessageRef = { chatId: number; messageId: number };
type Change = Extract<TEventPayload, { type: 'messages.update' }>['change'];

/** After a change: the message as it is now, to every member's open tabs. */
export async function announceChange(
  tx: Tx,
  ref: MessageRef,
  change: Change,
  audit: AuditEntry | null,
  reader: Reader,
): Promise<ActionOutcome<TMessage>> {
  const message = (await loadMessage(tx, ref.messageId))!;
  // Every reader gets the same event: it carries abilities only when they are everyone's (a tombstone's).
  const shared = message.deletedAt ? { ...message, policies: tombstonePolicies } : message;
  return {
    result: withPolicies(reader.person, reader.chat, message, reader.now),
    events: [
      {
        payload: { type: 'messages.update', change, message: shared },
        userIds: await memberIds(tx, ref.chatId),
      },
    ],
    audit,
  };
}

/** Who acts on a message, for the abilities their answer carries. */
export interface Reader {
  person: Person;
  chat: ChatAccess;
  now: Date;
}

/** The message as it is, unchanged, with what the reader may do with it. */
export async function unchanged(tx: Tx, messageId: number, reader: Reader): Promise<ActionOutcome<TMessage>> {
  const message = (await loadMessage(tx, messageId))!;
  return { result: withPolicies(reader.person, reader.chat, message, reader.now), audit: null };
}

/**
 * The author rewrites their message; the text it replaces is kept for the
 * chat's moderators (for a bounded time, see retention.ts) and leaves the
 * stored events (scrub.ts).
 */
export const editMessage: Action<TEditMessageRequest & MessageRef, TMessage> = async (
  { tx, actor, now },
  input,
) => {
  const person = requirePerson(actor);
  const chat = await accessChat(tx, person, input.chatId, canReact);
  const row = await findMessage(tx, input.chatId, input.messageId, true);
  enforce(canEditMessage(person, chat, { ...row, deleted: row.deletedAt !== null }));
  if (row.body === input.body) return unchanged(tx, row.id, { person, chat, now });
  const mentions = mentionsIn(person, chat, input.body, await memberIds(tx, input.chatId));
  await tx
    .insert(messageVersions)
    .values({ messageId: row.id, body: row.body, change: 'edit', byId: person.userId, at: now });
  await tx
    .update(messages)
    .set({ body: input.body, editedAt: now, ...mentions })
    .where(eq(messages.id, row.id));
  await forgetWords(tx, person.schoolId, row.body);
  const outcome = await announceChange(
    tx,
    input,
    'edit',
    {
      type: 'messages.edit',
      subjectId: row.id,
      data: { chatId: input.chatId },
    },
    { person, chat, now },
  );
  await scrubEventsOf(tx, person.schoolId, outcome.result);
  return outcome;
};

/**
 * Leaves a tombstone («Сообщение удалено») where the message was: replies
 * keep their place. The text moves to the versions for the moderators (for
 * a bounded time, see retention.ts) and leaves everything else: the stored
 * events that carried it, and the search dictionary.
 */
export const deleteMessage: Action<MessageRef, TMessage> = async ({ tx, actor, now }, input) => {
  const person = requirePerson(actor);
  const chat = await accessChat(tx, person, input.chatId, canReact);
  const row = await findMessage(tx, input.chatId, input.messageId, true);
  enforce(canDeleteMessage(person, chat, { ...row, deleted: row.deletedAt !== null }, now));
  await tx
    .insert(messageVersions)
    .values({ messageId: row.id, body: row.body, change: 'delete', byId: person.userId, at: now });
  await tx
    .update(messages)
    .set({ body: '', deletedAt: now, pinnedAt: null, mentions: [], mentionsAll: false })
    .where(eq(messages.id, row.id));
  await forgetWords(tx, person.schoolId, row.body);
  const outcome = await announceChange(
    tx,
    input,
    'delete',
    {
      type: 'messages.delete',
      subjectId: row.id,
      data: { chatId: input.chatId, byAuthor: row.authorId === person.userId },
    },
    { person, chat, now },
  );
  await scrubEventsOf(tx, person.schoolId, outcome.result);
  return outcome;
};
