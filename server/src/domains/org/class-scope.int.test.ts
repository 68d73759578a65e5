import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TestClient } from '../../test/client.js';
import { addPerson, setUpSchool } from '../../test/school.js';
import { startTestServer, type TestServer } from '../../test/server.js';

/**
 * A class teacher sees their own class; another class's classes, students,
 * links and requests answer exactly as ids that do not exist (DESIGN §3.8),
 * so probing ids tells them nothing.
 */
let server: TestServer;
let teacher: TestClient;
const other = { classId: 0, studentId: 0, parentId: 0, inviteId: 0, joinId: 0 };
const MISSING = 999_999;

beforeAll(async () => {
  server = await startTestServer();
  const admin = await setUpSchool(server);
  const galieva = await addPerson(server, admin, {
    fullName: 'Галиева Алсу',
    login: 'galieva',
    roles: ['teacher'],
  });
  teacher = galieva.client;
  const own = (await admin.post('/api/classes', { grade: 3, letter: 'А' })).body.id;
  await admin.post(`/api/classes/${own}/class-teacher`, { teacherId: galieva.id });
  other.classId = (await admin.post('/api/classes', { grade: 3, letter: 'Б' })).body.id;
  other.studentId = (
    await admin.post('/api/people', { fullName: 'Петров Миша', login: 'misha', roles: ['student'] })
  ).body.person.id;
  await admin.post(`/api/people/${other.studentId}/class`, { classId: other.classId });
  other.parentId = (
    await addPerson(server, admin, { fullName: 'Петрова Анна', login: 'petrova', roles: ['parent'] })
  ).id;
  await admin.post(`/api/people/${other.studentId}/guardians`, { parentId: other.parentId });
  other.inviteId = (
    await admin.post('/api/invites', { role: 'parent', classId: other.classId })
  ).body.invite.id;
  const code = (await admin.get('/api/school/structure')).body.school.joinCode;
  const applied = await server.client().post('/api/schools/join', {
    code,
    role: 'parent',
    classId: other.classId,
    register: { fullName: 'Сафина Алия', login: `s${randomUUID().slice(0, 8)}`, password: 'safina-password' },
    childName: 'Петров Миша',
    acceptRules: true,
  });
  other.joinId = applied.body.request.id;
  // The teacher leads 3А now: their session must know it.
  await teacher.login('galieva', 'galieva-password');
});
afterAll(() => server?.close());

/** Each probe with another class's id, and the same request with an id nobody has. */
const probes: [string, (id: number) => [string, unknown?]][] = [
  ['class card', (id) => [`/api/classes/${id}`]],
  ['committee', (id) => [`/api/classes/${id}/committee`, { parentId: other.parentId, member: true }]],
  ['invite into a class', (id) => ['/api/invites', { role: 'parent', classId: id }]],
  ['annul a class’s links', (id) => ['/api/invites/annul', { classId: id }]],
  ['revoke a link', (id) => [`/api/invites/${id}/revoke`, {}]],
  ['approve a request', (id) => [`/api/joins/${id}/approve`, {}]],
  ['approve requests', (id) => ['/api/joins/approve', { ids: [id] }]],
  ['reject a request', (id) => [`/api/joins/${id}/reject`, { reason: 'Не из этого класса' }]],
  ['link a guardian', (id) => [`/api/people/${id}/guardians`, { parentId: other.parentId }]],
  ['unlink a guardian', (id) => [`/api/people/${id}/guardians/remove`, { parentId: other.parentId }]],
];

const subjectOf = (what: string) =>
  /request/.test(what)
    ? other.joinId
    : /revoke/.test(what)
      ? other.inviteId
      : /guardian/.test(what)
        ? other.studentId
        : other.classId;

it.each(probes)(
  'a class teacher probing another class (%s) gets what a missing id gets',
  async (what, probe) => {
    const ask = async (id: number) => {
      const [url, body] = probe(id);
      const reply = body === undefined ? await teacher.get(url) : await teacher.post(url, body);
      return { status: reply.status, body: reply.body };
    };
    const missing = await ask(MISSING);
    expect(missing.status).toBe(404);
    expect(await ask(subjectOf(what))).toEqual(missing);
  },
);
