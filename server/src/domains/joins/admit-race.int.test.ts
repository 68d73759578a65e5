import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestClient } from '../../test/client.js';
import { setUpSchool } from '../../test/school.js';
import { startTestServer, type TestServer } from '../../test/server.js';

/**
 * Admitting someone changes the structure like a transfer does, so it waits
 * for the school's structure lock (security review, #12.15).
 */
let server: TestServer;
let admin: TestClient;
let class5a: number;
let class5b: number;

beforeAll(async () => {
  server = await startTestServer();
  admin = await setUpSchool(server);
  class5a = (await admin.post('/api/classes', { grade: 5, letter: 'А' })).body.id;
  class5b = (await admin.post('/api/classes', { grade: 5, letter: 'Б' })).body.id;
});
afterAll(() => server?.close());

async function pendingParentOfNewStudent(inviteToken: string) {
  const created = await admin.post('/api/people', {
    fullName: 'Хасанов Тимур Айратович',
    login: `s-${randomUUID().slice(0, 8)}`,
    roles: ['student'],
  });
  const childId = created.body.person.id as number;
  await admin.post(`/api/people/${childId}/class`, { classId: class5a });
  const parent = server.client();
  const login = `p-${randomUUID().slice(0, 8)}`;
  const redeemed = await parent.post('/api/invites/redeem', {
    token: inviteToken,
    childId,
    acceptRules: true,
    register: { fullName: 'Хасанова Диляра Ильдаровна', login, password: `${login}-password` },
  });
  expect(redeemed.body.outcome).toBe('pending');
  return { parent, childId, requestId: redeemed.body.request.id as number };
}

describe('approving a parent while their child moves to another class', () => {
  it('leaves the parent in the new class’s chat every time', async () => {
    const invite = await admin.post('/api/invites', { role: 'parent', classId: class5a });
    const token = String(invite.body.url).split('/join/')[1]!;
    const misplaced: string[][] = [];
    for (let round = 0; round < 10; round++) {
      const { parent, childId, requestId } = await pendingParentOfNewStudent(token);
      const [approved, moved] = await Promise.all([
        admin.post('/api/joins/approve', { ids: [requestId] }),
        admin.post(`/api/people/${childId}/class`, { classId: class5b }),
      ]);
      expect([approved.status, moved.status]).toEqual([200, 200]);
      const titles = (await parent.get('/api/chats')).body.chats.map((chat: { title: string }) => chat.title);
      if (titles.join() !== '5Б — родители') misplaced.push(titles);
    }
    expect(misplaced).toEqual([]);
  });
});
