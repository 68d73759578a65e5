import type { TChat, TMessage } from '@parta/protocol';
import { computed, signal } from '@preact/signals';
import { api } from '../api/endpoints.js';
import { ApiError } from '../api/http.js';

export const chats = signal<ReadonlyMap<number, TChat>>(new Map());
export const chatsStatus = signal<'loading' | 'ready' | 'error'>('loading');
export const chatsError = signal<unknown>(null);

function activity(chat: TChat): number {
  const created = Date.parse(chat.createdAt);
  return chat.lastMessage ? Math.max(created, Date.parse(chat.lastMessage.createdAt)) : created;
}

/** Most recently active first, like the server orders them. */
export const chatList = computed(() =>
  [...chats.value.values()].sort((a, b) => activity(b) - activity(a) || b.id - a.id),
);

export function putChat(chat: TChat): void {
  const next = new Map(chats.value);
  next.set(chat.id, chat);
  chats.value = next;
}

function patchChat(chatId: number, change: (chat: TChat) => TChat): boolean {
  const chat = chats.value.get(chatId);
  if (!chat) return false;
  putChat(change(chat));
  return true;
}

/** Loads the list; returns the cursor to resume the live stream from. */
export async function loadChats(): Promise<number> {
  try {
    const list = await api.chats();
    chats.value = new Map(list.chats.map((chat) => [chat.id, chat]));
    chatsStatus.value = 'ready';
    chatsError.value = null;
    return list.cursor;
  } catch (error) {
    if (chatsStatus.value !== 'ready') chatsStatus.value = 'error';
    chatsError.value = error;
    throw error;
  }
}

export async function refreshChat(chatId: number): Promise<void> {
  try {
    putChat(await api.chat(chatId));
  } catch (error) {
    if (error instanceof ApiError && error.code === 'chats.not_found') removeChat(chatId);
  }
}

/**
 * A message became known (live, replayed or our own). Only a message newer
 * than the list's last one counts as unread: the list already counted older ones.
 */
export function noteMessage(message: TMessage, myId: number, reading: boolean): void {
  const known = patchChat(message.chatId, (chat) => {
    if (chat.lastMessage && message.id <= chat.lastMessage.id) return chat;
    const unread = message.authorId !== myId && !reading && message.id > chat.lastReadMessageId;
    const mention = unread && mentionsMe(message, myId);
    return {
      ...chat,
      lastMessage: message,
      unreadCount: chat.unreadCount + (unread ? 1 : 0),
      unreadMentions: chat.unreadMentions + (mention ? 1 : 0),
    };
  });
  if (!known) void refreshChat(message.chatId);
}

/** An edit, delete, reaction or pin: the list's preview follows if it is the last message. */
export function noteUpdate(message: TMessage): void {
  const chat = chats.value.get(message.chatId);
  if (chat?.lastMessage?.id === message.id) putChat({ ...chat, lastMessage: message });
}

/** A message of someone else that names the reader or everyone («@все»). */
export function mentionsMe(message: TMessage, myId: number): boolean {
  return message.authorId !== myId && (message.mentionsAll || message.mentions.includes(myId));
}

/** What is still unread after a point, when the open chat knows it. */
export interface UnreadLeft {
  unread: number;
  mentions: number;
}

/** «Прочитано до» moved (here or in another tab of the same person). */
/** «Без звука» on or off, here or in another tab of the reader's. */
export function noteMuted(chatId: number, muted: boolean): void {
  const chat = chats.value.get(chatId);
  if (chat && chat.muted !== muted) putChat({ ...chat, muted });
}

export function noteRead(chatId: number, lastReadMessageId: number, left?: UnreadLeft): void {
  const chat = chats.value.get(chatId);
  if (!chat || lastReadMessageId <= chat.lastReadMessageId) return;
  if (chat.lastMessage && lastReadMessageId >= chat.lastMessage.id) {
    putChat({ ...chat, lastReadMessageId, unreadCount: 0, unreadMentions: 0 });
  } else if (left) {
    putChat({
      ...chat,
      lastReadMessageId,
      unreadCount: Math.min(chat.unreadCount, left.unread),
      unreadMentions: Math.min(chat.unreadMentions, left.mentions),
    });
  } else {
    putChat({ ...chat, lastReadMessageId });
    void refreshChat(chatId);
  }
}

export function noteMemberCount(chatId: number, memberCount: number): void {
  patchChat(chatId, (chat) => ({ ...chat, memberCount }));
}

/** The person left the chat (or was removed): it goes from the list. */
export function removeChat(chatId: number): void {
  if (!chats.value.has(chatId)) return;
  const next = new Map(chats.value);
  next.delete(chatId);
  chats.value = next;
}

const unsentReads = new Map<number, number>();

/** Marks a chat read up to `messageId`; kept and sent again after a reconnect if it fails. */
export function markRead(chatId: number, messageId: number, left?: UnreadLeft): void {
  const chat = chats.value.get(chatId);
  if (!chat || (messageId <= chat.lastReadMessageId && chat.unreadCount === 0)) return;
  noteRead(chatId, messageId, left);
  unsentReads.set(chatId, Math.max(messageId, unsentReads.get(chatId) ?? 0));
  void sendRead(chatId);
}

async function sendRead(chatId: number): Promise<void> {
  const messageId = unsentReads.get(chatId);
  if (messageId === undefined) return;
  try {
    await api.markRead(chatId, messageId);
    if (unsentReads.get(chatId) === messageId) unsentReads.delete(chatId);
  } catch (error) {
    if (error instanceof ApiError && error.status < 500) unsentReads.delete(chatId);
  }
}

export function sendUnsentReads(): void {
  for (const chatId of unsentReads.keys()) void sendRead(chatId);
}

export function clearChats(): void {
  chats.value = new Map();
  chatsStatus.value = 'loading';
  chatsError.value = null;
  unsentReads.clear();
}
