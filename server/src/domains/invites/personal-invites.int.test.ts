import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, sessions } from '../../db/schema.js';
import type { TestClient } from '../../test/client.js';
import { ADMIN, addPerson, setUpSchool } from '../../test/school.js';
import { startTestServer, type TestServer } from '../../test/server.js';

/**
 * A personal invite lets whoever holds it choose the person's password. It
 * must never become a way to take over an account (security review, #12.1).
 */
let server: TestServer;
let admin: TestClient;
let adminId: number;
let teacher: Awaited<ReturnType<typeof addPerson>>;
let director: Awaited<ReturnType<typeof addPerson>>;
let class3a: number;
let class3b: number;

const tokenOf = (url: string) => url.split('/join/')[1]!;

async function newPerson(fullName: string, roles: string[]) {
  const reply = await admin.post('/api/people', { fullName, login: `p-${randomUUID().slice(0, 8)}`, roles });
  expect(reply.status).toBe(201);
  return reply.body.person.id as number;
}

async function student(classId: number) {
  const id = await newPerson('Ученик Тестовый', ['student']);
  await admin.post(`/api/people/${id}/class`, { classId });
  return id;
}

async function parentOf(childId: number) {
  const id = await newPerson('Родитель Тестовый', ['parent']);
  await admin.post(`/api/people/${childId}/guardians`, { parentId: id });
  return id;
}

beforeAll(async () => {
  server = await startTestServer();
  admin = await setUpSchool(server);
  adminId = admin.me!.id;
  teacher = await addPerson(server, admin, {
    fullName: 'Галиева Алсу Ринатовна',
    login: 'galieva',
    roles: ['teacher'],
  });
  director = await addPerson(server, admin, {
    fullName: 'Сабиров Ильдар Ренатович',
    login: 'sabirov',
    roles: ['administration', 'teacher'],
  });
  class3a = (await admin.post('/api/classes', { grade: 3, letter: 'А' })).body.id;
  class3b = (await admin.post('/api/classes', { grade: 3, letter: 'Б' })).body.id;
  await admin.post(`/api/classes/${class3a}/class-teacher`, { teacherId: teacher.id });
});
afterAll(() => server?.close());

describe('a class teacher cannot take over an account with a personal invite', () => {
  it('gets «not found» for the admin, the director and families of another class, and nothing is created', async () => {
    const otherParent = await parentOf(await student(class3b));
    for (const personId of [adminId, director.id, otherParent]) {
      const reply = await teacher.client.post('/api/invites', { role: 'parent', classId: class3a, personId });
      expect(reply.status).toBe(404);
      expect(reply.body.error.code).toBe('people.not_found');
    }
    expect((await teacher.client.get('/api/invites')).body.invites).toEqual([]);
    const login = await server.client().post('/api/auth/login', ADMIN);
    expect(login.status).toBe(200);
  });

  it('may invite a parent of their own class who has no password yet, for one use only', async () => {
    const parent = await parentOf(await student(class3a));
    const reply = await teacher.client.post('/api/invites', {
      role: 'parent',
      classId: class3a,
      personId: parent,
      maxUses: 50,
    });
    expect(reply.status).toBe(201);
    expect(reply.body.invite).toMatchObject({ maxUses: 1, person: { id: parent } });
  });
});

describe('personal invites are only for people who never had a password, in their own role', () => {
  it('refuses someone who has a password, with a way out in Russian', async () => {
    const reply = await admin.post('/api/invites', { role: 'teacher', personId: teacher.id });
    expect(reply.status).toBe(409);
    expect(reply.body.error).toMatchObject({ code: 'invites.person_has_account' });
    expect(reply.body.error.message).toContain('ссылку для входа');
  });

  it('refuses a role the person does not hold', async () => {
    const parent = await parentOf(await student(class3a));
    const reply = await admin.post('/api/invites', { role: 'teacher', personId: parent });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('invites.role_mismatch');
  });

  it('is refused at redemption when the person set a password after the invite was made', async () => {
    const created = await admin.post('/api/people', {
      fullName: 'Зиннатуллина Гульнара',
      login: 'gulnara',
      roles: ['teacher'],
    });
    const invite = await admin.post('/api/invites', { role: 'teacher', personId: created.body.person.id });
    expect(invite.status).toBe(201);
    const resetToken = String(created.body.setPasswordLink.url).split('/reset/')[1];
    const owner = server.client();
    expect(
      (await owner.post('/api/auth/reset', { token: resetToken, newPassword: 'gulnara-own-password' }))
        .status,
    ).toBe(200);

    const attacker = server.client();
    const token = tokenOf(invite.body.url);
    const reply = await attacker.post('/api/invites/redeem', {
      token,
      password: 'attacker-password',
      acceptRules: true,
    });
    expect(reply.status).toBe(409);
    expect(reply.body.error.code).toBe('invites.account_exists');
    expect(attacker.cookie).toBeNull();
    expect(
      (await server.client().post('/api/auth/login', { login: 'gulnara', password: 'attacker-password' }))
        .status,
    ).toBe(401);
    expect(
      (await server.client().post('/api/auth/login', { login: 'gulnara', password: 'gulnara-own-password' }))
        .status,
    ).toBe(200);
    expect((await owner.get('/api/me')).status).toBe(200);
    const list = (await admin.get('/api/invites')).body.invites;
    expect(list.find((row: { id: number }) => row.id === invite.body.invite.id).uses).toBe(0);
  });

  it('sets the password once under parallel redemptions, ends every other session, and audits a claim', async () => {
    const parent = await parentOf(await student(class3a));
    const invite = await admin.post('/api/invites', { role: 'parent', personId: parent });
    const token = tokenOf(invite.body.url);
    // A session that should not exist for someone without a password, to prove it ends.
    await server.db.insert(sessions).values({
      userId: parent,
      schoolId: admin.me!.school.id,
      tokenHash: `stale-${randomUUID()}`,
      csrfToken: 'x',
      device: 'test',
      createdAt: server.clock.now(),
      lastSeenAt: server.clock.now(),
      expiresAt: new Date(server.clock.now().getTime() + 3_600_000),
    });
    const tries = Array.from({ length: 5 }, (_, i) =>
      server
        .client()
        .post('/api/invites/redeem', { token, password: `parallel-password-${i}`, acceptRules: true }),
    );
    const replies = await Promise.all(tries);
    expect(replies.filter((reply) => reply.status === 200)).toHaveLength(1);
    for (const reply of replies.filter((r) => r.status !== 200)) expect(reply.status).toBe(410);
    const left = await server.db.select().from(sessions).where(eq(sessions.userId, parent));
    expect(left).toHaveLength(1);
    expect(left[0]!.tokenHash).not.toMatch(/^stale-/);
    const claims = await server.db
      .select({
        type: auditLog.type,
        schoolId: auditLog.schoolId,
        actorId: auditLog.actorId,
        subjectId: auditLog.subjectId,
        data: auditLog.data,
      })
      .from(auditLog)
      .where(and(eq(auditLog.type, 'invites.claim_account'), eq(auditLog.subjectId, invite.body.invite.id)));
    expect(claims).toEqual([
      {
        type: 'invites.claim_account',
        schoolId: 1,
        actorId: null,
        subjectId: invite.body.invite.id,
        data: { userId: parent },
      },
    ]);
  });
});
