import {
  ZAddMembersRequest,
  ZChat,
  ZChatList,
  ZChatMembers,
  ZCount,
  ZCreateChatRequest,
  ZDirectChatRequest,
  ZDirectContacts,
  ZDirectContactsQuery,
  ZIdParam,
  ZMarkReadRequest,
  ZMuteChatRequest,
  ZNoBody,
  ZOk,
} from '@parta/protocol';
import { z } from 'zod';
import type { App, RouteDeps } from '../../http/types.js';
import { AppError } from '../../infra/errors.js';
import { latestCursor } from '../../infra/events.js';
import { requirePerson } from '../../infra/require.js';
import { familyLabels } from '../org/families.js';
import { accessChat } from './access.js';
import { addMembers, createChat, markRead } from './actions.js';
import { directContacts, openDirectChat } from './direct.js';
import { leaveChat, setMuted } from './membership.js';
import { listChats, listMembers } from './queries.js';

const ZChatParams = z.strictObject({ id: ZIdParam });

export function chatRoutes(app: App, deps: RouteDeps): void {
  const { db } = deps.database;

  async function presentChat(actor: Parameters<typeof listChats>[1], chatId: number) {
    const [chat] = await listChats(db, actor, chatId);
    if (!chat) throw new AppError('chats.not_found');
    return chat;
  }

  app.get(
    '/api/chats',
    { config: { policy: 'chats.read' }, schema: { tags: ['chats'], response: { 200: ZChatList } } },
    async (request) => {
      // The cursor is read first: events after it may repeat what the list shows, never miss it.
      const cursor = await latestCursor(db);
      return { cursor, chats: await listChats(db, requirePerson(request.actor)) };
    },
  );

  app.post(
    '/api/chats',
    {
      config: { policy: 'chats.create', limit: 'chats' },
      schema: { tags: ['chats'], body: ZCreateChatRequest, response: { 201: ZChat } },
    },
    async (request, reply) => {
      const { chatId } = await deps.actions.run(request.actor, createChat, request.body);
      return reply.status(201).send(await presentChat(requirePerson(request.actor), chatId));
    },
  );

  app.post(
    '/api/chats/direct',
    {
      config: { policy: 'chats.direct', limit: 'chats' },
      schema: { tags: ['chats'], body: ZDirectChatRequest, response: { 200: ZChat } },
    },
    async (request) => {
      const { chatId } = await deps.actions.run(request.actor, openDirectChat, request.body);
      return presentChat(requirePerson(request.actor), chatId);
    },
  );

  app.get(
    '/api/direct-contacts',
    {
      config: { policy: 'chats.direct' },
      schema: { tags: ['chats'], querystring: ZDirectContactsQuery, response: { 200: ZDirectContacts } },
    },
    async (request) => directContacts(db, requirePerson(request.actor), request.query.q),
  );

  app.get(
    '/api/chats/:id',
    {
      config: { policy: 'chats.read' },
      schema: { tags: ['chats'], params: ZChatParams, response: { 200: ZChat } },
    },
    async (request) => presentChat(requirePerson(request.actor), request.params.id),
  );

  app.get(
    '/api/chats/:id/members',
    {
      config: { policy: 'chats.read' },
      schema: { tags: ['chats'], params: ZChatParams, response: { 200: ZChatMembers } },
    },
    async (request) => {
      const person = requirePerson(request.actor);
      await accessChat(db, person, request.params.id);
      const members = await listMembers(db, request.params.id);
      const ids = members.map((member) => member.id);
      const labels = await familyLabels(db, person, person.schoolId, ids, request.locale);
      return { members: members.map((member) => ({ ...member, context: labels.get(member.id) ?? null })) };
    },
  );

  app.post(
    '/api/chats/:id/members',
    {
      config: { policy: 'chats.add_members', limit: 'chats' },
      schema: { tags: ['chats'], params: ZChatParams, body: ZAddMembersRequest, response: { 200: ZCount } },
    },
    async (request) => {
      const { added } = await deps.actions.run(request.actor, addMembers, {
        ...request.body,
        chatId: request.params.id,
      });
      return { count: added };
    },
  );

  app.post(
    '/api/chats/:id/read',
    {
      config: { policy: 'chats.read' },
      schema: {
        tags: ['chats'],
        params: ZChatParams,
        body: ZMarkReadRequest,
        response: { 200: z.object({ lastReadMessageId: z.number() }) },
      },
    },
    async (request) =>
      deps.actions.run(request.actor, markRead, { ...request.body, chatId: request.params.id }),
  );

  app.post(
    '/api/chats/:id/mute',
    {
      config: { policy: 'chats.mute' },
      schema: { tags: ['chats'], params: ZChatParams, body: ZMuteChatRequest, response: { 200: ZOk } },
    },
    async (request) => {
      await deps.actions.run(request.actor, setMuted, {
        chatId: request.params.id,
        muted: request.body.muted,
      });
      return { ok: true as const };
    },
  );

  app.post(
    '/api/chats/:id/leave',
    {
      config: { policy: 'chats.leave' },
      schema: { tags: ['chats'], params: ZChatParams, body: ZNoBody, response: { 200: ZOk } },
    },
    async (request) => {
      await deps.actions.run(request.actor, leaveChat, { chatId: request.params.id });
      return { ok: true as const };
    },
  );
}
