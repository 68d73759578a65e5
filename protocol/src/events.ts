import { z } from 'zod/mini';
import { ZId, ZTimestamp } from './common.js';
import { ZPendingMessage, ZWorkingHours } from './hours.js';
import { ZMessage } from './messages.js';

/**
 * Events are the live feed. Each one is persisted with a cursor that grows
 * with commit order, so a client resumes exactly where it stopped.
 * Names are `<domain>.<verb>`. One change may store several events, each
 * for its own readers, when not everyone may see the same (read receipts).
 */
export const ZEventPayload = z.discriminatedUnion('type', [
  z.object({ type: z.literal('messages.send'), message: ZMessage }),
  /** an edit, a delete (the message becomes a tombstone), a reaction or a pin: the message as it is now */
  z.object({
    type: z.literal('messages.update'),
    change: z.enum(['edit', 'delete', 'react', 'pin']),
    message: ZMessage,
  }),
  z.object({
    type: z.literal('chats.create'),
    chatId: ZId,
    title: z.string(),
    memberCount: z.int().check(z.nonnegative()),
  }),
  z.object({
    type: z.literal('chats.add_members'),
    chatId: ZId,
    userIds: z.array(ZId),
    memberCount: z.int().check(z.nonnegative()),
  }),
  z.object({
    type: z.literal('chats.remove_members'),
    chatId: ZId,
    userIds: z.array(ZId),
    memberCount: z.int().check(z.nonnegative()),
  }),
  /** title or archive state changed (a class moved up a year, or graduated) */
  z.object({ type: z.literal('chats.update'), chatId: ZId, title: z.string(), archived: z.boolean() }),
  /** the school's name or time zone changed: everyone's open tabs show the new ones */
  z.object({ type: z.literal('school.update'), name: z.string(), timeZone: z.string() }),
  /** the school's working hours changed: composers say it with the new ones */
  z.object({ type: z.literal('school.hours'), hours: ZWorkingHours }),
  /** one's own waiting message was written, changed or cancelled (one's own tabs only) */
  z.object({ type: z.literal('messages.pending'), message: ZPendingMessage }),
  z.object({ type: z.literal('messages.pending_cancel'), chatId: ZId, clientId: z.string() }),
  /** the person's roles or classes changed: their client reloads `me` */
  z.object({ type: z.literal('people.update'), personId: ZId }),
  /** a join request was made (to its reviewers) or decided (to them and the applicant) */
  z.object({
    type: z.literal('joins.update'),
    requestId: ZId,
    status: z.enum(['pending', 'approved', 'rejected']),
  }),
  /**
   * Another member read the chat up to a message: read counts of messages in
   * (previousMessageId, lastReadMessageId] not written by them go up by one.
   * Only for those who may see who read (`policies.seeWhoRead` of the chat).
   */
  z.object({
    type: z.literal('messages.reads'),
    chatId: ZId,
    userId: ZId,
    previousMessageId: z.int().check(z.nonnegative()),
    lastReadMessageId: z.int().check(z.nonnegative()),
  }),
  /** How many have now read some of the reader's own messages: what everyone else hears of a read. */
  z.object({
    type: z.literal('messages.read_counts'),
    chatId: ZId,
    counts: z.array(z.object({ messageId: ZId, readCount: z.int().check(z.nonnegative()) })),
  }),
  /** the reader muted or unmuted a chat (their own tabs only) */
  z.object({ type: z.literal('chats.mute'), chatId: ZId, muted: z.boolean() }),
  z.object({ type: z.literal('chats.read'), chatId: ZId, lastReadMessageId: z.int().check(z.nonnegative()) }),
]);
export type TEventPayload = z.infer<typeof ZEventPayload>;
export type EventType = TEventPayload['type'];

export const ZEvent = z.object({
  cursor: z.int().check(z.positive()),
  at: ZTimestamp,
  payload: ZEventPayload,
});
export type TEvent = z.infer<typeof ZEvent>;
