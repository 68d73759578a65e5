import { isWorkingTime, type TMessage } from '@parta/protocol';
import type { SchoolHours } from './study.js';

/** What mayNotify needs to know of the chat, as the person to notify is in it. */
export interface NotifyChat {
  /** a study chat (study.ts isStudyChat): it keeps the working hours */
  study: boolean;
  /** this person's «Без звука» on it (chat_members.muted) */
  muted: boolean;
}

/** What mayNotify needs to know of the message. */
export interface NotifyMessage {
  authorId: number;
  /** how it came (protocol ZMessage): only 'urgent' may reach anyone outside the hours */
  delivery: TMessage['delivery'];
}

/**
 * May `person` be notified (a push, a sound) about `message` now? Never its
 * author, never in a chat they muted, and in a study chat outside the
 * school's hours only when the message is urgent: a held message is
 * delivered at the opening, so only an urgent one ever arrives outside them,
 * but a notification may be sent later than its message (a retry, a queue),
 * so the hours are checked at `now`, not at delivery. Pure: the caller loads
 * the facts (push notifications, a later issue, call this per reader).
 */
export function mayNotify(
  person: { userId: number },
  chat: NotifyChat,
  message: NotifyMessage,
  school: SchoolHours,
  now: Date,
): boolean {
  if (person.userId === message.authorId || chat.muted) return false;
  if (!chat.study || message.delivery === 'urgent') return true;
  return isWorkingTime(school.hours, school.timeZone, now);
}
