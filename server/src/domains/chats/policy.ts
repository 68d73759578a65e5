import { staffRoles } from '@parta/protocol';
import { type Actor, hasRole } from '../../infra/actor.js';
import { allow, type DirectVerdicts, deny, type Verdict } from '../../infra/verdict.js';

/** The viewer's place in a chat, as loaded (under lock when it matters). */
export interface ChatAccess {
  membership: { role: 'owner' | 'member' } | null;
  /** a graduated class's chat: history to read, nothing to add */
  archived?: boolean;
  kind?: string;
}

/** Staff create group and announcement chats by hand («другие чаты», §4.1–4.2). */
export function canCreateChat(actor: Actor): Verdict {
  if (actor.kind !== 'person') return deny('auth.required');
  return hasRole(actor, ...staffRoles) ? allow : deny('access.denied');
}

/**
 * Whom a group chat may gather. The admin anyone of the school; everyone
 * else only people they may already write to directly (colleagues, the
 * students and parents of the classes they teach): a group must not be a way
 * around the rules that protect children (docs/messaging.md).
 */
export function canPutInGroup(actor: Actor, rules: DirectVerdicts, userIds: readonly number[]): Verdict {
  if (actor.kind !== 'person') return deny('auth.required');
  if (hasRole(actor, 'admin')) return allow;
  for (const userId of userIds) {
    if (userId === actor.userId) continue;
    const verdict = rules.verdict(actor.userId, userId);
    if (!verdict.ok)
      return deny(
        verdict.code === 'people.not_found' ? 'chats.member_not_found' : 'chats.member_not_allowed',
      );
  }
  return allow;
}

/**
 * Reading a chat needs membership; a chat one is not in answers "not found",
 * exactly like a missing one. Without `chat` this is the route-level gate.
 */
export function canReadChat(actor: Actor, chat?: ChatAccess): Verdict {
  if (actor.kind !== 'person') return deny('auth.required');
  if (chat && !chat.membership) return deny('chats.not_found');
  return allow;
}

/** Reacting and marking as read need a live chat one is in; announcement readers react too. */
export function canReact(actor: Actor, chat?: ChatAccess): Verdict {
  const read = canReadChat(actor, chat);
  if (!read.ok) return read;
  return chat?.archived ? deny('chats.read_only') : allow;
}

/** The chat's owners and the school's admins keep order: delete, see edit history, pin, `@все`. */
export function isModerator(actor: Actor, chat: ChatAccess): boolean {
  if (actor.kind !== 'person' || !chat.membership || chat.kind === 'direct') return false;
  return chat.membership.role === 'owner' || hasRole(actor, 'admin');
}

export function canPostMessage(actor: Actor, chat?: ChatAccess): Verdict {
  const live = canReact(actor, chat);
  if (!live.ok || !chat) return live;
  if (chat.kind === 'announcement' && !isModerator(actor, chat)) return deny('chats.owners_only');
  return allow;
}

export function canPin(actor: Actor, chat?: ChatAccess): Verdict {
  const live = canReact(actor, chat);
  if (!live.ok || !chat) return live;
  return chat.kind === 'direct' || isModerator(actor, chat) ? allow : deny('access.denied');
}

export function canModerate(actor: Actor, chat?: ChatAccess): Verdict {
  const read = canReadChat(actor, chat);
  if (!read.ok || !chat) return read;
  return isModerator(actor, chat) ? allow : deny('access.denied');
}

export function canAddMembers(actor: Actor, chat?: ChatAccess): Verdict {
  if (actor.kind !== 'person') return deny('auth.required');
  if (!chat) return allow;
  if (!chat.membership && !hasRole(actor, 'admin')) return deny('chats.not_found');
  if (chat.archived) return deny('chats.read_only');
  if (chat.kind === 'direct') return deny('access.denied');
  return chat.membership?.role === 'owner' || hasRole(actor, 'admin') ? allow : deny('access.denied');
}

/**
 * Who has and has not read each message: staff for the chats they are in (a
 * teacher's key question) and the chat's moderators. Parents and students see
 * counts only, even under their own messages: when each family reads is not
 * for other families to follow (docs/messaging.md, «Read receipts»).
 */
export function canSeeWhoRead(actor: Actor, chat: ChatAccess): Verdict {
  const read = canReadChat(actor, chat);
  if (!read.ok) return read;
  return isModerator(actor, chat) || hasRole(actor, ...staffRoles) ? allow : deny('access.denied');
}

/**
 * Leaving a chat: a group or an announcement chat one was put in. Structural
 * chats follow the school (a parent is in their child's class chat while the
 * child is in the class) and a direct chat is two people's; the last owner
 * stays, or nobody could run the chat.
 */
export function canLeaveChat(actor: Actor, chat?: ChatAccess & { owners?: number }): Verdict {
  if (actor.kind !== 'person') return deny('auth.required');
  if (!chat) return allow;
  if (!chat.membership) return deny('chats.not_found');
  if (chat.kind !== 'group' && chat.kind !== 'announcement') return deny('chats.leave_structural');
  if (chat.membership.role === 'owner' && chat.owners !== undefined && chat.owners <= 1) {
    return deny('chats.last_owner');
  }
  return allow;
}

/** What the viewer may do in a chat (`chat.policies`). */
export function abilitiesFor(actor: Actor, chat: ChatAccess) {
  return {
    post: canPostMessage(actor, chat).ok,
    react: canReact(actor, chat).ok,
    addMembers: canAddMembers(actor, chat).ok,
    pin: canPin(actor, chat).ok,
    moderate: canModerate(actor, chat).ok,
    seeWhoRead: canSeeWhoRead(actor, chat).ok,
    /** the owner count is checked when leaving: an owner is offered it and told why not */
    leave: canLeaveChat(actor, chat).ok,
  };
}

export const chatAbilities = abilitiesFor;

export const chatPolicies = {
  'chats.create': canCreateChat,
  'chats.read': canReadChat,
  'chats.add_members': canAddMembers,
  'chats.leave': canLeaveChat,
  /** mute is a member's own setting: whoever reads the chat */
  'chats.mute': canReadChat,
  'chats.direct': canReadChat,
  'messages.post': canPostMessage,
  'messages.react': canReact,
  /** edit or delete: who wrote it and when is checked on the message */
  'messages.change': canReact,
  'messages.pin': canPin,
  'messages.moderate': canModerate,
} as const;
