import type { TMe, TWorkingHours } from '@parta/protocol';
import { isTransient } from '../api/http.js';
import { LiveStream } from '../api/live.js';
import { applyEvent, type Reader, receiveMessage } from './apply.js';
import { clearChats, loadChats, sendUnsentReads } from './chats.js';
import { markDown, markLive, resetConnection } from './connection.js';
import { clearWaiting, reloadWaiting } from './hours.js';
import { clearMembers } from './members.js';
import { closeOutbox, flush, openOutbox, settle } from './outbox.js';
import { clearPins, reloadPins } from './pins.js';
import { clearThreads, reloadThreads } from './threads.js';
import { clearTyping, noteTyping, stoppedTyping, typingThrottle } from './typing.js';
import { isReading } from './view.js';

/** What the session does when the live stream says the person or their requests changed. */
export interface SyncHooks {
  onSessionEnded: () => void;
  /** `people.update` about the reader: roles or classes changed, reload who they are */
  onPersonChanged: () => void;
  /** `joins.update`: a request was made or decided */
  onJoinsChanged: () => void;
  /** `school.update`: the school's name or time zone changed */
  onSchoolChanged: (school: { name: string; timeZone: string }) => void;
  /** `school.hours`: the working hours of study chats changed */
  onHoursChanged: (hours: TWorkingHours) => void;
}

let live: LiveStream | null = null;
let hooks: SyncHooks | null = null;
let reader: Reader | null = null;
let running = false;
let firstLoadTimer: ReturnType<typeof setTimeout> | undefined;

const typingFrames = typingThrottle((chatId) => live?.typing(chatId));

/** The person typed in a chat's composer: the others see «печатает…» (throttled). */
export function sendTyping(chatId: number): void {
  typingFrames.typed(chatId);
}

/** The message went: the next keystroke tells the others again. */
export function typingDone(chatId: number): void {
  typingFrames.reset(chatId);
}

/**
 * After logging in: the chat list (and its cursor), then the live stream from
 * that cursor, and the outbox of unsent messages.
 */
export function startSync(me: TMe, next: SyncHooks): void {
  stopSync();
  running = true;
  hooks = next;
  reader = {
    id: me.id,
    isReading,
    onReceived: (message) => {
      settle(message);
      stoppedTyping(message.chatId, message.authorId);
    },
    onPersonChanged: () => hooks?.onPersonChanged(),
    onJoinsChanged: () => hooks?.onJoinsChanged(),
    onSchoolChanged: (school) => hooks?.onSchoolChanged(school),
    onHoursChanged: (hours) => hooks?.onHoursChanged(hours),
  };
  openOutbox(me.id, (message) => {
    if (reader) receiveMessage(message, reader);
  });
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
    onEvent: (event) => {
      if (reader) void applyEvent(event, reader);
    },
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
      reloadWaiting();
      // Events were lost: who the reader is and their requests may have changed meanwhile.
      hooks?.onPersonChanged();
      hooks?.onJoinsChanged();
      return fresh;
    },
    onSessionEnded,
    onTyping: (chatId, userId, fullName) => {
      if (userId !== reader?.id) noteTyping(chatId, userId, fullName);
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
  reader = null;
  clearThreads();
  clearChats();
  clearPins();
  clearMembers();
  clearWaiting();
  clearTyping();
  resetConnection();
}

/** Logging out: also forget the unsent messages kept on this device. */
export function forgetDevice(): void {
  stopSync();
  closeOutbox();
}
