import {
  parseMentions,
  type TForwardRequest,
  type TMessage,
  type TPostMessageRequest,
} from '@parta/protocol';
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../../db/client.js';
import { messages } from '../../../db/schema.js';
import type { Action, ActionOutcome } from '../../../infra/actions.js';
import type { Person } from '../../../infra/actor.js';
import { AppError } from '../../../infra/errors.js';
import { enforce, requirePerson } from '../../../infra/require.js';
import { accessChat } from '../../chats/access.js';
import type { ChatAccess } from '../../chats/policy.js';
import { canPostMessage } from '../../chats/policy.js';
import { memberIds } from '../../chats/queries.js';
import { canMentionAll } from '../policy.js';
import { loadMessage, selectMessages } from '../present.js';

/**
 * Who a body mentions: members named with @[Имя](id) (others are left as
 * text), and `@все`, which only the chat's moderators may use.
 */
export function mentionsIn(
  person: Person,
  chat: ChatAccess,
  body: string,
  members: number[],
): { mentions: number[]; mentionsAll: boolean } {
  const { ids, all } = parseMentions(body);
  if (all) enforce(canMentionAll(person, chat));
  const inChat = new Set(members);
  return { mentions: ids.filter((id) => inChat.has(id)), mentionsAll: all };
}

interface NewMessage {
  chatId: number;
  clientId: string;
  body: string;
  replyToId?: number | undefined;
  forwardedFromName?: string;
}

/**
 * The one place messages are written. The client's id makes a retry (lost
 * answer, reconnect) return the stored message instead of writing it twice.
 */
async function writeMessage(
  tx: Tx,
  author: Person,
  now: Date,
  input: NewMessage,
): Promise<ActionOutcome<TMessage>> {
  const chat = await accessChat(tx, author, input.chatId, canPostMessage);
  const members = await memberIds(tx, input.chatId);
  if (input.replyToId !== undefined) {
    const [original] = await tx
      .select({ id: messages.id })
      .from(messages)
      .where(and(eq(messages.id, input.replyToId), eq(messages.chatId, input.chatId)));
    if (!original) throw new AppError('messages.reply_not_found');
  }
  const [inserted] = await tx
    .insert(messages)
    .values({
      schoolId: author.schoolId,
      chatId: input.chatId,
      authorId: author.userId,
      clientId: input.clientId,
      body: input.body,
      replyToId: input.replyToId ?? null,
      forwardedFromName: input.forwardedFromName ?? null,
      // A forwarded copy quotes; it does not call anyone again.
      ...(input.forwardedFromName === undefined
        ? mentionsIn(author, chat, input.body, members)
        : { mentions: [], mentionsAll: false }),
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: messages.id });
  if (!inserted) {
    const [stored] = await selectMessages(
      tx,
      sql`m.chat_id = ${input.chatId} and m.author_id = ${author.userId} and m.client_id = ${input.clientId}`,
    );
    if (!stored) throw new AppError('messages.not_found');
    return { result: stored, audit: null };
  }
  const message = (await loadMessage(tx, inserted.id))!;
  return {
    result: message,
    events: [{ payload: { type: 'messages.send', message }, userIds: members }],
    audit: {
      type: input.forwardedFromName === undefined ? 'messages.send' : 'messages.forward',
      subjectId: message.id,
      data: { chatId: input.chatId },
    },
  };
}

export const postMessage: Action<TPostMessageRequest & { chatId: number }, TMessage> = async (
  { tx, actor, now },
  input,
) => writeMessage(tx, requirePerson(actor), now, input);

/** A copy of a message one may read, posted to a chat one may write in, naming the original's author. */
export const forwardMessage: Action<
  TForwardRequest & { chatId: number; messageId: number },
  TMessage
> = async ({ tx, actor, now }, input) => {
  const person = requirePerson(actor);
  await accessChat(tx, person, input.chatId);
  const original = await loadMessage(tx, input.messageId);
  if (!original || original.chatId !== input.chatId) throw new AppError('messages.not_found');
  if (original.deletedAt) throw new AppError('messages.deleted');
  return writeMessage(tx, person, now, {
    chatId: input.toChatId,
    clientId: input.clientId,
    body: original.body,
    forwardedFromName: original.forwardedFrom?.authorName ?? original.authorName,
  });
};
