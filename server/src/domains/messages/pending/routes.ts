import { ZEditPendingRequest, ZIdParam, ZNoBody, ZOk, ZPendingList, ZPendingMessage } from '@parta/protocol';
import { z } from 'zod';
import type { App, RouteDeps } from '../../../http/types.js';
import { requirePerson } from '../../../infra/require.js';
import { accessChat } from '../../chats/access.js';
import { cancelPending, editPending } from './change.js';
import { listPending } from './present.js';

const ZChatParams = z.strictObject({ id: ZIdParam });
const ZPendingParams = z.strictObject({ id: ZIdParam, clientId: z.uuid() });
const tags = ['messages'];

/** One's own messages that wait (for the working hours, or for the time one chose). */
export function pendingRoutes(app: App, deps: RouteDeps): void {
  const { db } = deps.database;
  const ref = (params: { id: number; clientId: string }) => ({
    chatId: params.id,
    clientId: params.clientId,
  });

  app.get(
    '/api/chats/:id/pending',
    {
      config: { policy: 'chats.read' },
      schema: { tags, params: ZChatParams, response: { 200: ZPendingList } },
    },
    async (request) => {
      const person = requirePerson(request.actor);
      await accessChat(db, person, request.params.id);
      return { messages: await listPending(db, person.userId, request.params.id) };
    },
  );

  app.patch(
    '/api/chats/:id/pending/:clientId',
    {
      config: { policy: 'messages.change', limit: 'edits' },
      schema: { tags, params: ZPendingParams, body: ZEditPendingRequest, response: { 200: ZPendingMessage } },
    },
    async (request) =>
      deps.actions.run(request.actor, editPending, { ...request.body, ...ref(request.params) }),
  );

  app.delete(
    '/api/chats/:id/pending/:clientId',
    {
      config: { policy: 'messages.change', limit: 'edits' },
      schema: { tags, params: ZPendingParams, body: ZNoBody, response: { 200: ZOk } },
    },
    async (request) => {
      await deps.actions.run(request.actor, cancelPending, ref(request.params));
      return { ok: true as const };
    },
  );
}
