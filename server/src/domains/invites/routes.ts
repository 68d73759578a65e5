import {
  ZAnnulInvitesRequest,
  ZCount,
  ZCreatedInvite,
  ZCreateInviteRequest,
  ZIdParam,
  ZInviteList,
  ZInvitePreview,
  ZNoBody,
  ZOk,
  ZRedeemInviteRequest,
  ZRedeemResult,
} from '@parta/protocol';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { setSessionCookie } from '../../http/session.js';
import type { App, RouteDeps } from '../../http/types.js';
import { AppError } from '../../infra/errors.js';
import { requirePerson } from '../../infra/require.js';
import { hashToken } from '../auth/secrets.js';
import { describeDevice } from '../auth/sessions.js';
import { annulInvites, createInvite, redeemInvite, revokeInvite } from './actions/index.js';
import { findUsableInvite } from './load.js';
import { listInvites, listJoinRequests, previewInvite } from './queries.js';

const ZToken = z.strictObject({ token: z.string().min(1).max(200) });
/** Wrong links from one address before it must wait; uses of one link in the same window. */
export const redeemLimits = { failuresPerAddress: 30, attemptsPerLink: 100 };

export function inviteRoutes(app: App, deps: RouteDeps): void {
  const { db } = deps.database;
  const joinUrl = (token: string) => `${deps.config.publicUrl}/join/${token}`;

  /** Counts the attempt; refuses when this address guessed too often or this link is hammered. */
  async function limitAttempts(request: FastifyRequest, token: string) {
    const addressKey = `invite:address:${request.ip}`;
    const linkKey = `invite:link:${hashToken(token)}`;
    const [failures, attempts] = await Promise.all([
      deps.failures.count(addressKey),
      deps.failures.count(linkKey),
    ]);
    if (failures >= redeemLimits.failuresPerAddress || attempts >= redeemLimits.attemptsPerLink) {
      const seconds = Math.ceil(deps.failures.retryAfterMs() / 1000);
      throw new AppError('invites.rate_limited', { minutes: Math.ceil(seconds / 60), seconds });
    }
    await deps.failures.add(linkKey);
    return {
      failed: (error: unknown) =>
        error instanceof AppError && error.code.startsWith('invites.')
          ? deps.failures.add(addressKey)
          : undefined,
    };
  }

  app.get(
    '/api/invites',
    { config: { policy: 'invites.manage' }, schema: { tags: ['invites'], response: { 200: ZInviteList } } },
    async (request) => ({ invites: await listInvites(db, requirePerson(request.actor)) }),
  );

  app.post(
    '/api/invites',
    {
      config: { policy: 'invites.manage' },
      schema: { tags: ['invites'], body: ZCreateInviteRequest, response: { 201: ZCreatedInvite } },
    },
    async (request, reply) => {
      const { inviteId, token } = await deps.actions.run(request.actor, createInvite, request.body);
      const invite = (await listInvites(db, requirePerson(request.actor))).find(
        (row) => row.id === inviteId,
      )!;
      return reply.status(201).send({ invite, url: joinUrl(token) });
    },
  );

  app.post(
    '/api/invites/:id/revoke',
    {
      config: { policy: 'invites.manage' },
      schema: {
        tags: ['invites'],
        params: z.strictObject({ id: ZIdParam }),
        body: ZNoBody,
        response: { 200: ZOk },
      },
    },
    async (request) => {
      await deps.actions.run(request.actor, revokeInvite, { inviteId: request.params.id });
      return { ok: true as const };
    },
  );

  app.post(
    '/api/invites/annul',
    {
      config: { policy: 'invites.manage' },
      schema: { tags: ['invites'], body: ZAnnulInvitesRequest, response: { 200: ZCount } },
    },
    async (request) => deps.actions.run(request.actor, annulInvites, request.body),
  );

  app.post(
    '/api/invites/preview',
    {
      config: { policy: 'auth.anyone' },
      schema: { tags: ['invites'], body: ZToken, response: { 200: ZInvitePreview } },
    },
    async (request) => {
      const limit = await limitAttempts(request, request.body.token);
      try {
        return await previewInvite(db, await findUsableInvite(db, request.body.token, deps.clock.now()));
      } catch (error) {
        await limit.failed(error);
        throw error;
      }
    },
  );

  app.post(
    '/api/invites/redeem',
    {
      config: { policy: 'auth.anyone' },
      schema: {
        tags: ['invites'],
        body: ZRedeemInviteRequest.extend(ZToken.shape),
        response: { 200: ZRedeemResult },
      },
    },
    async (request, reply) => {
      const limit = await limitAttempts(request, request.body.token);
      try {
        const device = describeDevice(request.headers['user-agent']);
        const redeemed = await deps.actions.run(request.actor, redeemInvite, { ...request.body, device });
        if (redeemed.session) setSessionCookie(reply, redeemed.session.token, deps.config.publicUrl);
        const applicant = {
          kind: 'person',
          userId: redeemed.userId,
          schoolId: redeemed.schoolId,
          roles: [],
        } as const;
        const mine =
          redeemed.requestId === null
            ? []
            : await listJoinRequests(db, { ...applicant, sessionId: null }, { mine: true });
        return {
          outcome: redeemed.outcome,
          request: mine.find((row) => row.id === redeemed.requestId) ?? null,
          csrfToken: redeemed.session?.csrfToken ?? request.session!.csrfToken,
        };
      } catch (error) {
        await limit.failed(error);
        throw error;
      }
    },
  );
}
