import { ZJoinByCodeRequest, ZRedeemResult, ZSchoolPreview, ZSchoolPreviewRequest } from '@parta/protocol';
import { setSessionCookie } from '../../http/session.js';
import type { App, RouteDeps } from '../../http/types.js';
import { describeDevice } from '../auth/sessions.js';
import { requestToJoin } from './actions.js';
import { countAttempt } from './attempts.js';
import { findSchoolByCode, listOpenClasses } from './queries.js';
import { applicantPasswordHash, countingProbes } from './registration-probes.js';

/**
 * The school's public page (`/school`): a family without an invite types the
 * school's code, picks the class, types their child's surname and first name,
 * and asks to join. The code shows the classes, never the children: their
 * names are shown only behind a class invite (`/join/…`).
 */
export function publicJoinRoutes(app: App, deps: RouteDeps): void {
  const { db } = deps.database;

  app.post(
    '/api/schools/preview',
    {
      config: { policy: 'auth.anyone' },
      schema: { tags: ['joins'], body: ZSchoolPreviewRequest, response: { 200: ZSchoolPreview } },
    },
    async (request) => {
      const attempt = await countAttempt(deps.failures, request.ip, `code:${request.body.code}`);
      const school = await findSchoolByCode(db, request.body.code).catch(async (error) => {
        await attempt.failed(error);
        throw error;
      });
      return { school: school.name, classes: await listOpenClasses(db, school.id) };
    },
  );

  app.post(
    '/api/schools/join',
    {
      config: { policy: 'auth.anyone' },
      schema: { tags: ['joins'], body: ZJoinByCodeRequest, response: { 200: ZRedeemResult } },
    },
    async (request, reply) => {
      const attempt = await countAttempt(deps.failures, request.ip, `code:${request.body.code}`);
      try {
        const device = describeDevice(request.headers['user-agent']);
        const passwordHash = await applicantPasswordHash(request.actor, request.body, request.body.role);
        const joined = await countingProbes(deps.failures, request.ip, request.body.register, () =>
          deps.actions.run(request.actor, requestToJoin, { ...request.body, device, passwordHash }),
        );
        if (joined.session) setSessionCookie(reply, joined.session.token, deps.config.publicUrl);
        return {
          outcome: 'pending' as const,
          request: joined.request,
          csrfToken: joined.session?.csrfToken ?? request.session!.csrfToken,
        };
      } catch (error) {
        await attempt.failed(error);
        throw error;
      }
    },
  );
}
