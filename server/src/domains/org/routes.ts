import {
  ZCreatedPerson,
  ZCreatePersonRequest,
  ZIdParam,
  ZNoBody,
  ZPeopleList,
  ZResetLink,
} from '@parta/protocol';
import { z } from 'zod';
import type { App, RouteDeps } from '../../http/types.js';
import { requirePerson } from '../../infra/require.js';
import { createPerson, issueResetLink } from './actions/index.js';
import { listPeople } from './queries.js';

export function orgRoutes(app: App, deps: RouteDeps): void {
  const { db } = deps.database;
  const resetUrl = (token: string) => `${deps.config.publicUrl}/reset/${token}`;

  app.get(
    '/api/people',
    { config: { policy: 'people.list' }, schema: { tags: ['people'], response: { 200: ZPeopleList } } },
    async (request) => ({ people: await listPeople(db, requirePerson(request.actor).schoolId) }),
  );

  app.post(
    '/api/people',
    {
      config: { policy: 'people.manage' },
      schema: { tags: ['people'], body: ZCreatePersonRequest, response: { 201: ZCreatedPerson } },
    },
    async (request, reply) => {
      const { person, link } = await deps.actions.run(request.actor, createPerson, request.body);
      return reply.status(201).send({
        person,
        setPasswordLink: { url: resetUrl(link.token), expiresAt: link.expiresAt.toISOString() },
      });
    },
  );

  app.post(
    '/api/people/:id/reset-link',
    {
      config: { policy: 'people.manage' },
      schema: {
        tags: ['people'],
        params: z.strictObject({ id: ZIdParam }),
        body: ZNoBody,
        response: { 200: ZResetLink },
      },
    },
    async (request) => {
      const link = await deps.actions.run(request.actor, issueResetLink, { userId: request.params.id });
      return { url: resetUrl(link.token), expiresAt: link.expiresAt.toISOString() };
    },
  );
}
