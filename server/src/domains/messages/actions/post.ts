import {
  defaultWorkingHours,
  type TMessage,
  type TPendingMessage,
  type TPostMessageRequest,
  type TWorkingHours,
} from '@parta/protocol';
import { sql } from 'drizzle-orm';
import type { Queryable } from '../../../db/client.js';
import { run, statement } from '../../../db/prepared.js';
import type { InsteadOutcome, StatementAction, StatementOutcome } from '../../../infra/actions.js';
import type { Person } from '../../../infra/actor.js';
import type { AuditEntry } from '../../../infra/audit.js';
import { AppError } from '../../../infra/errors.js';
import { enforce } from '../../../infra/require.js';
import type { ChatAccess } from '../../chats/policy.js';
import { canPostMessage } from '../../chats/policy.js';
import { planDelivery } from '../../hours/plan.js';
import { hasFamilyMember } from '../../hours/study.js';
import { mentionsIn } from '../mentions.js';
import { holdMessage } from '../pending/hold.js';
import { withPolicies } from '../policy.js';
import { type MessageRow, replyQuote, selectMessages, toMessage } from '../present.js';
import { sendWithFiles } from './with-files.js';

/** Delivered now, or waiting (domains/hours): the route answers 200 or 202. */
export type Sent = TMessage | TPendingMessage;

interface NewMessage {
  chatId: number;
  clientId: string;
  body: string;
  replyToId?: number | undefined;
  forwardedFromName?: string;
  sendAt?: string | undefined;
  urgentReason?: string | undefined;
  attachmentIds?: number[] | undefined;
}

interface PostContextRow {
  /** drawn for the message to be written */
  id: number;
  kind: string;
  archived: boolean;
  role: 'owner' | 'member' | null;
  member_ids: number[];
  author_name: string;
  reply_to: MessageRow['reply_to'];
  working_hours: TWorkingHours | null;
  time_zone: string;
  with_family: boolean;
}

/**
 * What posting needs, in one round trip: the chat and the author's place in
 * it, its members, the author's name, the quoted message, an id, and what
 * decides whether it waits for the working hours (domains/hours).
 */
const postContext = statement<PostContextRow>(
  'messages.post_context',
  `select nextval('messages_id_seq') as id, c.kind, c.archived_at is not null as archived, me.role,
     array(select cm.user_id from chat_members cm where cm.chat_id = c.id) as member_ids,
     (select u.full_name from users u where u.id = $3) as author_name,
     ${replyQuote('r.id = $4 and r.chat_id = c.id')} as reply_to,
     s.working_hours, s.time_zone,
     c.kind not in ('staff', 'director_staff') and ${hasFamilyMember('c.id')} as with_family
   from chats c join schools s on s.id = c.school_id
     left join chat_members me on me.chat_id = c.id and me.user_id = $3
   where c.id = $2 and c.school_id = $1`,
);

/**
 * The one place messages are written, as a one-statement action
 * (ActionRunner.runStatement): the context above, the policy, then the
 * insert with its audit row and event in one statement. The message is
 * presented from what the context returned. The client's id makes a retry
 * (lost answer, reconnect) return the stored message instead of writing it
 * twice.
 */
export async function writeMessage(
  db: Queryable,
  author: Person,
  now: Date,
  input: NewMessage,
): Promise<StatementOutcome<Sent> | InsteadOutcome<Sent>> {
  const [context] = await run(db, postContext, [
    author.schoolId,
    input.chatId,
    author.userId,
    input.replyToId ?? null,
  ]);
  if (!context) throw new AppError('chats.not_found');
  const chat: ChatAccess = {
    membership: context.role ? { role: context.role } : null,
    archived: context.archived,
    kind: context.kind,
  };
  enforce(canPostMessage(author, chat));
  if (input.replyToId !== undefined && !context.reply_to) throw new AppError('messages.reply_not_found');
  // A forwarded copy quotes; it does not call anyone again.
  const { mentions, mentionsAll } =
    input.forwardedFromName === undefined
      ? mentionsIn(author, chat, input.body, context.member_ids)
      : { mentions: [], mentionsAll: false };
  const delivery = planDelivery(
    author,
    { hours: context.working_hours ?? defaultWorkingHours, timeZone: context.time_zone },
    { kind: context.kind, withFamily: context.with_family },
    input,
    now,
  );
  if (delivery.at === 'later') {
    return {
      instead: (ctx) =>
        holdMessage(ctx, {
          ...input,
          mentions,
          mentionsAll,
          reason: delivery.reason,
          deliverAt: delivery.deliverAt,
        }),
    };
  }
  const attachmentIds = input.attachmentIds ?? [];
  const urgent = delivery.urgent ? ({ delivery: 'urgent', written_at: null } as const) : null;
  const message = toMessage({
    id: context.id,
    chat_id: input.chatId,
    author_id: author.userId,
    author_name: context.author_name,
    client_id: input.clientId,
    body: input.body,
    created_at: now,
    forwarded_from_name: input.forwardedFromName ?? null,
    mentions,
    mentions_all: mentionsAll,
    edited_at: null,
    deleted_at: null,
    pinned_at: null,
    reply_to: context.reply_to,
    reactions: [],
    delivery: urgent?.delivery ?? null,
    written_at: null,
  });
  const row = {
    id: message.id,
    school_id: author.schoolId,
    chat_id: input.chatId,
    author_id: author.userId,
    client_id: input.clientId,
    body: input.body,
    reply_to_id: input.replyToId ?? null,
    forwarded_from_name: input.forwardedFromName ?? null,
    mentions,
    mentions_all: mentionsAll,
    created_at: now,
    ...(urgent ? { delivery: 'urgent' } : {}),
  };
  const audit: AuditEntry = urgent
    ? {
        type: 'messages.urgent',
        subjectId: message.id,
        data: { chatId: input.chatId, reason: input.urgentReason ?? '' },
      }
    : {
        type: input.forwardedFromName === undefined ? 'messages.send' : 'messages.forward',
        subjectId: message.id,
        data: { chatId: input.chatId },
      };
  const stored = async (queryable: Queryable) => {
    const [found] = await selectMessages(
      queryable,
      sql`m.chat_id = ${input.chatId} and m.author_id = ${author.userId} and m.client_id = ${input.clientId}`,
    );
    return found ? withPolicies(author, chat, found, now) : null;
  };
  if (attachmentIds.length > 0) {
    // More than one row: the message and the files it now carries, in one transaction.
    return {
      instead: (ctx) =>
        sendWithFiles(ctx, { row, audit, attachmentIds, readers: context.member_ids, stored }),
    };
  }
  return {
    result: withPolicies(author, chat, message, now),
    // A retry with the same client id conflicts, and writes nothing.
    write: { table: 'messages', row },
    events: [{ payload: { type: 'messages.send', message }, userIds: context.member_ids }],
    audit,
    ifNotWritten: async () => {
      const found = await stored(db);
      if (!found) throw new AppError('messages.not_found');
      return found;
    },
  };
}

export const postMessage: StatementAction<TPostMessageRequest & { chatId: number }, Sent> = async (
  { db, actor, now },
  input,
) => writeMessage(db, actor, now, input);
