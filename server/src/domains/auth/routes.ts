import {
  ZChangePasswordRequest,
  ZCount,
  ZIdParam,
  ZLoginRequest,
  ZMe,
  ZNoBody,
  ZOk,
  ZResetLinkPreview,
  ZResetLinkToken,
  ZResetPasswordRequest,
  ZSessionList,
  ZSetLocaleRequest,
} from '@parta/protocol';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { clearSessionCookie, setSessionCookie } from '../../http/session.js';
import type { App, RouteDeps } from '../../http/types.js';
import { AppError } from '../../infra/errors.js';
import { loginLimits } from '../../infra/rate-limit.js';
import { requirePerson } from '../../infra/require.js';
import {
  changePassword,
  endOneSession,
  endOtherSessions,
  endSession,
  resetPassword,
  setLocale,
  startSession,
} from './actions.js';
import { mePresenter } from './me.js';
import { checkLogin, checkPasswordChange } from './password-checks.js';
import { newPasswordHash } from './password-rules.js';
import { findResetLink, listSessions, previewResetLink } from './queries.js';
import { describeDevice, type NewSession } from './sessions.js';

export function authRoutes(app: App, deps: RouteDeps): void {
  const { db } = deps.database;
  const checks = {
    db,
    failures: deps.failures,
    actions: deps.actions,
    limits: deps.loginLimits ?? loginLimits,
  };

  const presentMe = mePresenter(db, deps);

  const device = (request: FastifyRequest) => describeDevice(request.headers['user-agent']);

  app.post(
    '/api/auth/login',
    {
      config: { policy: 'auth.anyone' },
      schema: { tags: ['auth'], body: ZLoginRequest, response: { 200: ZMe } },
    },
    async (request, reply) => {
      const user = await checkLogin(checks, request.actor, { ...request.body, ip: request.ip });
      const session: NewSession = await deps.actions.run(request.actor, startSession, {
        user,
        device: device(request),
      });
      setSessionCookie(reply, session.token, deps.config.publicUrl);
      return presentMe(request, session.userId, session.csrfToken);
    },
  );

  app.post(
    '/api/auth/reset',
    {
      config: { policy: 'auth.anyone' },
      schema: { tags: ['auth'], body: ZResetPasswordRequest, response: { 200: ZMe } },
    },
    async (request, reply) => {
      const { token, newPassword } = request.body;
      const link = await findResetLink(db, token, deps.clock.now());
      if (!link) throw new AppError('auth.reset_link_invalid');
      const session = await deps.actions.run(request.actor, resetPassword, {
        token,
        passwordHash: await newPasswordHash(newPassword, link.roles),
        device: device(request),
      });
      setSessionCookie(reply, session.token, deps.config.publicUrl);
      return presentMe(request, session.userId, session.csrfToken);
    },
  );

  app.post(
    '/api/auth/reset/preview',
    {
      config: { policy: 'auth.anyone' },
      schema: { tags: ['auth'], body: ZResetLinkToken, response: { 200: ZResetLinkPreview } },
    },
    async (request) => {
      const preview = await previewResetLink(db, request.body.token, deps.clock.now());
      if (!preview) throw new AppError('auth.reset_link_invalid');
      return preview;
    },
  );

  app.get(
    '/api/me',
    { config: { policy: 'auth.own_account' }, schema: { tags: ['auth'], response: { 200: ZMe } } },
    async (request) => presentMe(request, requirePerson(request.actor).userId, request.session!.csrfToken),
  );

  app.post(
    '/api/me/locale',
    {
      config: { policy: 'auth.own_account' },
      schema: { tags: ['auth'], body: ZSetLocaleRequest, response: { 200: ZMe } },
    },
    async (request) => {
      await deps.actions.run(request.actor, setLocale, request.body);
      return presentMe(request, requirePerson(request.actor).userId, request.session!.csrfToken);
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { policy: 'auth.own_account' },
      schema: { tags: ['auth'], body: ZNoBody, response: { 200: ZOk } },
    },
    async (request, reply) => {
      await deps.actions.run(request.actor, endSession, undefined);
      clearSessionCookie(reply);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/auth/logout-others',
    {
      config: { policy: 'auth.own_account' },
      schema: { tags: ['auth'], body: ZNoBody, response: { 200: ZCount } },
    },
    async (request) => deps.actions.run(request.actor, endOtherSessions, undefined),
  );

  app.get(
    '/api/auth/sessions',
    { config: { policy: 'auth.own_account' }, schema: { tags: ['auth'], response: { 200: ZSessionList } } },
    async (request) => {
      const person = requirePerson(request.actor);
      return listSessions(db, person.userId, person.sessionId ?? 0, deps.clock.now());
    },
  );

  app.post(
    '/api/auth/sessions/:id/end',
    {
      config: { policy: 'auth.own_account' },
      schema: {
        tags: ['auth'],
        params: z.strictObject({ id: ZIdParam }),
        body: ZNoBody,
        response: { 200: ZOk },
      },
    },
    async (request) => {
      await deps.actions.run(request.actor, endOneSession, { sessionId: request.params.id });
      return { ok: true as const };
    },
  );

  app.post(
    '/api/auth/password',
    {
      config: { policy: 'auth.own_account' },
      schema: { tags: ['auth'], body: ZChangePasswordRequest, response: { 200: ZOk } },
    },
    async (request) => {
      const person = requirePerson(request.actor);
      const checked = await checkPasswordChange(checks, person, { ...request.body, ip: request.ip });
      await deps.actions.run(request.actor, changePassword, checked);
      return { ok: true as const };
    },
  );
}
