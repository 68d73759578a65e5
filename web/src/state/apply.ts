import type { TEvent, TMessage, TWorkingHours } from '@parta/protocol';
import {
  noteMemberCount,
  noteMessage,
  noteMuted,
  noteRead,
  noteUpdate,
  refreshChat,
  removeChat,
} from './chats.js';
import { dropWaiting, noteWaiting, settleWaiting } from './hours.js';
import { forgetMembers } from './members.js';
import { notePinChange } from './pins.js';
import { addMessage, noteReads, setReadCounts, updateMessage } from './threads.js';

/**
 * How the client's state follows the live stream: each event through the
 * reducers of the chat list, the open threads, the pinned bars and the
 * member lists. Nothing here touches the page (sync.ts does, around it), so
 * a test outside the browser runs the same code against a real server and
 * compares the result with a fresh fetch.
 */
export interface Reader {
  id: number;
  /** the chat is on the screen: what arrives in it is read at once */
  isReading: (chatId: number) => boolean;
  /** a message is confirmed: its unsent copy is settled and its author stops «печатает…» */
  onReceived: (message: TMessage) => void;
  /** `people.update` about the reader: roles or classes changed, reload who they are */
  onPersonChanged: () => void;
  /** `joins.update`: a request was made or decided */
  onJoinsChanged: () => void;
  /** `school.update`: the school's name or time zone changed */
  onSchoolChanged: (school: { name: string; timeZone: string }) => void;
  /** `school.hours`: the working hours of study chats changed */
  onHoursChanged: (hours: TWorkingHours) => void;
}

/** A message the server confirmed, however it arrived: shown once, counted once. */
export function receiveMessage(message: TMessage, reader: Reader): void {
  reader.onReceived(message);
  settleWaiting(message);
  addMessage(message);
  noteMessage(message, reader.id, reader.isReading(message.chatId));
}

/** An edit, delete, reaction or pin, in the thread, the list's preview and the pinned bar. */
export function changeMessage(message: TMessage): void {
  updateMessage(message);
  noteUpdate(message);
  notePinChange(message);
}

/** Applies one event; resolves when what it asked the server for again (a chat) has come. */
export async function applyEvent(event: TEvent, reader: Reader): Promise<void> {
  const payload = event.payload;
  switch (payload.type) {
    case 'messages.send':
      receiveMessage(payload.message, reader);
      break;
    case 'messages.update':
      changeMessage(payload.message);
      break;
    case 'messages.reads':
      noteReads(payload.chatId, payload.userId, payload.previousMessageId, payload.lastReadMessageId);
      break;
    case 'messages.read_counts':
      setReadCounts(payload.chatId, payload.counts);
      break;
    case 'chats.create':
      return refreshChat(payload.chatId);
    case 'chats.add_members':
      forgetMembers(payload.chatId);
      if (payload.userIds.includes(reader.id)) return refreshChat(payload.chatId);
      noteMemberCount(payload.chatId, payload.memberCount);
      break;
    case 'chats.remove_members':
      forgetMembers(payload.chatId);
      if (payload.userIds.includes(reader.id)) removeChat(payload.chatId);
      else noteMemberCount(payload.chatId, payload.memberCount);
      break;
    case 'chats.update':
      // The title, and what the reader may do in an archived chat, come fresh from the server.
      return refreshChat(payload.chatId);
    case 'chats.mute':
      noteMuted(payload.chatId, payload.muted);
      break;
    case 'chats.read':
      noteRead(payload.chatId, payload.lastReadMessageId);
      break;
    case 'people.update':
      if (payload.personId === reader.id) reader.onPersonChanged();
      break;
    case 'joins.update':
      reader.onJoinsChanged();
      break;
    case 'school.update':
      reader.onSchoolChanged({ name: payload.name, timeZone: payload.timeZone });
      break;
    case 'school.hours':
      reader.onHoursChanged(payload.hours);
      break;
    case 'messages.pending':
      noteWaiting(payload.message);
      break;
    case 'messages.pending_cancel':
      dropWaiting(payload.chatId, payload.clientId);
      break;
  }
}
