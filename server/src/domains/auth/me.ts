import { defaultWorkingHours, type Role, type TMe } from '@parta/protocol';
import type { FastifyRequest } from 'fastify';
import type { Queryable } from '../../db/client.js';
import type { RouteDeps } from '../../http/types.js';
import { pickLocale } from '../../i18n/index.js';
import type { Person } from '../../infra/actor.js';
import { AppError } from '../../infra/errors.js';
import { getMe } from './queries.js';

/** The person whose `me` is answered, as the rules see them (also right after login, when the request had no session). */
export function meActor(me: { id: number; school: { id: number }; roles: readonly Role[] }): Person {
  return { kind: 'person', userId: me.id, schoolId: me.school.id, roles: me.roles, sessionId: null };
}

/**
 * The answer of `/api/me`, and of logging in, resetting a password and
 * setting up: the person, their session's CSRF token, and what they may do
 * (composed above the domains, `deps.mePolicies`), and for whoever builds
 * the school, «Первые шаги» (`deps.meFirstSteps`).
 */
export function mePresenter(db: Queryable, deps: Pick<RouteDeps, 'mePolicies' | 'meFirstSteps' | 'clock'>) {
  return async (request: FastifyRequest, userId: number, csrfToken: string): Promise<TMe> => {
    const me = await getMe(db, userId);
    if (!me) throw new AppError('auth.required');
    const locale = pickLocale(request.headers['accept-language'], me.locale);
    const person = meActor({ ...me, roles: me.roles as Role[] });
    return {
      ...me,
      school: { ...me.school, hours: me.school.hours ?? defaultWorkingHours },
      now: deps.clock.now().toISOString(),
      roles: person.roles as Role[],
      locale,
      csrfToken,
      policies: deps.mePolicies(person),
      firstSteps: await deps.meFirstSteps(db, person),
    };
  };
}
