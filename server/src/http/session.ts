import { eq } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sessions } from '../db/schema.js';
import { findSession } from '../domains/auth/queries.js';
import { SESSION_MAX_AGE_MS } from '../domains/auth/sessions.js';
import { pickLocale } from '../i18n/index.js';
import { AppError } from '../infra/errors.js';
import type { SessionCache } from './session-cache.js';
import type { App, AppDeps } from './types.js';

export const SESSION_COOKIE = 'parta_session';
const TOUCH_EVERY_MS = 5 * 60 * 1000;
const mutating = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Resolves the actor from the session cookie on every request, notes when
 * the session was last used, and checks CSRF: a cookie-authenticated change must carry
 * the session's token in `x-csrf-token`; a change without a session (login,
 * setup) must come from this site's own pages.
 */
export function installSessions(app: App, deps: AppDeps, cache: SessionCache): void {
  app.decorateRequest('actor', null as never);
  app.decorateRequest('session', null);
  app.decorateRequest('locale', 'ru');

  app.addHook('onRequest', async (request) => {
    request.actor = { kind: 'anonymous' };
    request.locale = pickLocale(request.headers['accept-language']);
    const token = request.cookies[SESSION_COOKIE];
    if (!token || token.length > 200) return;
    const now = deps.clock.now();
    let session = cache.get(token, now);
    if (!session) {
      session = await findSession(deps.database.db, token, now);
      if (!session) return;
      cache.set(token, session);
    }
    request.session = session;
    request.locale = pickLocale(request.headers['accept-language'], session.locale);
    request.actor = {
      kind: 'person',
      userId: session.userId,
      schoolId: session.schoolId,
      roles: session.roles,
      sessionId: session.sessionId,
    };
    if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
      // Bookkeeping of the session itself, not a change anyone asked for: no action, no audit.
      // The expiry stays: a session ends 30 days after the login however much it is used.
      await deps.database.db
        .update(sessions)
        .set({ lastSeenAt: now })
        .where(eq(sessions.id, session.sessionId));
      cache.set(token, { ...session, lastSeenAt: now });
    }
  });

  app.addHook('preValidation', async (request) => {
    if (!mutating.has(request.method)) return;
    if (request.session) {
      if (request.headers['x-csrf-token'] !== request.session.csrfToken)
        throw new AppError('auth.csrf_failed');
    } else if (!isSameSite(request, deps.config.publicUrl)) {
      throw new AppError('auth.csrf_failed');
    }
  });
}

/** Browsers send Sec-Fetch-Site and Origin; scripts and tests may send neither. */
export function isSameSite(request: FastifyRequest, publicUrl: string): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site && site !== 'same-origin' && site !== 'none') return false;
  const origin = request.headers.origin;
  return !origin || isOwnOrigin(origin, request.headers.host, publicUrl);
}

export function isOwnOrigin(origin: string, host: string | undefined, publicUrl: string): boolean {
  try {
    const url = new URL(origin);
    return url.origin === new URL(publicUrl).origin || url.host === host;
  } catch {
    return false;
  }
}

export function setSessionCookie(reply: FastifyReply, token: string, publicUrl: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: publicUrl.startsWith('https:'),
    maxAge: SESSION_MAX_AGE_MS / 1000,
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
