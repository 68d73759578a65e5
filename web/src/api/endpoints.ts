import {
  type Locale,
  type TChangePasswordRequest,
  type TCreateChatRequest,
  type TCreatePersonRequest,
  type TEditPendingRequest,
  type TLoginRequest,
  type TPendingMessage,
  type TPeopleQuery,
  type TPostMessageRequest,
  type TResetPasswordRequest,
  type TSetupRequest,
  ZChat,
  ZChatList,
  ZChatMembers,
  ZCount,
  ZCreatedPerson,
  ZJoinList,
  ZMe,
  ZMessage,
  ZMessagePage,
  ZOk,
  ZPendingList,
  ZPendingMessage,
  ZPeopleList,
  ZResetLink,
  ZResetLinkPreview,
  ZSessionList,
  ZSetupStatus,
} from '@parta/protocol';
import { z } from 'zod/mini';
import { request } from './http.js';

/** A waiting message has `deliverAt`; a delivered one does not. */
const ZPostAnswer = z.union([ZPendingMessage, ZMessage]);
export const isWaiting = (answer: z.infer<typeof ZPostAnswer>): answer is TPendingMessage =>
  'deliverAt' in answer;

const ZLastRead = z.object({ lastReadMessageId: z.number() });

function peopleQuery(query: TPeopleQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The REST API, one function per route (see server/src/domains/*\/routes.ts). */
export const api = {
  setupStatus: (sent?: Promise<Response | Error>) =>
    request('GET', '/api/setup', ZSetupStatus, undefined, sent),
  setup: (body: TSetupRequest) => request('POST', '/api/setup', ZMe, body),
  login: (body: TLoginRequest) => request('POST', '/api/auth/login', ZMe, body),
  me: (sent?: Promise<Response | Error>) => request('GET', '/api/me', ZMe, undefined, sent),
  setLocale: (locale: Locale) => request('POST', '/api/me/locale', ZMe, { locale }),
  logout: () => request('POST', '/api/auth/logout', ZOk),
  /** «Скрыть» on «Первые шаги» (a school setting; on the home screen, so not in the school chunk) */
  hideFirstSteps: () => request('POST', '/api/school/settings', ZOk, { firstStepsHidden: true }),
  logoutOthers: () => request('POST', '/api/auth/logout-others', ZCount),
  endSession: (id: number) => request('POST', `/api/auth/sessions/${id}/end`, ZOk),
  sessions: () => request('GET', '/api/auth/sessions', ZSessionList),
  changePassword: (body: TChangePasswordRequest) => request('POST', '/api/auth/password', ZOk, body),
  resetPassword: (body: TResetPasswordRequest) => request('POST', '/api/auth/reset', ZMe, body),
  /** whose account a set-password link opens, in which school */
  resetPreview: (token: string) => request('POST', '/api/auth/reset/preview', ZResetLinkPreview, { token }),

  people: (query: TPeopleQuery = {}) => request('GET', `/api/people${peopleQuery(query)}`, ZPeopleList),
  createPerson: (body: TCreatePersonRequest) => request('POST', '/api/people', ZCreatedPerson, body),
  issueResetLink: (id: number) => request('POST', `/api/people/${id}/reset-link`, ZResetLink),

  chats: () => request('GET', '/api/chats', ZChatList),
  chat: (id: number) => request('GET', `/api/chats/${id}`, ZChat),
  createChat: (body: TCreateChatRequest) => request('POST', '/api/chats', ZChat, body),
  members: (id: number) => request('GET', `/api/chats/${id}/members`, ZChatMembers),
  muteChat: (id: number, muted: boolean) => request('POST', `/api/chats/${id}/mute`, ZOk, { muted }),
  leaveChat: (id: number) => request('POST', `/api/chats/${id}/leave`, ZOk),
  messages: (id: number, before?: number, limit = 50) =>
    request(
      'GET',
      `/api/chats/${id}/messages?limit=${limit}${before ? `&before=${before}` : ''}`,
      ZMessagePage,
    ),
  /** 200 the delivered message, or 202 a waiting one (outside the working hours, or scheduled) */
  postMessage: (id: number, body: TPostMessageRequest) =>
    request('POST', `/api/chats/${id}/messages`, ZPostAnswer, body),
  /** one's own messages waiting in the chat */
  pendingMessages: (id: number) => request('GET', `/api/chats/${id}/pending`, ZPendingList),
  editPending: (id: number, clientId: string, body: TEditPendingRequest) =>
    request('PATCH', `/api/chats/${id}/pending/${encodeURIComponent(clientId)}`, ZPendingMessage, body),
  cancelPending: (id: number, clientId: string) =>
    request('DELETE', `/api/chats/${id}/pending/${encodeURIComponent(clientId)}`, ZOk),
  markRead: (id: number, messageId: number) =>
    request('POST', `/api/chats/${id}/read`, ZLastRead, { messageId }),

  /** the count on «Заявки» needs these on every reviewer's first load; the rest is in api/invites.ts */
  pendingJoins: () => request('GET', '/api/joins?status=pending', ZJoinList),
  myJoins: () => request('GET', '/api/joins/mine', ZJoinList),
};
