import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TestClient } from '../../test/client.js';
import { setUpSchool } from '../../test/school.js';
import { startTestServer, type TestServer } from '../../test/server.js';

/** A school that has issued hundreds of links still gets each new one back. */
let server: TestServer;
let admin: TestClient;

beforeAll(async () => {
  server = await startTestServer();
  admin = await setUpSchool(server);
});
afterAll(() => server?.close());

it('answers a new invite with itself when 500 others look newer', async () => {
  const classId = (await admin.post('/api/classes', { grade: 3, letter: 'А' })).body.id;
  for (let i = 0; i < 500; i++) {
    expect((await admin.post('/api/invites', { role: 'parent', classId })).status).toBe(201);
  }
  // The server's clock was stepped back (or another node's runs ahead): the new link sorts below the others.
  server.clock.advance(-60 * 60 * 1000);
  const reply = await admin.post('/api/invites', { role: 'student', classId, maxUses: 30 });
  expect(reply.status).toBe(201);
  expect(reply.body.invite).toMatchObject({ role: 'student', class: { id: classId }, maxUses: 30, uses: 0 });
  const listed = (await admin.get('/api/invites')).body.invites;
  expect(listed).toHaveLength(500);
  expect(listed.map((invite: { id: number }) => invite.id)).not.toContain(reply.body.invite.id);
});
