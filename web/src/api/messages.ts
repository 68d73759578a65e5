import { type ReactionEmoji, ZMessage, ZMessageReads, ZPinnedMessages } from '@parta/protocol';
import { request } from './http.js';

const messagePath = (chatId: number, messageId: number) => `/api/chats/${chatId}/messages/${messageId}`;

/** What can be done to a message once it is sent (server/src/domains/messages/routes.ts). */
export const messagesApi = {
  edit: (chatId: number, messageId: number, body: string) =>
    request('PATCH', messagePath(chatId, messageId), ZMessage, { body }),
  remove: (chatId: number, messageId: number) => request('DELETE', messagePath(chatId, messageId), ZMessage),
  react: (chatId: number, messageId: number, emoji: ReactionEmoji, on: boolean) =>
    request('POST', `${messagePath(chatId, messageId)}/reactions`, ZMessage, { emoji, on }),
  pin: (chatId: number, messageId: number, pinned: boolean) =>
    request('POST', `${messagePath(chatId, messageId)}/pin`, ZMessage, { pinned }),
  pins: (chatId: number) => request('GET', `/api/chats/${chatId}/pins`, ZPinnedMessages),
  reads: (chatId: number, messageId: number) =>
    request('GET', `${messagePath(chatId, messageId)}/reads`, ZMessageReads),
};
