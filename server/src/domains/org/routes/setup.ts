import { setupRoles, ZMe, ZSetupRequest, ZSetupStatus } from '@parta/protocol';
import { setSessionCookie } from '../../../http/session.js';
import type { App, RouteDeps } from '../../../http/types.js';
import { AppError } from '../../../infra/errors.js';
import { mePresenter } from '../../auth/me.js';
import { newPasswordHash } from '../../auth/password-rules.js';
import { sameSecret } from '../../auth/secrets.js';
import { describeDevice } from '../../auth/sessions.js';
import { setUpSchool } from '../actions/index.js';
import { isSetUp, soleSchoolName } from '../queries.js';

/**
 * First run: whether the school exists yet, and creating it with its admin,
 * who is logged in at once. Before the school exists only the code printed
 * at the first start opens the form.
 */
export function setupRoutes(app: App, deps: RouteDeps): void {
  const { db } = deps.database;
  const presentMe = mePresenter(db, deps);
  const device = (request: { headers: { 'user-agent'?: string | undefined } }) =>
    describeDevice(request.headers['user-agent']);

  app.get(
    '/api/setup',
    { config: { policy: 'auth.anyone' }, schema: { tags: ['setup'], response: { 200: ZSetupStatus } } },
    async () => ({ needed: !(await isSetUp(db)), school: await soleSchoolName(db) }),
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
}
