import type { ReactionEmoji, TMessage } from '@parta/protocol';
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

/** Deleting one's own message is allowed for a day after sending (moderators: always). */
export const DELETE_WINDOW_MS = 24 * 60 * 60 * 1000;

export function canDelete(message: TMessage, myId: number, moderate: boolean, now = Date.now()): boolean {
  if (message.deletedAt) return false;
  if (moderate) return true;
  return message.authorId === myId && now - Date.parse(message.createdAt) < DELETE_WINDOW_MS;
}
