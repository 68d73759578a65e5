import {
  ZEditMessageRequest,
  ZForwardRequest,
  ZIdParam,
  ZMessage,
  ZMessageHistory,
  ZMessageIdParam,
  ZMessagePage,
  ZMessagePageQuery,
  ZMessageReads,
  ZNoBody,
  ZPendingMessage,
  ZPinnedMessages,
  ZPinRequest,
  ZPostMessageRequest,
  ZReactRequest,
} from '@parta/protocol';
import { z } from 'zod';
import type { App, RouteDeps } from '../../http/types.js';
import { requirePerson } from '../../infra/require.js';
import { accessChat } from '../chats/access.js';
import { canModerate, canPostMessage, canSeeWhoRead } from '../chats/policy.js';
import {
  deleteMessage,
  editMessage,
  forwardMessage,
  pinMessage,
  postMessage,
  reactToMessage,
} from './actions/index.js';
import { pendingRoutes } from './pending/routes.js';
import { withPolicies } from './policy.js';
import { listMessages, listPins, messageHistory, messageReads, withAuthorContexts } from './queries.js';

const ZChatParams = z.strictObject({ id: ZIdParam });
const ZMessageParams = z.strictObject({ id: ZIdParam, messageId: ZMessageIdParam });
const tags = ['messages'];

export function messageRoutes(app: App, deps: RouteDeps): void {
  const { db } = deps.database;
  const ref = (params: { id: number; messageId: number }) => ({
    chatId: params.id,
    messageId: params.messageId,
  });

  app.get(
    '/api/chats/:id/messages',
    {
      config: { policy: 'chats.read' },
      schema: { tags, params: ZChatParams, querystring: ZMessagePageQuery, response: { 200: ZMessagePage } },
    },
    async (request) => {
      const person = requirePerson(request.actor);
      const access = await accessChat(db, person, request.params.id);
      const page = await listMessages(db, request.params.id, request.query);
      const now = deps.clock.now();
      const shown = await withAuthorContexts(db, person, page.messages, request.locale);
      return { ...page, messages: shown.map((m) => withPolicies(person, access, m, now)) };
    },
  );

  app.get(
    '/api/chats/:id/pins',
    {
      config: { policy: 'chats.read' },
      schema: { tags, params: ZChatParams, response: { 200: ZPinnedMessages } },
    },
    async (request) => {
      const person = requirePerson(request.actor);
      const access = await accessChat(db, person, request.params.id);
      const now = deps.clock.now();
      const pins = await withAuthorContexts(
        db,
        person,
        await listPins(db, request.params.id),
        request.locale,
      );
      return { messages: pins.map((m) => withPolicies(person, access, m, now)) };
    },
  );

  app.get(
    '/api/chats/:id/messages/:messageId/reads',
    {
      config: { policy: 'chats.read' },
      schema: { tags, params: ZMessageParams, response: { 200: ZMessageReads } },
    },
    async (request) => {
      const person = requirePerson(request.actor);
      const access = await accessChat(db, person, request.params.id);
      const abilities = {
        seeWhoRead: canSeeWhoRead(person, access).ok,
        remind: canPostMessage(person, access).ok,
      };
      const { id, messageId } = request.params;
      return messageReads(db, person, id, messageId, abilities, request.locale);
    },
  );

  app.get(
    '/api/chats/:id/messages/:messageId/history',
    {
      config: { policy: 'messages.moderate' },
      schema: { tags, params: ZMessageParams, response: { 200: ZMessageHistory } },
    },
    async (request) => {
      await accessChat(db, requirePerson(request.actor), request.params.id, canModerate);
      return messageHistory(db, request.params.id, request.params.messageId);
    },
  );

  // 200: delivered now; 202: it waits — for the working hours, or for the time its author chose.
  app.post(
    '/api/chats/:id/messages',
    {
      config: { policy: 'messages.post', limit: 'posts' },
      schema: {
        tags,
        params: ZChatParams,
        body: ZPostMessageRequest,
        response: { 200: ZMessage, 202: ZPendingMessage },
      },
    },
    async (request, reply) => {
      const sent = await deps.actions.runStatement(request.actor, postMessage, {
        ...request.body,
        chatId: request.params.id,
      });
      if ('deliverAt' in sent) reply.code(202);
      return sent;
    },
  );

  app.patch(
    '/api/chats/:id/messages/:messageId',
    {
      config: { policy: 'messages.change', limit: 'edits' },
      schema: { tags, params: ZMessageParams, body: ZEditMessageRequest, response: { 200: ZMessage } },
    },
    async (request) =>
      deps.actions.run(request.actor, editMessage, { ...request.body, ...ref(request.params) }),
  );

  app.delete(
    '/api/chats/:id/messages/:messageId',
    {
      config: { policy: 'messages.change', limit: 'edits' },
      schema: { tags, params: ZMessageParams, body: ZNoBody, response: { 200: ZMessage } },
    },
    async (request) => deps.actions.run(request.actor, deleteMessage, ref(request.params)),
  );

  app.post(
    '/api/chats/:id/messages/:messageId/reactions',
    {
      config: { policy: 'messages.react', limit: 'reactions' },
      schema: { tags, params: ZMessageParams, body: ZReactRequest, response: { 200: ZMessage } },
    },
    async (request) =>
      deps.actions.run(request.actor, reactToMessage, { ...request.body, ...ref(request.params) }),
  );

  app.post(
    '/api/chats/:id/messages/:messageId/pin',
    {
      config: { policy: 'messages.pin', limit: 'edits' },
      schema: { tags, params: ZMessageParams, body: ZPinRequest, response: { 200: ZMessage } },
    },
    async (request) =>
      deps.actions.run(request.actor, pinMessage, { ...request.body, ...ref(request.params) }),
  );

  app.post(
    '/api/chats/:id/messages/:messageId/forward',
    {
      config: { policy: 'messages.post', limit: 'posts' },
      schema: {
        tags,
        params: ZMessageParams,
        body: ZForwardRequest,
        response: { 200: ZMessage, 202: ZPendingMessage },
      },
    },
    async (request, reply) => {
      const sent = await deps.actions.runStatement(request.actor, forwardMessage, {
        ...request.body,
        ...ref(request.params),
      });
      if ('deliverAt' in sent) reply.code(202);
      return sent;
    },
  );

  pendingRoutes(app, deps);
}
