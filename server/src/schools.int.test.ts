import { MAX_ID } from '@parta/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestClient } from './test/client.js';
import { digest } from './test/digest.js';
import { buildMatrixFixture, type Fixture } from './test/matrix-fixture.js';
import { matrix, people } from './test/matrix-routes.js';
import { ADMIN, addSchool } from './test/school.js';
import { startTestServer, type TestServer } from './test/server.js';

/**
 * One installation, two schools (DESIGN §3.8): what belongs to school A
 * answers 404 to school B's admin, exactly like something that does not
 * exist (the same body as for an id that exists nowhere). School A is the authorization matrix's fixture; every route with an
 * id in its path is called by B's admin with A's real ids, as the matrix
 * calls it (test/matrix-routes.ts).
 */
let server: TestServer;
let fixture: Fixture;
let adminA: TestClient;
let adminB: TestClient;

beforeAll(async () => {
  server = await startTestServer();
  fixture = await buildMatrixFixture(server, people);
  adminA = server.client();
  await adminA.login(ADMIN.login, ADMIN.password);
  adminB = await addSchool(server, 'Школа Б', 'admin-b');
});
afterAll(() => server?.close());

const withIds = Object.keys(matrix).filter((route) => route.includes('/:'));

describe('school isolation', () => {
  it('covers every route of the running server with an id in its path', () => {
    const routes = server.parta.routes.map((route) => `${route.method} ${route.url}`);
    expect(routes.filter((route) => route.includes('/:')).sort()).toEqual([...withIds].sort());
  });

  it.each(withIds)('%s is not found for another school, and changes nothing', async (route) => {
    const [method, path] = route.split(' ') as [string, string];
    const { url, body } = matrix[route]!.request(fixture, 'admin');
    const before = await digest(server.db);
    const reply = await adminB.request(method, url ?? path, body);
    const verdict = `${route} as school B: ${reply.status} ${JSON.stringify(reply.body).slice(0, 200)}`;
    expect(reply.status, verdict).toBe(404);
    expect(await digest(server.db), verdict).toBe(before);
    // exactly what an id that exists nowhere gets
    const missing = await adminB.request(method, (url ?? path).replace(/\/\d+(?=\/|$)/g, `/${MAX_ID}`), body);
    expect(reply.body, verdict).toEqual(missing.body);
  });

  it('lists only the own school', async () => {
    expect((await adminB.get('/api/chats')).body.chats).toEqual([]);
    expect(
      (await adminB.get('/api/people')).body.people.map((p: { fullName: string }) => p.fullName),
    ).toEqual(['Админ Школа Б']);
  });

  it('refuses people of another school as chat members', async () => {
    const reply = await adminB.post('/api/chats', { title: 'Смешанный', memberIds: [fixture.teacherId] });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('chats.member_not_found');
  });

  it('still lets school A use its own chat', async () => {
    expect((await adminA.get(`/api/chats/${fixture.chatId}`)).status).toBe(200);
  });
});
