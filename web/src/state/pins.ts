import type { TMessage } from '@parta/protocol';
import { signal } from '@preact/signals';
import { messagesApi } from '../api/messages.js';

/** Pinned messages of the chats opened so far, newest pin first. */
export const pins = signal<ReadonlyMap<number, readonly TMessage[]>>(new Map());

function set(chatId: number, list: readonly TMessage[]): void {
  const next = new Map(pins.value);
  next.set(chatId, list);
  pins.value = next;
}

/** Asked when a chat opens (and after a resync); the live stream keeps it current afterwards. */
export async function loadPins(chatId: number): Promise<void> {
  try {
    set(chatId, (await messagesApi.pins(chatId)).messages);
  } catch {
    // The bar stays as it was; the messages themselves still show their pins.
  }
}

/** A message changed: pinned ones go to the front, unpinned and deleted ones leave. */
export function notePinChange(message: TMessage): void {
  const list = pins.value.get(message.chatId);
  if (!list) return;
  const others = list.filter((item) => item.id !== message.id);
  const pinned = message.pinnedAt !== null && message.deletedAt === null;
  if (!pinned) {
    if (others.length !== list.length) set(message.chatId, others);
    return;
  }
  const next = [...others, message].sort((a, b) => Date.parse(b.pinnedAt!) - Date.parse(a.pinnedAt!));
  set(message.chatId, next);
}

export function reloadPins(): void {
  for (const chatId of pins.value.keys()) void loadPins(chatId);
}

export function clearPins(): void {
  pins.value = new Map();
}
