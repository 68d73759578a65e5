import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditTrail } from '../../test/audit.js';
import type { TestClient } from '../../test/client.js';
import { addPerson, setUpSchool } from '../../test/school.js';
import { startTestServer, type TestServer } from '../../test/server.js';

/** Who may write to whom directly: staff with their classes, families, and the school's switches. */
let server: TestServer;
let admin: TestClient;
type Person = Awaited<ReturnType<typeof addPerson>>;
let teacher: Person;
let otherTeacher: Person;
let anna: Person;
let olga: Person;
let misha: Person;
let kolya: Person;

beforeAll(async () => {
  server = await startTestServer();
  admin = await setUpSchool(server);
  const add = (fullName: string, login: string, role: 'teacher' | 'parent' | 'student') =>
    addPerson(server, admin, { fullName, login, roles: [role] });
  teacher = await add('Галиева Алсу', 'galieva', 'teacher');
  otherTeacher = await add('Сидоров Олег', 'sidorov', 'teacher');
  anna = await add('Иванова Анна', 'anna', 'parent');
  olga = await add('Смирнова Ольга', 'olga', 'parent');
  misha = await add('Иванов Миша', 'misha', 'student');
  kolya = await add('Смирнов Коля', 'kolya', 'student');
  const fiveA = (await admin.post('/api/classes', { grade: 5, letter: 'А' })).body.id;
  const sixB = (await admin.post('/api/classes', { grade: 6, letter: 'Б' })).body.id;
  await admin.post(`/api/classes/${fiveA}/class-teacher`, { teacherId: teacher.id });
  await admin.post(`/api/classes/${sixB}/class-teacher`, { teacherId: otherTeacher.id });
  for (const [child, parentId, classId] of [
    [misha, anna.id, fiveA],
    [kolya, olga.id, fiveA],
  ] as const) {
    await admin.post(`/api/people/${child.id}/class`, { classId });
    await admin.post(`/api/people/${child.id}/guardians`, { parentId });
  }
});
afterAll(() => server?.close());

const open = (client: TestClient, userId: number) => client.post('/api/chats/direct', { userId });

describe('direct chats', () => {
  it('opens one chat for two people, titled with the other one’s name for each', async () => {
    const audit = await AuditTrail.start(server.db);
    const first = await open(teacher.client, anna.id);
    expect(first.status).toBe(200);
    await audit.expect([
      {
        type: 'chats.open_direct',
        schoolId: 1,
        actorId: teacher.id,
        subjectId: first.body.id,
        data: { userIds: [teacher.id, anna.id] },
      },
    ]);
    expect(first.body).toMatchObject({
      kind: 'direct',
      title: 'Иванова Анна',
      peer: { id: anna.id },
      memberCount: 2,
    });
    expect(first.body.policies).toMatchObject({ post: true, addMembers: false, pin: true, moderate: false });
    const again = await open(anna.client, teacher.id);
    expect(again.body).toMatchObject({ id: first.body.id, title: 'Галиева Алсу' });
    await audit.expect([]);
  });

  it('lets staff write to the families of their classes, not of others', async () => {
    expect((await open(teacher.client, misha.id)).status).toBe(200);
    expect((await open(olga.client, teacher.id)).status).toBe(200);
    const refused = await open(otherTeacher.client, anna.id);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('chats.direct_denied');
    expect(refused.body.error.message).toMatch(/Личные сообщения/);
    expect((await open(otherTeacher.client, teacher.id)).status).toBe(200);
    expect((await open(anna.client, misha.id)).status).toBe(200);
  });

  it('keeps parent ↔ parent and student ↔ student off until the school allows them', async () => {
    const chatsBefore = (await anna.client.get('/api/chats')).body.chats.length;
    expect((await open(anna.client, olga.id)).status).toBe(403);
    expect((await open(misha.client, kolya.id)).status).toBe(403);
    expect((await open(anna.client, kolya.id)).status).toBe(403);
    expect((await anna.client.get('/api/chats')).body.chats).toHaveLength(chatsBefore);

    await admin.post('/api/school/settings', { directParentToParent: true });
    const structure = await admin.get('/api/school/structure');
    expect(structure.body.school).toMatchObject({
      directParentToParent: true,
      directStudentToStudent: false,
    });
    expect((await open(anna.client, olga.id)).status).toBe(200);
    expect((await open(misha.client, kolya.id)).status).toBe(403);
    await admin.post('/api/school/settings', { directStudentToStudent: true });
    expect((await open(misha.client, kolya.id)).status).toBe(200);
  });

  it('refuses oneself, a stranger id and bad input without creating anything', async () => {
    const before = (await anna.client.get('/api/chats')).body.chats.length;
    const audit = await AuditTrail.start(server.db);
    expect((await open(anna.client, anna.id)).body.error.code).toBe('chats.direct_self');
    expect((await open(anna.client, 999_999)).status).toBe(404);
    for (const body of [{}, { userId: 'x' }, { userId: -1 }, { userId: anna.id, extra: 1 }]) {
      expect((await anna.client.post('/api/chats/direct', body)).status).toBe(400);
    }
    expect((await anna.client.get('/api/chats')).body.chats).toHaveLength(before);
    await audit.expect([]);
  });
});

describe('direct contacts', () => {
  it('lists only people one may write to, with their classes, and forgives a typo in the name', async () => {
    const forOther = await otherTeacher.client.get('/api/direct-contacts');
    const names = forOther.body.people.map((p: { fullName: string }) => p.fullName);
    expect(names).toContain('Галиева Алсу');
    expect(names).not.toContain('Иванова Анна');

    const typo = await teacher.client.get(`/api/direct-contacts?q=${encodeURIComponent('Ивонова')}`);
    expect(typo.body.people[0]).toMatchObject({
      fullName: 'Иванова Анна',
      roles: ['parent'],
      classNames: ['5А'],
    });
    const part = await teacher.client.get(`/api/direct-contacts?q=${encodeURIComponent('смирн')}`);
    expect(part.body.people.map((p: { fullName: string }) => p.fullName).sort()).toEqual([
      'Смирнов Коля',
      'Смирнова Ольга',
    ]);
  });
});
