import type { TWorkingHours } from '@parta/protocol';
import { type Actor, hasRole } from '../../infra/actor.js';
import { allow, deny, type Verdict } from '../../infra/verdict.js';

/** Everyone of the school reads the hours (the composer says them); the admin sets them. */
export function canReadHours(actor: Actor): Verdict {
  return actor.kind === 'person' ? allow : deny('auth.required');
}

export function canSetHours(actor: Actor): Verdict {
  if (actor.kind !== 'person') return deny('auth.required');
  return hasRole(actor, 'admin') ? allow : deny('access.denied');
}

/** The administration sees how the hours were kept, chat by chat. */
export function canSeeHoursReport(actor: Actor): Verdict {
  if (actor.kind !== 'person') return deny('auth.required');
  return hasRole(actor, 'admin', 'administration') ? allow : deny('access.denied');
}

/**
 * Sending outside the hours with a reason («срочно»): the administration and
 * the admins, and class teachers where the school allows it. Without
 * `hours`, the route gate: anyone may ask, the action decides.
 */
export function canSendUrgent(actor: Actor, hours?: TWorkingHours): Verdict {
  if (actor.kind !== 'person') return deny('auth.required');
  if (!hours || hasRole(actor, 'admin', 'administration')) return allow;
  return hours.classTeachersUrgent && hasRole(actor, 'class_teacher') ? allow : deny('hours.urgent_denied');
}

export const hoursPolicies = {
  'hours.read': canReadHours,
  'hours.set': canSetHours,
  'hours.report': canSeeHoursReport,
} as const;
