import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestClient } from './test/client.js';
import { addPerson, otherSchoolAdmin, setUpSchool } from './test/school.js';
import { startTestServer, type TestServer } from './test/server.js';

/**
 * One installation, two schools (DESIGN §3.8): what belongs to school A
 * answers 404 to school B's admin, exactly like something that does not exist.
 */
let server: TestServer;
let adminA: TestClient;
let adminB: TestClient;
let chatA: number;
let personA: number;

beforeAll(async () => {
  server = await startTestServer();
  adminA = await setUpSchool(server);
  personA = (
    await addPerson(server, adminA, { fullName: 'Учитель А', login: 'teacher-a', roles: ['teacher'] })
  ).id;
  chatA = (await adminA.post('/api/chats', { title: 'Школа А', memberIds: [personA] })).body.id;
  await adminA.post(`/api/chats/${chatA}/messages`, { clientId: randomUUID(), body: 'Только для школы А' });
  adminB = await otherSchoolAdmin(server);
});
afterAll(() => server?.close());

describe('school isolation', () => {
  it.each([
    ['GET', () => `/api/chats/${chatA}`, undefined, 'chats.not_found'],
    ['GET', () => `/api/chats/${chatA}/messages`, undefined, 'chats.not_found'],
    ['GET', () => `/api/chats/${chatA}/members`, undefined, 'chats.not_found'],
    [
      'POST',
      () => `/api/chats/${chatA}/messages`,
      { clientId: randomUUID(), body: 'чужое' },
      'chats.not_found',
    ],
    ['POST', () => `/api/chats/${chatA}/members`, { userIds: [1] }, 'chats.not_found'],
    ['POST', () => `/api/chats/${chatA}/read`, { messageId: 1 }, 'chats.not_found'],
    ['POST', () => `/api/people/${personA}/reset-link`, undefined, 'people.not_found'],
  ] as const)('%s %s is not found for the other school', async (method, url, body, code) => {
    const reply = await adminB.request(method, url(), body);
    expect(reply.status).toBe(404);
    expect(reply.body.error.code).toBe(code);
  });

  it('lists only the own school', async () => {
    expect((await adminB.get('/api/chats')).body.chats).toEqual([]);
    expect(
      (await adminB.get('/api/people')).body.people.map((p: { fullName: string }) => p.fullName),
    ).toEqual(['Админ Б']);
  });

  it('refuses people of another school as chat members', async () => {
    const reply = await adminB.post('/api/chats', { title: 'Смешанный', memberIds: [personA] });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('chats.member_not_found');
  });

  it('still lets school A use its own chat', async () => {
    expect((await adminA.get(`/api/chats/${chatA}`)).status).toBe(200);
  });
});
