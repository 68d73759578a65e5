import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestClient } from './test/client.js';
import { buildMatrixFixture, type Fixture } from './test/matrix-fixture.js';
import { type Actor, actors, matrix, passwordOf, people } from './test/matrix-routes.js';
import { ADMIN } from './test/school.js';
import { startTestServer, type TestServer } from './test/server.js';

/**
 * The authorization matrix (DESIGN §3.3): every API route × every role.
 * The fixture: one person per role, all plain members of one chat the admin
 * owns; a class 5А led by the class teacher, with the student and their parent. A route added without a row in test/matrix-routes.ts fails the first test.
 */
let server: TestServer;
let fixture: Fixture;

beforeAll(async () => {
  server = await startTestServer();
  fixture = await buildMatrixFixture(server, people);
});
afterAll(() => server?.close());

async function clientFor(actor: Actor): Promise<TestClient> {
  const client = server.client();
  if (actor !== 'anonymous') await client.login(actor === 'admin' ? ADMIN.login : actor, passwordOf(actor));
  return client;
}

describe('authorization matrix', () => {
  it('has a row for every API route, and no row for a route that does not exist', () => {
    const routes = server.parta.routes.map((route) => `${route.method} ${route.url}`);
    expect(routes.filter((route) => !(route in matrix))).toEqual([]);
    expect(Object.keys(matrix).filter((row) => !routes.includes(row))).toEqual([]);
  });

  for (const [route, row] of Object.entries(matrix)) {
    it(route, async () => {
      const [method, path] = route.split(' ') as [string, string];
      for (const actor of actors) {
        const client = await clientFor(actor);
        const allowed = row.allow.includes(actor);
        if (path === '/api/ws') {
          const socket = await client.socket(null);
          await socket.waitFor(
            (s) => s.closed !== null || s.frames.some((f) => f.type === 'ready'),
            'an answer',
          );
          expect(socket.closed?.code ?? 'ready', `${actor} on ${route}`).toBe(allowed ? 'ready' : 4401);
          socket.close();
          continue;
        }
        const { url, body } = row.request(fixture, actor);
        const reply = await client.request(method, url ?? path, body);
        const verdict = `${actor} on ${route}: ${reply.status} ${JSON.stringify(reply.body).slice(0, 200)}`;
        expect(reply.status, verdict).toBeLessThan(500);
        if (allowed && row.allowedStatus) expect(reply.status, verdict).toBe(row.allowedStatus);
        else if (allowed) expect(reply.status, verdict).toBeLessThan(300);
        else if (actor === 'anonymous') expect(reply.status, verdict).toBe(401);
        // 404 where the actor may not even see the thing (DESIGN §3.8)
        else expect([403, 404], verdict).toContain(reply.status);
      }
    });
  }
});
