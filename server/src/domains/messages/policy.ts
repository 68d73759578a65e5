import type { TMessage, TMessagePolicies } from '@parta/protocol';
import type { Actor } from '../../infra/actor.js';
import { allow, asPerson, deny, type Verdict } from '../../infra/verdict.js';
import { type ChatAccess, canPin, canPostMessage, canReact, isModerator } from '../chats/policy.js';

/** An author may take back their own message within a day; moderators any time. */
export const DELETE_WINDOW_MS = 24 * 60 * 60 * 1000;

export interface MessageFacts {
  authorId: number;
  createdAt: Date;
  deleted: boolean;
}

export function canEditMessage(actor: Actor, chat: ChatAccess, message: MessageFacts): Verdict {
  const live = canReact(actor, chat);
  if (!live.ok) return live;
  if (message.deleted) return deny('messages.deleted');
  return asPerson(actor)?.userId === message.authorId ? allow : deny('messages.not_author');
}

export function canDeleteMessage(actor: Actor, chat: ChatAccess, message: MessageFacts, now: Date): Verdict {
  const live = canReact(actor, chat);
  if (!live.ok) return live;
  if (message.deleted) return deny('messages.deleted');
  if (isModerator(actor, chat)) return allow;
  if (asPerson(actor)?.userId !== message.authorId) return deny('messages.not_author');
  return now.getTime() - message.createdAt.getTime() <= DELETE_WINDOW_MS
    ? allow
    : deny('messages.delete_expired');
}

/** `@все` reaches everyone's phone: only those who run the chat may use it. */
export function canMentionAll(actor: Actor, chat: ChatAccess): Verdict {
  return isModerator(actor, chat) ? allow : deny('messages.mention_all_denied');
}

/**
 * What the viewer may do with a message now, and when the author's delete
 * window closes (so the client hides «Удалить» then without knowing the window).
 */
export function abilitiesFor(
  actor: Actor,
  chat: ChatAccess,
  message: MessageFacts,
  now: Date,
): TMessagePolicies {
  const remove = canDeleteMessage(actor, chat, message, now).ok;
  const closes = remove && !isModerator(actor, chat);
  const live = !message.deleted;
  return {
    reply: live && canPostMessage(actor, chat).ok,
    react: live && canReact(actor, chat).ok,
    pin: live && canPin(actor, chat).ok,
    edit: canEditMessage(actor, chat, message).ok,
    delete: remove,
    deleteUntil: closes ? new Date(message.createdAt.getTime() + DELETE_WINDOW_MS).toISOString() : null,
  };
}

/** A message as one reader gets it: with what they may do with it. */
export function withPolicies(actor: Actor, chat: ChatAccess, message: TMessage, now: Date): TMessage {
  const facts = {
    authorId: message.authorId,
    createdAt: new Date(message.createdAt),
    deleted: message.deletedAt !== null,
  };
  return { ...message, policies: abilitiesFor(actor, chat, facts, now) };
}

/** Nobody may edit or delete a tombstone: the same for every reader, so live events carry it. */
export const tombstonePolicies: TMessagePolicies = {
  reply: false,
  react: false,
  pin: false,
  edit: false,
  delete: false,
  deleteUntil: null,
};
