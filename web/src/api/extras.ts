import {
  type TSearchQuery,
  ZChat,
  ZDirectContacts,
  ZMessage,
  ZMessageHistory,
  ZSearchResults,
} from '@parta/protocol';
import { request } from './http.js';

/** Routes only the lazily loaded screens use: search, forwarding, edit history, direct chats. */
export const extrasApi = {
  search: ({ q, chatId, before }: Partial<TSearchQuery> & { q: string }) => {
    const query = new URLSearchParams({ q });
    if (chatId) query.set('chatId', String(chatId));
    if (before) query.set('before', String(before));
    return request('GET', `/api/search?${query}`, ZSearchResults);
  },
  history: (chatId: number, messageId: number) =>
    request('GET', `/api/chats/${chatId}/messages/${messageId}/history`, ZMessageHistory),
  forward: (chatId: number, messageId: number, toChatId: number) =>
    request('POST', `/api/chats/${chatId}/messages/${messageId}/forward`, ZMessage, {
      toChatId,
      clientId: crypto.randomUUID(),
    }),
  directContacts: (q: string) =>
    request('GET', `/api/direct-contacts?q=${encodeURIComponent(q)}`, ZDirectContacts),
  openDirect: (userId: number) => request('POST', '/api/chats/direct', ZChat, { userId }),
};
