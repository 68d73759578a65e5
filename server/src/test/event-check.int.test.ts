import type { TEventPayload } from '@parta/protocol';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Action } from '../infra/actions.js';
import { takeEventMismatches } from './event-check.js';
import { setUpSchool } from './school.js';
import { startTestServer, type TestServer } from './server.js';

let server: TestServer;
let adminId: number;

beforeAll(async () => {
  server = await startTestServer();
  adminId = (await setUpSchool(server)).me!.id;
});
afterAll(() => server?.close());

const admin = () => ({
  kind: 'person' as const,
  userId: adminId,
  schoolId: 1,
  roles: ['admin' as const],
  sessionId: null,
});

/** An action that announces the payload it is given, through the one write path. */
const announce: Action<unknown, null> = async (_ctx, payload) => ({
  result: null,
  audit: null,
  events: [{ payload: payload as TEventPayload, userIds: [adminId] }],
});

it('passes an event its schema names exactly', async () => {
  await server.parta.actions.run(admin(), announce, { type: 'people.update', personId: adminId });
  expect(takeEventMismatches()).toEqual([]);
});

it('catches an event whose fields break its schema', async () => {
  await server.parta.actions.run(admin(), announce, { type: 'people.update', personId: -1 });
  const [mismatch, ...more] = takeEventMismatches();
  expect(more).toEqual([]);
  expect(mismatch).toMatch(/^event people\.update #\d+ does not parse: /);
  expect(mismatch).toContain('personId');
});

it('catches a field the schema does not name', async () => {
  await server.parta.actions.run(admin(), announce, {
    type: 'people.update',
    personId: adminId,
    phone: '+79001234567',
  });
  const [mismatch, ...more] = takeEventMismatches();
  expect(more).toEqual([]);
  expect(mismatch).toMatch(/^event people\.update #\d+ has fields its schema does not name: /);
  expect(mismatch).toContain('phone');
});

it('catches a type the protocol does not know', async () => {
  await server.parta.actions.run(admin(), announce, { type: 'people.vanish', personId: adminId });
  expect(takeEventMismatches()).toEqual([expect.stringMatching(/^event people\.vanish #\d+ does not parse/)]);
});
