import {
  ZIdParam,
  ZMessage,
  ZMessagePage,
  ZMessagePageQuery,
  ZMessageReads,
  ZPostMessageRequest,
} from '@parta/protocol';
import { z } from 'zod';
import type { App, RouteDeps } from '../../http/types.js';
import { requirePerson } from '../../infra/require.js';
import { accessChat } from '../chats/access.js';
import { canSeeWhoHasNotRead } from '../chats/policy.js';
import { postMessage } from './actions.js';
import { listMessages, messageReads } from './queries.js';

const ZChatParams = z.strictObject({ id: ZIdParam });

export function messageRoutes(app: App, deps: RouteDeps): void {
  const { db } = deps.database;

  app.get(
    '/api/chats/:id/messages',
    {
      config: { policy: 'chats.read' },
      schema: {
        tags: ['messages'],
        params: ZChatParams,
        querystring: ZMessagePageQuery,
        response: { 200: ZMessagePage },
      },
    },
    async (request) => {
      const person = requirePerson(request.actor);
      await accessChat(db, person, request.params.id);
      return listMessages(db, request.params.id, request.query);
    },
  );

  app.get(
    '/api/chats/:id/messages/:messageId/reads',
    {
      config: { policy: 'chats.read' },
      schema: {
        tags: ['messages'],
        params: z.strictObject({ id: ZIdParam, messageId: ZIdParam }),
        response: { 200: ZMessageReads },
      },
    },
    async (request) => {
      const person = requirePerson(request.actor);
      const access = await accessChat(db, person, request.params.id);
      return messageReads(db, request.params.id, request.params.messageId, (authorId) =>
        canSeeWhoHasNotRead(person, access, authorId),
      );
    },
  );

  app.post(
    '/api/chats/:id/messages',
    {
      config: { policy: 'messages.post' },
      schema: {
        tags: ['messages'],
        params: ZChatParams,
        body: ZPostMessageRequest,
        response: { 200: ZMessage },
      },
    },
    async (request) =>
      deps.actions.run(request.actor, postMessage, { ...request.body, chatId: request.params.id }),
  );
}
