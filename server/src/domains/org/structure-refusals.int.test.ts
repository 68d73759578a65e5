import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditTrail } from '../../test/audit.js';
import type { TestClient } from '../../test/client.js';
import { addPerson, setUpSchool } from '../../test/school.js';
import { startTestServer, type TestServer } from '../../test/server.js';

/** Bad input to the structure routes gets a clear 4xx and changes nothing (DESIGN §3.5). */
let server: TestServer;
let admin: TestClient;
type Someone = Awaited<ReturnType<typeof addPerson>>;
let teacher: Someone;
let otherTeacher: Someone;
let parent: Someone;
let student: Someone;
let class5a: number;

beforeAll(async () => {
  server = await startTestServer();
  admin = await setUpSchool(server);
  teacher = await addPerson(server, admin, {
    fullName: 'Галиева Алсу Ринатовна',
    login: 'galieva',
    roles: ['teacher'],
  });
  otherTeacher = await addPerson(server, admin, {
    fullName: 'Сафин Ильдар',
    login: 'safin',
    roles: ['teacher'],
  });
  parent = await addPerson(server, admin, {
    fullName: 'Петрова Анна Ивановна',
    login: 'petrova',
    roles: ['parent'],
  });
  student = await addPerson(server, admin, { fullName: 'Петров Миша', login: 'misha', roles: ['student'] });
  class5a = (await admin.post('/api/classes', { grade: 5, letter: 'а' })).body.id;
  await admin.post(`/api/people/${student.id}/class`, { classId: class5a });
  await admin.post(`/api/people/${parent.id}/leave`);
});
afterAll(() => server?.close());

describe('bad input changes nothing', () => {
  let loneParent: number;
  beforeAll(async () => {
    const created = await admin.post('/api/people', {
      fullName: 'Без Детей',
      login: 'lone',
      roles: ['parent'],
    });
    loneParent = created.body.person.id;
  });

  it.each([
    [
      'a duplicate class in the same year',
      () => admin.post('/api/classes', { grade: 5, letter: 'А' }),
      409,
      'classes.duplicate',
      'Класс 5А в этом учебном году уже есть.',
    ],
    [
      'a grade outside 1–11',
      () => admin.post('/api/classes', { grade: 12, letter: 'А' }),
      400,
      'validation.failed',
      null,
    ],
    [
      'a Latin class letter',
      () => admin.post('/api/classes', { grade: 3, letter: 'A' }),
      400,
      'validation.failed',
      null,
    ],
    [
      'a person as their own guardian',
      () => admin.post(`/api/people/${student.id}/guardians`, { parentId: student.id }),
      400,
      'org.self_guardian',
      'Человек не может быть родителем самого себя.',
    ],
    [
      'removing the last admin',
      () => admin.post(`/api/people/${admin.me!.id}/leave`),
      409,
      'org.last_admin',
      null,
    ],
    [
      'taking the admin role from the last admin',
      () => admin.post(`/api/people/${admin.me!.id}/roles`, { roles: ['teacher'] }),
      409,
      'org.last_admin',
      null,
    ],
    [
      'a class in another school or none',
      () => admin.post('/api/people/1/class', { classId: 99999 }),
      404,
      'classes.not_found',
      null,
    ],
    [
      'new roles for a person who has left',
      () => admin.post(`/api/people/${parent.id}/roles`, { roles: ['parent'] }),
      409,
      'org.person_left',
      null,
    ],
    [
      'a teacher placed in a class as a student',
      () => admin.post(`/api/people/${teacher.id}/class`, { classId: class5a }),
      400,
      'org.not_a_student',
      null,
    ],
    [
      'a teacher as a child’s guardian',
      () => admin.post(`/api/people/${student.id}/guardians`, { parentId: otherTeacher.id }),
      400,
      'org.not_a_parent',
      null,
    ],
    [
      'a student as a class teacher',
      () => admin.post(`/api/classes/${class5a}/class-teacher`, { teacherId: student.id }),
      400,
      'org.not_a_teacher',
      null,
    ],
    [
      'a parent with no child in the class on its committee',
      () => admin.post(`/api/classes/${class5a}/committee`, { parentId: loneParent, member: true }),
      400,
      'org.not_class_parent',
      null,
    ],
    [
      'a new person with a login someone has',
      () => admin.post('/api/people', { fullName: 'Двойник', login: 'galieva', roles: ['teacher'] }),
      409,
      'auth.login_taken',
      null,
    ],
    [
      'a text body for a route that takes none',
      () =>
        admin.request('POST', `/api/people/${teacher.id}/reset-link`, 'x', { 'content-type': 'text/plain' }),
      415,
      'request.unsupported_media_type',
      null,
    ],
    [
      'a body that is not JSON',
      () =>
        admin.request('POST', '/api/classes', '<class grade="3"/>', { 'content-type': 'application/xml' }),
      415,
      'request.unsupported_media_type',
      null,
    ],
  ] as const)('refuses %s', async (_what, request, status, code, message) => {
    const audit = await AuditTrail.start(server.db);
    const reply = await request();
    expect(reply.status).toBe(status);
    expect(reply.body.error.code).toBe(code);
    if (message) expect(reply.body.error.message).toBe(message);
    await audit.expect([]);
  });
});
