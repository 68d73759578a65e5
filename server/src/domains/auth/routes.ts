import {
  type Role,
  setupRoles,
  ZChangePasswordRequest,
  ZCount,
  ZLoginRequest,
  ZMe,
  ZNoBody,
  ZOk,
  ZResetPasswordRequest,
  ZSessionList,
  ZSetLocaleRequest,
  ZSetupRequest,
  ZSetupStatus,
} from '@parta/protocol';
import type { FastifyRequest } from 'fastify';
import { clearSessionCookie, setSessionCookie } from '../../http/session.js';
import type { App, RouteDeps } from '../../http/types.js';
import { pickLocale } from '../../i18n/index.js';
import { AppError } from '../../infra/errors.js';
import { loginLimits } from '../../infra/rate-limit.js';
import { requirePerson } from '../../infra/require.js';
import { setUpSchool } from '../org/actions/index.js';
import { isSetUp } from '../org/queries.js';
import {
  changePassword,
  endOtherSessions,
  endSession,
  resetPassword,
  setLocale,
  startSession,
} from './actions.js';
import { meActor, mePolicies } from './me.js';
import { checkLogin, checkPasswordChange } from './password-checks.js';
import { newPasswordHash } from './password-rules.js';
import { findResetLink, getMe, listSessions } from './queries.js';
import { sameSecret } from './secrets.js';
import { describeDevice, type NewSession } from './sessions.js';

export function authRoutes(app: App, deps: RouteDeps): void {
  const { db } = deps.database;
  const checks = {
    db,
    failures: deps.failures,
    actions: deps.actions,
    limits: deps.loginLimits ?? loginLimits,
  };

  async function presentMe(request: FastifyRequest, userId: number, csrfToken: string) {
    const me = await getMe(db, userId);
    if (!me) throw new AppError('auth.required');
    const locale = pickLocale(request.headers['accept-language'], me.locale);
    return {
      ...me,
      roles: me.roles as never,
      locale,
      csrfToken,
      policies: mePolicies(meActor({ ...me, roles: me.roles as Role[] })),
    };
  }

  const device = (request: FastifyRequest) => describeDevice(request.headers['user-agent']);

  app.get(
    '/api/setup',
    { config: { policy: 'auth.anyone' }, schema: { tags: ['setup'], response: { 200: ZSetupStatus } } },
    async () => ({ needed: !(await isSetUp(db)) }),
  );

  app.post(
    '/api/setup',
    {
      config: { policy: 'auth.anyone' },
      schema: { tags: ['setup'], body: ZSetupRequest, response: { 201: ZMe } },
    },
    async (request, reply) => {
      const { password, setupToken, ...school } = request.body;
      // Once the school exists the action answers «already set up»; before, only the printed code opens it.
      if (!(await isSetUp(db)) && !sameSecret(setupToken, deps.config.setupToken)) {
        throw new AppError('setup.token_invalid');
      }
      const session = await deps.actions.run(request.actor, setUpSchool, {
        ...school,
        passwordHash: await newPasswordHash(password, setupRoles),
        device: device(request),
      });
      setSessionCookie(reply, session.token, deps.config.publicUrl);
      return reply.status(201).send(await presentMe(request, session.userId, session.csrfToken));
    },
  );

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
      return { sessions: await listSessions(db, person.userId, person.sessionId ?? 0, deps.clock.now()) };
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
