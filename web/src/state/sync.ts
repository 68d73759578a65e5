import type { TEvent, TMe, TMessage } from '@parta/protocol';
import { isTransient } from '../api/http.js';
import { LiveStream } from '../api/live.js';
import {
  clearChats,
  loadChats,
  noteMemberCount,
  noteMessage,
  noteRead,
  noteUpdate,
  refreshChat,
  removeChat,
  sendUnsentReads,
} from './chats.js';
import { markDown, markLive, resetConnection } from './connection.js';
import { clearMembers, forgetMembers } from './members.js';
import { closeOutbox, flush, openOutbox, settle } from './outbox.js';
import { clearPins, notePinChange, reloadPins } from './pins.js';
import {
  addMessage,
  clearThreads,
  noteReads,
  reloadThreads,
  setReadCounts,
  updateMessage,
} from './threads.js';
import { clearTyping, noteTyping, stoppedTyping, typingThrottle } from './typing.js';
import { isReading } from './view.js';

/** What the session does when the live stream says the person or their requests changed. */
export interface SyncHooks {
  onSessionEnded: () => void;
  /** `people.update` about the reader: roles or classes changed, reload who they are */
  onPersonChanged: () => void;
  /** `joins.update`: a request was made or decided */
  onJoinsChanged: () => void;
}

let live: LiveStream | null = null;
let hooks: SyncHooks | null = null;
let myId = 0;
let running = false;
let firstLoadTimer: ReturnType<typeof setTimeout> | undefined;

/** A message the server confirmed, however it arrived: shown once, counted once. */
function receive(message: TMessage): void {
  settle(message);
  addMessage(message);
  noteMessage(message, myId, isReading(message.chatId));
  stoppedTyping(message.chatId, message.authorId);
}

/** An edit, delete, reaction or pin, in the thread, the list's preview and the pinned bar. */
function change(message: TMessage): void {
  updateMessage(message);
  noteUpdate(message);
  notePinChange(message);
}

const typingFrames = typingThrottle((chatId) => live?.typing(chatId));

/** The person typed in a chat's composer: the others see «печатает…» (throttled). */
export function sendTyping(chatId: number): void {
  typingFrames.typed(chatId);
}

/** The message went: the next keystroke tells the others again. */
export function typingDone(chatId: number): void {
  typingFrames.reset(chatId);
}

function apply(event: TEvent): void {
  const payload = event.payload;
  switch (payload.type) {
    case 'messages.send':
      receive(payload.message);
      break;
    case 'messages.update':
      change(payload.message);
      break;
    case 'messages.reads':
      noteReads(payload.chatId, payload.userId, payload.previousMessageId, payload.lastReadMessageId);
      break;
    case 'messages.read_counts':
      setReadCounts(payload.chatId, payload.counts);
      break;
    case 'chats.create':
      void refreshChat(payload.chatId);
      break;
    case 'chats.add_members':
      forgetMembers(payload.chatId);
      if (payload.userIds.includes(myId)) void refreshChat(payload.chatId);
      else noteMemberCount(payload.chatId, payload.memberCount);
      break;
    case 'chats.remove_members':
      forgetMembers(payload.chatId);
      if (payload.userIds.includes(myId)) removeChat(payload.chatId);
      else noteMemberCount(payload.chatId, payload.memberCount);
      break;
    case 'chats.update':
      // The title, and what the reader may do in an archived chat, come fresh from the server.
      void refreshChat(payload.chatId);
      break;
    case 'chats.read':
      noteRead(payload.chatId, payload.lastReadMessageId);
      break;
    case 'people.update':
      if (payload.personId === myId) hooks?.onPersonChanged();
      break;
    case 'joins.update':
      hooks?.onJoinsChanged();
      break;
  }
}

/**
 * After logging in: the chat list (and its cursor), then the live stream from
 * that cursor, and the outbox of unsent messages.
 */
export function startSync(me: TMe, next: SyncHooks): void {
  stopSync();
  running = true;
  myId = me.id;
  hooks = next;
  openOutbox(me.id, receive);
  void firstLoad(next.onSessionEnded, 0);
}

async function firstLoad(onSessionEnded: () => void, attempt: number): Promise<void> {
  let cursor: number;
  try {
    cursor = await loadChats();
  } catch (error) {
    if (!running || !isTransient(error)) return;
    markDown();
    const retry = () => {
      window.removeEventListener('online', retry);
      clearTimeout(firstLoadTimer);
      if (running) void firstLoad(onSessionEnded, attempt + 1);
    };
    window.addEventListener('online', retry);
    firstLoadTimer = setTimeout(retry, Math.min(30_000, 1000 * 2 ** attempt));
    return;
  }
  if (!running) return;
  live = new LiveStream(cursor, {
    onEvent: apply,
    onReady: () => {
      markLive();
      void flush();
      sendUnsentReads();
    },
    onDown: markDown,
    onResync: async () => {
      const fresh = await loadChats();
      reloadThreads();
      reloadPins();
      // Events were lost: who the reader is and their requests may have changed meanwhile.
      hooks?.onPersonChanged();
      hooks?.onJoinsChanged();
      return fresh;
    },
    onSessionEnded,
    onTyping: (chatId, userId, fullName) => {
      if (userId !== myId) noteTyping(chatId, userId, fullName);
    },
  });
  live.start();
}

export function stopSync(): void {
  running = false;
  clearTimeout(firstLoadTimer);
  live?.stop();
  live = null;
  hooks = null;
  clearThreads();
  clearChats();
  clearPins();
  clearMembers();
  clearTyping();
  resetConnection();
}

/** Logging out: also forget the unsent messages kept on this device. */
export function forgetDevice(): void {
  stopSync();
  closeOutbox();
}
