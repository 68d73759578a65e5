import {
  ZBulkApproveRequest,
  ZCount,
  ZIdParam,
  ZJoinList,
  ZNoBody,
  ZOk,
  ZRejectRequest,
} from '@parta/protocol';
import { z } from 'zod';
import type { App, RouteDeps } from '../../http/types.js';
import { requirePerson } from '../../infra/require.js';
import { approveJoins, rejectJoin } from './actions.js';
import { listJoinRequests } from './queries.js';

const ZJoinParams = z.strictObject({ id: ZIdParam });
const ZJoinQuery = z.strictObject({ status: z.enum(['pending', 'approved', 'rejected']).optional() });

export function joinRoutes(app: App, deps: RouteDeps): void {
  const { db } = deps.database;

  app.get(
    '/api/joins',
    {
      config: { policy: 'joins.review' },
      schema: { tags: ['joins'], querystring: ZJoinQuery, response: { 200: ZJoinList } },
    },
    async (request) => ({
      requests: await listJoinRequests(db, requirePerson(request.actor), request.query),
    }),
  );

  app.get(
    '/api/joins/mine',
    { config: { policy: 'auth.own_account' }, schema: { tags: ['joins'], response: { 200: ZJoinList } } },
    async (request) => ({
      requests: await listJoinRequests(db, requirePerson(request.actor), { mine: true }),
    }),
  );

  app.post(
    '/api/joins/:id/approve',
    {
      config: { policy: 'joins.review' },
      schema: { tags: ['joins'], params: ZJoinParams, body: ZNoBody, response: { 200: ZOk } },
    },
    async (request) => {
      await deps.actions.run(request.actor, approveJoins, { ids: [request.params.id] });
      return { ok: true as const };
    },
  );

  app.post(
    '/api/joins/approve',
    {
      config: { policy: 'joins.review' },
      schema: { tags: ['joins'], body: ZBulkApproveRequest, response: { 200: ZCount } },
    },
    async (request) => ({
      count: (await deps.actions.run(request.actor, approveJoins, request.body)).approved,
    }),
  );

  app.post(
    '/api/joins/:id/reject',
    {
      config: { policy: 'joins.review' },
      schema: { tags: ['joins'], params: ZJoinParams, body: ZRejectRequest, response: { 200: ZOk } },
    },
    async (request) => {
      await deps.actions.run(request.actor, rejectJoin, { id: request.params.id, ...request.body });
      return { ok: true as const };
    },
  );
}
