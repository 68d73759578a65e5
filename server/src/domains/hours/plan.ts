import { isWorkingTime, nextOpening } from '@parta/protocol';
import type { Person } from '../../infra/actor.js';
import { AppError } from '../../infra/errors.js';
import { enforce } from '../../infra/require.js';
import { canSendUrgent } from './policy.js';
import { isStudyChat, type SchoolHours } from './study.js';

/** How a message goes: now (urgent or not), or later (held for the hours, or scheduled by its author). */
export type Delivery =
  | { at: 'now'; urgent: boolean }
  | { at: 'later'; reason: 'hours' | 'scheduled'; deliverAt: Date };

const YEAR_MS = 366 * 24 * 60 * 60 * 1000;

/**
 * When a message goes (regulation §6.2). In a study chat outside the working
 * hours it waits for the next opening, unless its author may and does send
 * it urgently; a chosen time must be ahead, and in a study chat inside the
 * hours.
 */
export function planDelivery(
  author: Person,
  school: SchoolHours,
  chat: { kind: string; withFamily: boolean },
  request: { sendAt?: string | undefined; urgentReason?: string | undefined },
  now: Date,
): Delivery {
  const study = isStudyChat(school.hours, chat.kind, chat.withFamily);
  if (request.urgentReason !== undefined) {
    enforce(canSendUrgent(author, school.hours));
    return { at: 'now', urgent: true };
  }
  if (request.sendAt !== undefined) {
    return {
      at: 'later',
      reason: 'scheduled',
      deliverAt: checkScheduledTime(school, study, request.sendAt, now),
    };
  }
  if (!study) return { at: 'now', urgent: false };
  const opening = nextOpening(school.hours, school.timeZone, now);
  // A calendar without a working day for two years was not meant: better delivered than kept forever.
  if (!opening || opening.getTime() <= now.getTime()) return { at: 'now', urgent: false };
  return { at: 'later', reason: 'hours', deliverAt: opening };
}

/** A time chosen for a message: ahead, within a year, and inside the hours in a study chat. */
export function checkScheduledTime(school: SchoolHours, study: boolean, sendAt: string, now: Date): Date {
  const at = new Date(sendAt);
  if (at.getTime() <= now.getTime()) throw new AppError('hours.schedule_past');
  if (at.getTime() - now.getTime() > YEAR_MS) throw new AppError('hours.schedule_too_far');
  if (study && !isWorkingTime(school.hours, school.timeZone, at)) {
    throw new AppError('hours.schedule_closed', {
      opensAt: school.hours.opensAt,
      closesAt: school.hours.closesAt,
    });
  }
  return at;
}
