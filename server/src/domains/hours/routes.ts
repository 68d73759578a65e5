import { ZHoursReport, ZWorkingHours, ZWorkingHoursAnswer, ZWorkingHoursRequest } from '@parta/protocol';
import type { App, RouteDeps } from '../../http/types.js';
import { requirePerson } from '../../infra/require.js';
import { setWorkingHours } from './actions.js';
import { canSeeHoursReport, canSetHours } from './policy.js';
import { hoursReport } from './report.js';
import { schoolHours } from './study.js';

const tags = ['hours'];

export function hoursRoutes(app: App, deps: RouteDeps): void {
  const { db } = deps.database;

  app.get(
    '/api/hours',
    { config: { policy: 'hours.read' }, schema: { tags, response: { 200: ZWorkingHoursAnswer } } },
    async (request) => {
      const person = requirePerson(request.actor);
      const school = await schoolHours(db, person.schoolId);
      return {
        ...school,
        now: deps.clock.now().toISOString(),
        policies: { edit: canSetHours(person).ok, seeReport: canSeeHoursReport(person).ok },
      };
    },
  );

  app.post(
    '/api/hours',
    {
      config: { policy: 'hours.set' },
      schema: { tags, body: ZWorkingHoursRequest, response: { 200: ZWorkingHours } },
    },
    async (request) => deps.actions.run(request.actor, setWorkingHours, request.body),
  );

  app.get(
    '/api/hours/report',
    { config: { policy: 'hours.report' }, schema: { tags, response: { 200: ZHoursReport } } },
    async (request) => hoursReport(db, requirePerson(request.actor).schoolId, deps.clock.now()),
  );
}
