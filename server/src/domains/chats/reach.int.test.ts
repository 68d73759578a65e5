import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditTrail } from '../../test/audit.js';
import type { TestClient } from '../../test/client.js';
import { addPerson, setUpSchool } from '../../test/school.js';
import { startTestServer, type TestServer } from '../../test/server.js';

/**
 * Whom a person reaches — in a group chat, in the people list, on a card —
 * is whom they may write to directly (security review, #12.4, 5, 13).
 * 5А: class teacher Галиева, student Миша, his mother Петрова.
 * 6Б: student Алия, her mother Сафина. Also a teacher of no class and a
 * caretaker (non-teaching staff).
 */
let server: TestServer;
let admin: TestClient;
type Someone = Awaited<ReturnType<typeof addPerson>>;
let classTeacher: Someone;
let teacher: Someone;
let caretaker: Someone;
let director: Someone;
let petrova: Someone;
let safina: Someone;
let misha: number;
let aliya: number;

async function studentIn(classId: number, fullName: string) {
  const created = await admin.post('/api/people', {
    fullName,
    login: `s-${randomUUID().slice(0, 8)}`,
    roles: ['student'],
  });
  await admin.post(`/api/people/${created.body.person.id}/class`, { classId });
  return created.body.person.id as number;
}

beforeAll(async () => {
  server = await startTestServer();
  admin = await setUpSchool(server);
  classTeacher = await addPerson(server, admin, {
    fullName: 'Галиева Алсу Ринатовна',
    login: 'galieva',
    roles: ['teacher'],
  });
  teacher = await addPerson(server, admin, {
    fullName: 'Нуриев Булат Ильдарович',
    login: 'nuriev',
    roles: ['teacher'],
  });
  caretaker = await addPerson(server, admin, {
    fullName: 'Зайцев Олег Петрович',
    login: 'zaytsev',
    roles: ['staff'],
  });
  director = await addPerson(server, admin, {
    fullName: 'Сабиров Ильдар Ренатович',
    login: 'sabirov',
    roles: ['administration'],
  });
  petrova = await addPerson(server, admin, {
    fullName: 'Петрова Анна Сергеевна',
    login: 'petrova',
    roles: ['parent'],
  });
  safina = await addPerson(server, admin, {
    fullName: 'Сафина Гульнара Ильдаровна',
    login: 'safina',
    roles: ['parent'],
  });
  const class5a = (await admin.post('/api/classes', { grade: 5, letter: 'А' })).body.id;
  const class6b = (await admin.post('/api/classes', { grade: 6, letter: 'Б' })).body.id;
  await admin.post(`/api/classes/${class5a}/class-teacher`, { teacherId: classTeacher.id });
  misha = await studentIn(class5a, 'Петров Миша');
  aliya = await studentIn(class6b, 'Сафина Алия');
  await admin.post(`/api/people/${misha}/guardians`, { parentId: petrova.id });
  await admin.post(`/api/people/${aliya}/guardians`, { parentId: safina.id });
});
afterAll(() => server?.close());

describe('group chats follow the rules that protect children', () => {
  it('refuses staff gathering students or parents they do not teach, and creates nothing', async () => {
    const audit = await AuditTrail.start(server.db);
    for (const [who, memberIds] of [
      [caretaker, [misha]],
      [caretaker, [petrova.id]],
      [teacher, [aliya]],
      [classTeacher, [misha, safina.id]],
    ] as const) {
      const reply = await who.client.post('/api/chats', { title: 'Кружок', memberIds });
      expect(reply.status).toBe(403);
      expect(reply.body.error.code).toBe('chats.member_not_allowed');
      expect(reply.body.error.message).toContain('кому вы можете написать лично');
      expect(
        (await who.client.get('/api/chats')).body.chats.map((c: { title: string }) => c.title),
      ).not.toContain('Кружок');
    }
    await audit.expect([]);
  });

  it('lets a class teacher gather their class’s families and colleagues, and refuses adding others later', async () => {
    const audit = await AuditTrail.start(server.db);
    const created = await classTeacher.client.post('/api/chats', {
      title: 'Экскурсия 5А',
      memberIds: [misha, petrova.id, caretaker.id],
    });
    expect(created.status).toBe(201);
    const chat = { schoolId: 1, subjectId: created.body.id };
    await audit.expect([{ type: 'chats.create', ...chat, actorId: classTeacher.id, data: { members: 4 } }]);
    const added = await classTeacher.client.post(`/api/chats/${created.body.id}/members`, {
      userIds: [aliya],
    });
    expect(added.status).toBe(403);
    expect(added.body.error.code).toBe('chats.member_not_allowed');
    await audit.expect([]);
    expect((await admin.post(`/api/chats/${created.body.id}/members`, { userIds: [aliya] })).status).toBe(
      200,
    );
    await audit.expect([
      { type: 'chats.add_members', ...chat, actorId: admin.me!.id, data: { userIds: [aliya] } },
    ]);
  });
});

