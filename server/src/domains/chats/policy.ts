import { type Actor, hasRole } from '../../infra/actor.js';
import { allow, deny, type Verdict } from '../../infra/verdict.js';

/** The viewer's place in a chat, as loaded (under lock when it matters). */
export interface ChatAccess {
  membership: { role: 'owner' | 'member' } | null;
  /** a graduated class's chat: history to read, nothing to add */
  archived?: boolean;
}

/** For now the admin and the administration create chats by hand («другие чаты», §4.1–4.2). */
export function canCreateChat(actor: Actor): Verdict {
  if (actor.kind !== 'person') return deny('auth.required');
  return hasRole(actor, 'admin', 'administration') ? allow : deny('access.denied');
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

export function canPostMessage(actor: Actor, chat?: ChatAccess): Verdict {
  const read = canReadChat(actor, chat);
  if (!read.ok) return read;
  return chat?.archived ? deny('chats.read_only') : allow;
}

export function canAddMembers(actor: Actor, chat?: ChatAccess): Verdict {
  if (actor.kind !== 'person') return deny('auth.required');
  if (!chat) return allow;
  if (!chat.membership && !hasRole(actor, 'admin')) return deny('chats.not_found');
  if (chat.archived) return deny('chats.read_only');
  return chat.membership?.role === 'owner' || hasRole(actor, 'admin') ? allow : deny('access.denied');
}

/** Who has not read a message yet: the teacher's key question, answered for the author and the chat's owners. */
export function canSeeWhoHasNotRead(actor: Actor, chat: ChatAccess, authorId: number): boolean {
  return actor.kind === 'person' && (actor.userId === authorId || chat.membership?.role === 'owner');
}

export function chatAbilities(actor: Actor, chat: ChatAccess) {
  return { post: canPostMessage(actor, chat).ok, addMembers: canAddMembers(actor, chat).ok };
}

export const chatPolicies = {
  'chats.create': canCreateChat,
  'chats.read': canReadChat,
  'chats.add_members': canAddMembers,
  'messages.post': canPostMessage,
} as const;
