import {
  type TClassCard,
  ZAssignClassTeacherRequest,
  ZClassCard,
  ZCommitteeRequest,
  ZCreateClassesRequest,
  ZCreateClassRequest,
  ZCreatedClasses,
  ZIdParam,
  ZOk,
  ZRolloverPlan,
  ZRolloverRequest,
  ZSchoolSettingsRequest,
  ZSchoolStructure,
  ZSubjectTeacherRequest,
} from '@parta/protocol';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { schools } from '../../../db/schema.js';
import type { App, RouteDeps } from '../../../http/types.js';
import type { Person } from '../../../infra/actor.js';
import { enforce, requirePerson } from '../../../infra/require.js';
import {
  assignClassTeacher,
  assignSubjectTeacher,
  createClass,
  createClasses,
  removeSubjectTeacher,
  rolloverYear,
  setCommitteeMember,
  setSchoolSettings,
} from '../actions/index.js';
import { findClass } from '../load.js';
import { canViewClass, classAbilities } from '../policy.js';
import { classCard, schoolStructure } from '../queries-structure.js';
import { planRollover } from '../rollover.js';

const ZClassParams = z.strictObject({ id: ZIdParam });

export function classRoutes(app: App, deps: RouteDeps): void {
  const { db } = deps.database;
  const ok = { ok: true as const };

  /** A class card with what the viewer may do with it. */
  async function presentClass(person: Person, classId: number): Promise<TClassCard> {
    const card = await classCard(db, person.schoolId, classId);
    const classTeacherId = card.classTeacher?.id ?? null;
    return { ...card, policies: classAbilities(person, { classTeacherId, archived: card.archived }) };
  }

  app.get(
    '/api/school/structure',
    {
      config: { policy: 'structure.view' },
      schema: { tags: ['school'], response: { 200: ZSchoolStructure } },
    },
    async (request) => schoolStructure(db, requirePerson(request.actor).schoolId),
  );

  app.post(
    '/api/school/settings',
    {
      config: { policy: 'structure.manage' },
      schema: { tags: ['school'], body: ZSchoolSettingsRequest, response: { 200: ZOk } },
    },
    async (request) => {
      await deps.actions.run(request.actor, setSchoolSettings, request.body);
      return ok;
    },
  );

  app.post(
    '/api/classes',
    {
      config: { policy: 'structure.manage' },
      schema: { tags: ['school'], body: ZCreateClassRequest, response: { 201: ZClassCard } },
    },
    async (request, reply) => {
      const { classId } = await deps.actions.run(request.actor, createClass, request.body);
      return reply.status(201).send(await presentClass(requirePerson(request.actor), classId));
    },
  );

  app.post(
    '/api/classes/bulk',
    {
      config: { policy: 'structure.manage' },
      schema: { tags: ['school'], body: ZCreateClassesRequest, response: { 200: ZCreatedClasses } },
    },
    async (request) => deps.actions.run(request.actor, createClasses, request.body),
  );

  app.get(
    '/api/classes/:id',
    {
      config: { policy: 'classes.view' },
      schema: { tags: ['school'], params: ZClassParams, response: { 200: ZClassCard } },
    },
    async (request) => {
      const person = requirePerson(request.actor);
      enforce(canViewClass(person, await findClass(db, person.schoolId, request.params.id)));
      return presentClass(person, request.params.id);
    },
  );

  app.post(
    '/api/classes/:id/class-teacher',
    {
      config: { policy: 'structure.manage' },
      schema: {
        tags: ['school'],
        params: ZClassParams,
        body: ZAssignClassTeacherRequest,
        response: { 200: ZOk },
      },
    },
    async (request) => {
      await deps.actions.run(request.actor, assignClassTeacher, {
        classId: request.params.id,
        ...request.body,
      });
      return ok;
    },
  );

  app.post(
    '/api/classes/:id/subject-teachers',
    {
      config: { policy: 'structure.manage' },
      schema: {
        tags: ['school'],
        params: ZClassParams,
        body: ZSubjectTeacherRequest,
        response: { 200: ZOk },
      },
    },
    async (request) => {
      await deps.actions.run(request.actor, assignSubjectTeacher, {
        classId: request.params.id,
        ...request.body,
      });
      return ok;
    },
  );

  app.post(
    '/api/classes/:id/subject-teachers/remove',
    {
      config: { policy: 'structure.manage' },
      schema: {
        tags: ['school'],
        params: ZClassParams,
        body: ZSubjectTeacherRequest,
        response: { 200: ZOk },
      },
    },
    async (request) => {
      await deps.actions.run(request.actor, removeSubjectTeacher, {
        classId: request.params.id,
        ...request.body,
      });
      return ok;
    },
  );

  app.post(
    '/api/classes/:id/committee',
    {
      config: { policy: 'classes.edit' },
      schema: { tags: ['school'], params: ZClassParams, body: ZCommitteeRequest, response: { 200: ZOk } },
    },
    async (request) => {
      await deps.actions.run(request.actor, setCommitteeMember, {
        classId: request.params.id,
        ...request.body,
      });
      return ok;
    },
  );

  app.get(
    '/api/school/rollover',
    {
      config: { policy: 'structure.manage' },
      schema: { tags: ['school'], response: { 200: ZRolloverPlan } },
    },
    async (request) => {
      const [school] = await db
        .select()
        .from(schools)
        .where(eq(schools.id, requirePerson(request.actor).schoolId));
      return planRollover(db, school!);
    },
  );

  app.post(
    '/api/school/rollover',
    {
      config: { policy: 'structure.manage' },
      schema: { tags: ['school'], body: ZRolloverRequest, response: { 200: ZRolloverPlan } },
    },
    async (request) => deps.actions.run(request.actor, rolloverYear, request.body),
  );
}
