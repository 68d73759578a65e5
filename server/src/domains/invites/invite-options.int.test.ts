import { ZInviteCandidates, ZInviteOptions } from '@parta/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestClient } from '../../test/client.js';
import { addPerson, addSchool, setUpSchool } from '../../test/school.js';
import { startTestServer, type TestServer } from '../../test/server.js';

/**
 * The invite form offers what the server would accept (#13.1): the roles,
 * classes and people come from the same rules `createInvite` enforces, so the
 * web decides none of them.
 */
let server: TestServer;
let admin: TestClient;
let teacher: Awaited<ReturnType<typeof addPerson>>;
let class3a: number;
let class3b: number;
let parent3a: number;
let parent3b: number;

async function newPerson(fullName: string, login: string, roles: string[]) {
  const reply = await admin.post('/api/people', { fullName, login, roles });
  expect(reply.status).toBe(201);
  return reply.body.person.id as number;
}

async function family(classId: number, surname: string, login: string) {
  const child = await newPerson(`${surname} Миша`, `${login}-child`, ['student']);
  await admin.post(`/api/people/${child}/class`, { classId });
  const parent = await newPerson(`${surname} Ольга`, `${login}-mother`, ['parent']);
  await admin.post(`/api/people/${child}/guardians`, { parentId: parent });
  return { child, parent };
}

const names = (reply: { body: unknown }) =>
  ZInviteCandidates.parse(reply.body).people.map((person) => person.fullName);

beforeAll(async () => {
  server = await startTestServer();
  admin = await setUpSchool(server);
  teacher = await addPerson(server, admin, {
    fullName: 'Галиева Алсу',
    login: 'galieva',
    roles: ['teacher'],
  });
  class3a = (await admin.post('/api/classes', { grade: 3, letter: 'А' })).body.id;
  class3b = (await admin.post('/api/classes', { grade: 3, letter: 'Б' })).body.id;
  await admin.post(`/api/classes/${class3a}/class-teacher`, { teacherId: teacher.id });
  parent3a = (await family(class3a, 'Валиев', 'valiev')).parent;
  parent3b = (await family(class3b, 'Юсупов', 'yusupov')).parent;
});
afterAll(() => server?.close());

describe('what the invite form offers', () => {
  it('offers the admin every role, every open class, the school code and annulling for the school', async () => {
    const options = ZInviteOptions.parse((await admin.get('/api/invites/options')).body);
    expect(options.roles).toEqual(['parent', 'student', 'teacher', 'staff']);
    expect(options.classes.map((item) => item.name)).toEqual(['3А', '3Б']);
    expect(options.wholeSchool).toBe(true);
    expect(options.joinCode).toMatch(/^\d{8}$/);
  });

  it('offers a class teacher their own class, its families, and no school code', async () => {
    const options = ZInviteOptions.parse((await teacher.client.get('/api/invites/options')).body);
    expect(options).toEqual({
      roles: ['parent', 'student'],
      classes: [{ id: class3a, name: '3А' }],
      wholeSchool: false,
      joinCode: null,
    });
  });

  it('is not for a teacher without a class', async () => {
    const other = await addPerson(server, admin, {
      fullName: 'Хасанов Ильдар',
      login: 'hasanov',
      roles: ['teacher'],
    });
    const reply = await other.client.get('/api/invites/options');
    expect(reply.status).toBe(403);
  });
});

describe('whom a personal invite may be for', () => {
  it('lists the parents of the class who have no password yet', async () => {
    const reply = await admin.get(`/api/invites/candidates?role=parent&classId=${class3a}`);
    expect(reply.status).toBe(200);
    expect(names(reply)).toEqual(['Валиев Ольга']);
    // the whole school's, without a class: for the admin
    expect(names(await admin.get('/api/invites/candidates?role=parent'))).toEqual([
      'Валиев Ольга',
      'Юсупов Ольга',
    ]);
  });

  it('leaves out whoever has chosen a password: only a reset link from an admin replaces it', async () => {
    const reply = await admin.get('/api/invites/candidates?role=teacher');
    expect(names(reply)).not.toContain('Галиева Алсу');
    expect(names(reply)).not.toContain('Мусина Ирина Маратовна');
  });

  it('shows a class teacher only the families of their own class', async () => {
    expect(names(await teacher.client.get(`/api/invites/candidates?role=parent&classId=${class3a}`))).toEqual(
      ['Валиев Ольга'],
    );
    expect(names(await teacher.client.get(`/api/invites/candidates?role=parent&classId=${class3b}`))).toEqual(
      [],
    );
    expect(names(await teacher.client.get('/api/invites/candidates?role=parent'))).toEqual([]);
    // and the server refuses what the list leaves out
    const refused = await teacher.client.post('/api/invites', {
      role: 'parent',
      classId: class3a,
      personId: parent3b,
    });
    expect(refused.status).toBe(404);
  });

  it('a class of another school is not found', async () => {
    const adminB = await addSchool(server, 'Школа Б', 'admin-b');
    const reply = await adminB.get(`/api/invites/candidates?role=parent&classId=${class3a}`);
    expect(reply.status).toBe(404);
    expect(reply.body.error.code).toBe('classes.not_found');
    expect(names(await adminB.get('/api/invites/candidates?role=parent'))).toEqual([]);
  });

  it('a parent or student link names its class', async () => {
    const reply = await admin.post('/api/invites', { role: 'parent' });
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({ code: 'joins.class_required', message: 'Выберите класс.' });
    expect(
      (await admin.post('/api/invites', { role: 'parent', classId: class3a, personId: parent3a })).status,
    ).toBe(201);
  });
});
