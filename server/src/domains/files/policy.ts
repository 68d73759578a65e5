import { type Actor, hasRole } from '../../infra/actor.js';
import { allow, deny, type Verdict } from '../../infra/verdict.js';

/**
 * A file is seen by the members of its message's chat while the message
 * stands; before it is sent, only by who uploaded it. Anyone else — another
 * school, a former member, a reader of a deleted message — is told it does
 * not exist.
 */
export function canReadFile(
  actor: Actor,
  file?: { uploaderId: number; attached: boolean; messageDeleted: boolean; member: boolean },
): Verdict {
  if (actor.kind !== 'person') return deny('auth.required');
  if (!file) return allow;
  if (!file.attached) return file.uploaderId === actor.userId ? allow : deny('files.not_found');
  return file.member && !file.messageDeleted ? allow : deny('files.not_found');
}

/** The admin sets what files the school lets through; the administration sees what they take. */
export function canSetFileRules(actor: Actor): Verdict {
  if (actor.kind !== 'person') return deny('auth.required');
  return hasRole(actor, 'admin') ? allow : deny('access.denied');
}

export function canSeeFileUsage(actor: Actor): Verdict {
  if (actor.kind !== 'person') return deny('auth.required');
  return hasRole(actor, 'admin', 'administration') ? allow : deny('access.denied');
}

export const filePolicies = {
  'files.read': canReadFile,
  'files.usage': canSeeFileUsage,
  'files.rules': canSetFileRules,
} as const;
