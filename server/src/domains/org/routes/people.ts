import {
  type Locale,
  type TPersonCard,
  ZCreatedPerson,
  ZCreatePersonRequest,
  ZGuardianRequest,
  ZIdParam,
  ZNoBody,
  ZOk,
  ZPeopleList,
  ZPeopleQuery,
  ZPersonCard,
  ZPlaceStudentRequest,
  ZResetLink,
  ZSetRolesRequest,
} from '@parta/protocol';
import { z } from 'zod';
import type { App, RouteDeps } from '../../../http/types.js';
import type { Person } from '../../../infra/actor.js';
import { enforce, requirePerson } from '../../../infra/require.js';
import type { DirectVerdicts } from '../../../infra/verdict.js';
import {
  createPerson,
  issueResetLink,
  linkGuardian,
  placeStudent,
  recordContactsRead,
  removePerson,
  setRoles,
  unlinkGuardian,
} from '../actions/index.js';
import { loadDirectRules } from '../direct-rules.js';
import { familyLabels } from '../families.js';
import { canSeeContacts, canSeePerson, personAbilities } from '../policy.js';
import { listPeople } from '../queries.js';
import { personCard } from '../queries-structure.js';

const ZPersonParams = z.strictObject({ id: ZIdParam });

export function peopleRoutes(app: App, deps: RouteDeps): void {
  const { db } = deps.database;
  const resetUrl = (token: string) => `${deps.config.publicUrl}/reset/${token}`;

  /** A person card with what the viewer may do with that person. */
  async function presentPerson(
    viewer: Person,
    personId: number,
    contacts: boolean,
    locale: Locale,
    rules?: DirectVerdicts,
  ): Promise<TPersonCard> {
    const card = await personCard(db, viewer.schoolId, personId, contacts);
    const direct = rules ?? (await loadDirectRules(db, viewer.schoolId));
    const labels = await familyLabels(db, viewer, viewer.schoolId, [personId], locale);
    return {
      ...card,
      context: labels.get(personId) ?? null,
      policies: personAbilities(viewer, direct, card),
    };
  }

  app.get(
    '/api/people',
    {
      config: { policy: 'people.list' },
      schema: { tags: ['people'], querystring: ZPeopleQuery, response: { 200: ZPeopleList } },
    },
    async (request) => {
      const viewer = requirePerson(request.actor);
      const rules = await loadDirectRules(db, viewer.schoolId);
      return listPeople(db, viewer, rules, request.query, request.locale);
    },
  );

  app.post(
    '/api/people',
    {
      config: { policy: 'people.manage' },
      schema: { tags: ['people'], body: ZCreatePersonRequest, response: { 201: ZCreatedPerson } },
    },
    async (request, reply) => {
      const { person, link } = await deps.actions.run(request.actor, createPerson, request.body);
      return reply.status(201).send({
        person,
        setPasswordLink: { url: resetUrl(link.token), expiresAt: link.expiresAt.toISOString() },
      });
    },
  );

  app.post(
    '/api/people/:id/reset-link',
    {
      config: { policy: 'people.manage' },
      schema: {
        tags: ['people'],
        params: ZPersonParams,
        body: ZNoBody,
        response: { 200: ZResetLink },
      },
    },
    async (request) => {
      const link = await deps.actions.run(request.actor, issueResetLink, { userId: request.params.id });
      return { url: resetUrl(link.token), expiresAt: link.expiresAt.toISOString() };
    },
  );

  app.get(
    '/api/people/:id',
    {
      config: { policy: 'people.view' },
      schema: { tags: ['people'], params: ZPersonParams, response: { 200: ZPersonCard } },
    },
    async (request) => {
      const viewer = requirePerson(request.actor);
      const rules = await loadDirectRules(db, viewer.schoolId);
      enforce(canSeePerson(viewer, rules, request.params.id));
      const self = viewer.userId === request.params.id;
      const admin = canSeeContacts(viewer).ok;
      if (admin && !self) await deps.actions.run(viewer, recordContactsRead, { personId: request.params.id });
      return presentPerson(viewer, request.params.id, admin || self, request.locale, rules);
    },
  );

  app.post(
    '/api/people/:id/roles',
    {
      config: { policy: 'people.set_roles' },
      schema: {
        tags: ['people'],
        params: ZPersonParams,
        body: ZSetRolesRequest,
        response: { 200: ZPersonCard },
      },
    },
    async (request) => {
      await deps.actions.run(request.actor, setRoles, { ...request.body, personId: request.params.id });
      return presentPerson(requirePerson(request.actor), request.params.id, false, request.locale);
    },
  );

  app.post(
    '/api/people/:id/leave',
    {
      config: { policy: 'structure.manage' },
      schema: { tags: ['people'], params: ZPersonParams, body: ZNoBody, response: { 200: ZOk } },
    },
    async (request) => {
      await deps.actions.run(request.actor, removePerson, { personId: request.params.id });
      return { ok: true as const };
    },
  );

  app.post(
    '/api/people/:id/class',
    {
      config: { policy: 'structure.manage' },
      schema: { tags: ['people'], params: ZPersonParams, body: ZPlaceStudentRequest, response: { 200: ZOk } },
    },
    async (request) => {
      await deps.actions.run(request.actor, placeStudent, { studentId: request.params.id, ...request.body });
      return { ok: true as const };
    },
  );

  app.post(
    '/api/people/:id/guardians',
    {
      config: { policy: 'classes.edit' },
      schema: { tags: ['people'], params: ZPersonParams, body: ZGuardianRequest, response: { 200: ZOk } },
    },
    async (request) => {
      await deps.actions.run(request.actor, linkGuardian, { studentId: request.params.id, ...request.body });
      return { ok: true as const };
    },
  );

  app.post(
    '/api/people/:id/guardians/remove',
    {
      config: { policy: 'classes.edit' },
      schema: { tags: ['people'], params: ZPersonParams, body: ZGuardianRequest, response: { 200: ZOk } },
    },
    async (request) => {
      await deps.actions.run(request.actor, unlinkGuardian, {
        studentId: request.params.id,
        ...request.body,
      });
      return { ok: true as const };
    },
  );
}