describe('who sees whom', () => {
  const names = async (client: TestClient) =>
    ((await client.get('/api/people')).body.people as { fullName: string }[]).map((p) => p.fullName);

  it('shows a teacher colleagues and the families of the classes they teach, non-teaching staff colleagues only', async () => {
    const seenByClassTeacher = await names(classTeacher.client);
    expect(seenByClassTeacher).toEqual(
      expect.arrayContaining(['Петров Миша', 'Петрова Анна Сергеевна', 'Нуриев Булат Ильдарович']),
    );
    expect(seenByClassTeacher).not.toContain('Сафина Алия');
    expect(seenByClassTeacher).not.toContain('Сафина Гульнара Ильдаровна');
    const seenByCaretaker = await names(caretaker.client);
    expect(seenByCaretaker).toContain('Галиева Алсу Ринатовна');
    expect(seenByCaretaker).not.toContain('Петров Миша');
    expect(seenByCaretaker).not.toContain('Петрова Анна Сергеевна');
    expect(await names(director.client)).toEqual(expect.arrayContaining(['Сафина Алия', 'Петров Миша']));
  });

  it('answers «not found» for the card of someone out of reach, exactly like a missing person', async () => {
    const outOfReach = await teacher.client.get(`/api/people/${misha}`);
    const missing = await teacher.client.get('/api/people/999999');
    expect(outOfReach.status).toBe(404);
    expect(outOfReach.body).toEqual(missing.body);
    expect((await classTeacher.client.get(`/api/people/${misha}`)).status).toBe(200);
  });

  it('lets a parent reach only the parents of their own children’s classes when the school allows parents to write', async () => {
    await admin.post('/api/school/settings', { directParentToParent: true });
    const other = await addPerson(server, admin, {
      fullName: 'Иванова Мария Олеговна',
      login: 'ivanova',
      roles: ['parent'],
    });
    await admin.post(
      `/api/people/${await studentIn((await admin.get('/api/school/structure')).body.classes[0].id, 'Иванов Коля')}/guardians`,
      { parentId: other.id },
    );
    const contacts = (await petrova.client.get('/api/direct-contacts?q=')).body.people.map(
      (p: { fullName: string }) => p.fullName,
    );
    expect(contacts).toContain('Иванова Мария Олеговна');
    expect(contacts).not.toContain('Сафина Гульнара Ильдаровна');
    expect((await petrova.client.post('/api/chats/direct', { userId: safina.id })).status).toBe(403);
  });
});

describe('an applicant waiting for review', () => {
  it('sees nobody and can write to nobody, not even the director', async () => {
    const invite = await admin.post('/api/invites', {
      role: 'parent',
      classId: (await admin.get('/api/school/structure')).body.classes[0].id,
    });
    const applicant = server.client();
    const redeemed = await applicant.post('/api/invites/redeem', {
      token: String(invite.body.url).split('/join/')[1],
      childId: misha,
      acceptRules: true,
      register: { fullName: 'Неизвестный Заявитель', login: 'stranger', password: 'stranger-password' },
    });
    expect(redeemed.body.outcome).toBe('pending');
    expect((await applicant.get('/api/direct-contacts?q=')).body.people).toEqual([]);
    const write = await applicant.post('/api/chats/direct', { userId: director.id });
    expect(write.status).toBe(403);
    expect((await applicant.get('/api/people')).status).toBe(403);
    expect((await applicant.get('/api/joins/mine')).body.requests).toHaveLength(1);
  });

  it('cannot register with a name that hides invisible or direction-changing characters', async () => {
    const invite = await admin.post('/api/invites', {
      role: 'parent',
      classId: (await admin.get('/api/school/structure')).body.classes[0].id,
    });
    for (const fullName of ['Иванова\u200bМария', 'Мария \u202eавонавИ', 'Мария\u0007']) {
      const reply = await server.client().post('/api/invites/redeem', {
        token: String(invite.body.url).split('/join/')[1],
        childId: misha,
        acceptRules: true,
        register: { fullName, login: `x-${randomUUID().slice(0, 8)}`, password: 'stranger-password' },
      });
      expect(reply.status).toBe(400);
      expect(reply.body.error.code).toBe('validation.failed');
    }
  });
});

describe('an applicant who was turned down', () => {
  it('reads the answer in the open session, and cannot log in again', async () => {
    const invite = await admin.post('/api/invites', {
      role: 'parent',
      classId: (await admin.get('/api/school/structure')).body.classes[0].id,
    });
    const applicant = server.client();
    const redeemed = await applicant.post('/api/invites/redeem', {
      token: String(invite.body.url).split('/join/')[1],
      childId: misha,
      acceptRules: true,
      register: { fullName: 'Отклонённый Заявитель', login: 'turned-down', password: 'turned-down-password' },
    });
    expect(
      (
        await server
          .client()
          .post('/api/auth/login', { login: 'turned-down', password: 'turned-down-password' })
      ).status,
    ).toBe(200);
    const reason = 'Не нашли вас среди родителей Миши.';
    expect((await admin.post(`/api/joins/${redeemed.body.request.id}/reject`, { reason })).status).toBe(200);
    expect((await applicant.get('/api/joins/mine')).body.requests).toEqual([
      expect.objectContaining({ status: 'rejected', reason }),
    ]);
    const again = await server
      .client()
      .post('/api/auth/login', { login: 'turned-down', password: 'turned-down-password' });
    expect(again.status).toBe(401);
    expect(again.body.error.code).toBe('auth.invalid_credentials');

    // Nor ask again from the open session, by the same link or the school's code.
    const token = String(invite.body.url).split('/join/')[1];
    const code = (await admin.get('/api/school/structure')).body.school.joinCode;
    for (const [url, body] of [
      ['/api/invites/redeem', { token, childId: misha, acceptRules: true }],
      [
        '/api/schools/join',
        {
          code,
          role: 'parent',
          classId: invite.body.invite.class.id,
          childName: 'Петров Миша',
          acceptRules: true,
        },
      ],
    ] as const) {
      const reply = await applicant.post(url, body);
      expect(reply.status, url).toBe(403);
      expect(reply.body.error).toMatchObject({ code: 'joins.account_closed' });
      expect(reply.body.error.message).toContain('Ваша заявка отклонена');
    }
    expect((await applicant.get('/api/joins/mine')).body.requests).toHaveLength(1);
  });
});
