import {
  groupSlipCode,
  ZAnnulInvitesRequest,
  ZCount,
  ZCreatedInvite,
  ZCreateInviteRequest,
  ZIdParam,
  ZInviteCandidates,
  ZInviteCandidatesQuery,
  ZInviteList,
  ZInviteOptions,
  ZInvitePreview,
  ZInviteToken,
  ZNoBody,
  ZOk,
  ZRedeemInviteBody,
  ZRedeemResult,
} from '@parta/protocol';
import { z } from 'zod';
import { setSessionCookie } from '../../http/session.js';
import type { App, RouteDeps } from '../../http/types.js';
import { requirePerson } from '../../infra/require.js';
import { describeDevice } from '../auth/sessions.js';
import { countAttempt } from '../joins/attempts.js';
import { applicantPasswordHash, countingProbes } from '../joins/registration-probes.js';
import { annulInvites, createInvite, redeemInvite, revokeInvite } from './actions/index.js';
import { findUsableInvite, inviteSubject } from './load.js';
import { inviteCandidates, inviteOptions } from './options.js';
import { listInvites, previewInvite, schoolJoinCode } from './queries.js';

export function inviteRoutes(app: App, deps: RouteDeps): void {
  const { db } = deps.database;
  const joinUrl = (token: string) => `${deps.config.publicUrl}/join/${token}`;
  const limitGuesses = (address: string, token: string) => {
    const { subject, slip } = inviteSubject(token);
    return countAttempt(deps.failures, address, subject, { slip });
  };

  app.get(
    '/api/invites',
    { config: { policy: 'invites.manage' }, schema: { tags: ['invites'], response: { 200: ZInviteList } } },
    async (request) => ({ invites: await listInvites(db, requirePerson(request.actor)) }),
  );

  app.get(
    '/api/invites/options',
    {
      config: { policy: 'invites.manage' },
      schema: { tags: ['invites'], response: { 200: ZInviteOptions } },
    },
    async (request) => inviteOptions(db, requirePerson(request.actor)),
  );

  app.get(
    '/api/invites/candidates',
    {
      config: { policy: 'invites.manage' },
      schema: {
        tags: ['invites'],
        querystring: ZInviteCandidatesQuery,
        response: { 200: ZInviteCandidates },
      },
    },
    async (request) => inviteCandidates(db, requirePerson(request.actor), request.query),
  );

  app.post(
    '/api/invites',
    {
      config: { policy: 'invites.manage' },
      schema: { tags: ['invites'], body: ZCreateInviteRequest, response: { 201: ZCreatedInvite } },
    },
    async (request, reply) => {
      const viewer = requirePerson(request.actor);
      const { inviteId, token, code } = await deps.actions.run(request.actor, createInvite, request.body);
      const [invite] = await listInvites(db, viewer, inviteId);
      return reply.status(201).send({
        invite: invite!,
        url: joinUrl(token),
        code: code === null ? null : groupSlipCode(code),
        codePage: `${deps.config.publicUrl}/join`,
        schoolPage: `${deps.config.publicUrl}/school`,
        schoolCode: await schoolJoinCode(db, viewer.schoolId),
      });
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
      schema: { tags: ['invites'], body: ZInviteToken, response: { 200: ZInvitePreview } },
    },
    async (request) => {
      const limit = await limitGuesses(request.ip, request.body.token);
      try {
        const invite = await findUsableInvite(db, request.body.token, deps.clock.now());
        await limit.succeeded();
        return await previewInvite(db, invite);
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
        body: ZRedeemInviteBody,
        response: { 200: ZRedeemResult },
      },
    },
    async (request, reply) => {
      const limit = await limitGuesses(request.ip, request.body.token);
      try {
        const device = describeDevice(request.headers['user-agent']);
        const invite = await findUsableInvite(db, request.body.token, deps.clock.now());
        const passwordHash = await applicantPasswordHash(request.actor, request.body, invite.role);
        const redeemed = await countingProbes(deps.failures, request.ip, request.body.register, () =>
          deps.actions.run(request.actor, redeemInvite, { ...request.body, device, passwordHash }),
        );
        await limit.succeeded();
        if (redeemed.session) setSessionCookie(reply, redeemed.session.token, deps.config.publicUrl);
        return {
          outcome: redeemed.outcome,
          request: redeemed.request,
          csrfToken: redeemed.session?.csrfToken ?? request.session!.csrfToken,
        };
      } catch (error) {
        await limit.failed(error);
        throw error;
      }
    },
  );
}
