import type { ReactionEmoji, TChat, TMessage, TMessagePolicies } from '@parta/protocol';
import { signal } from '@preact/signals';
import { messagesApi } from '../api/messages.js';
import { noteUpdate } from './chats.js';
import { notePinChange } from './pins.js';
import { updateMessage } from './threads.js';

/** What the composer of a chat is doing besides writing a new message. */
export type ComposeMode = { kind: 'reply'; message: TMessage } | { kind: 'edit'; message: TMessage };

export const composeModes = signal<ReadonlyMap<number, ComposeMode>>(new Map());

export function setComposeMode(chatId: number, mode: ComposeMode | null): void {
  const next = new Map(composeModes.value);
  if (mode) next.set(chatId, mode);
  else next.delete(chatId);
  composeModes.value = next;
}

/** The server's answer is applied at once; the live event that follows changes nothing more. */
function applied(message: TMessage): TMessage {
  updateMessage(message);
  noteUpdate(message);
  notePinChange(message);
  return message;
}

export async function editMessage(message: TMessage, body: string): Promise<TMessage> {
  return applied(await messagesApi.edit(message.chatId, message.id, body));
}

export async function deleteMessage(message: TMessage): Promise<TMessage> {
  return applied(await messagesApi.remove(message.chatId, message.id));
}

export async function toggleReaction(
  message: TMessage,
  emoji: ReactionEmoji,
  myId: number,
): Promise<TMessage> {
  const mine = message.reactions.some((r) => r.emoji === emoji && r.userIds.includes(myId));
  return applied(await messagesApi.react(message.chatId, message.id, emoji, !mine));
}

export async function setPinned(message: TMessage, pinned: boolean): Promise<TMessage> {
  return applied(await messagesApi.pin(message.chatId, message.id, pinned));
}

/**
 * What the reader may do with a message: the server's answer on it
 * (`policies`, messages/policy.ts). A message known only from the live
 * stream (one copy for every reader, and never a tombstone: those carry
 * theirs) has none yet: the chat's abilities stand for it — reply where one
 * may post, delete where one may delete anyone's message
 * (`chat.policies.moderate`) — and editing waits for the server's next
 * answer about it.
 */
export function messagePolicies(message: TMessage, chat: TChat): TMessagePolicies {
  const { post, react, pin, moderate } = chat.policies;
  return message.policies ?? { reply: post, react, pin, edit: false, delete: moderate, deleteUntil: null };
}

/** «Удалить» until the instant the server named (the author's window), or for good. */
export function mayDelete(message: TMessage, chat: TChat, now = Date.now()): boolean {
  const policies = messagePolicies(message, chat);
  return policies.delete && (policies.deleteUntil === null || now <= Date.parse(policies.deleteUntil));
}
