import { randomUUID } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinRequests, users } from '../../db/schema.js';
import { AuditTrail } from '../../test/audit.js';
import type { TestClient } from '../../test/client.js';
import { addPerson, setUpSchool } from '../../test/school.js';
import { startTestServer, type TestServer } from '../../test/server.js';
import { guessLimits } from '../joins/attempts.js';

/** Invite links and join requests: how parents get in (regulation §4.1–4.3). */
let server: TestServer;
let admin: TestClient;
let teacher: Awaited<ReturnType<typeof addPerson>>;
let class3a: number;
let class3b: number;
let misha: number;

const tokenOf = (url: string) => url.split('/join/')[1]!;
const register = (login: string) => ({ fullName: `Родитель ${login}`, login, password: `${login}-password` });
const userId = async (login: string) =>
  (await server.db.select({ id: users.id }).from(users).where(eq(users.login, login)))[0]!.id;

beforeAll(async () => {
  server = await startTestServer();
  admin = await setUpSchool(server);
  teacher = await addPerson(server, admin, {
    fullName: 'Галиева Алсу Ринатовна',
    login: 'galieva',
    roles: ['teacher'],
  });
  class3a = (await admin.post('/api/classes', { grade: 3, letter: 'А' })).body.id;
  class3b = (await admin.post('/api/classes', { grade: 3, letter: 'Б' })).body.id;
  await admin.post(`/api/classes/${class3a}/class-teacher`, { teacherId: teacher.id });
  for (const fullName of ['Петров Миша Иванович', 'Сафина Алия Маратовна']) {
    const created = await admin.post('/api/people', {
      fullName,
      login: `s-${randomUUID().slice(0, 8)}`,
      roles: ['student'],
    });
    await admin.post(`/api/people/${created.body.person.id}/class`, { classId: class3a });
    if (fullName.startsWith('Петров')) misha = created.body.person.id;
  }
});
afterAll(() => server?.close());

async function parentInvite(extra: Record<string, unknown> = {}) {
  const reply = await teacher.client.post('/api/invites', { role: 'parent', classId: class3a, ...extra });
  expect(reply.status).toBe(201);
  return tokenOf(reply.body.url);
}

describe('a class teacher invites the parents of their class', () => {
  it('may invite into their own class only, and parents or students only', async () => {
    const audit = await AuditTrail.start(server.db);
    expect((await teacher.client.post('/api/invites', { role: 'parent', classId: class3b })).status).toBe(
      404,
    );
    expect((await teacher.client.post('/api/invites', { role: 'teacher', classId: class3a })).status).toBe(
      403,
    );
    const ok = await teacher.client.post('/api/invites', { role: 'parent', classId: class3a });
    expect(ok.body.invite).toMatchObject({ role: 'parent', class: { name: '3А' }, maxUses: null, uses: 0 });
    expect(ok.body.url).toMatch(/\/join\/[A-Za-z0-9_-]{22}$/);
    await audit.expect([
      {
        type: 'invites.create',
        schoolId: 1,
        actorId: teacher.id,
        subjectId: ok.body.invite.id,
        data: { role: 'parent', classId: class3a, personal: false },
      },
    ]);
  });

  it('shows the join page without exposing other families beyond «Миша П.»', async () => {
    const token = await parentInvite();
    const preview = await server.client().post('/api/invites/preview', { token });
    expect(preview.body).toEqual({
      school: 'МБОУ «Большекайбицкая СОШ»',
      role: 'parent',
      className: '3А',
      personal: false,
      personName: null,
      children: [
        { id: expect.any(Number), name: 'Алия С.' },
        { id: misha, name: 'Миша П.' },
      ],
    });
  });

  it('turns a registration into a request that the teacher sees live, approves, and the parent lands in the chat', async () => {
    const chats = (await teacher.client.get('/api/chats')).body;
    const parentsChat = chats.chats.find((c: { title: string }) => c.title === '3А — родители');
    await teacher.client.post(`/api/chats/${parentsChat.id}/messages`, {
      clientId: randomUUID(),
      body: 'Добро пожаловать',
    });
    const queue = await teacher.client.socket(chats.cursor);
    await queue.waitFor((s) => s.frames.some((f) => f.type === 'ready'), 'ready');

    const parent = server.client();
    const token = await parentInvite();
    const audit = await AuditTrail.start(server.db);
    const redeemed = await parent.post('/api/invites/redeem', {
      token,
      register: register('petrova'),
      childId: misha,
      acceptRules: true,
    });
    expect(redeemed.status).toBe(200);
    await audit.expect([
      {
        type: 'invites.redeem',
        schoolId: 1,
        actorId: null,
        subjectId: redeemed.body.request.inviteId,
        data: { userId: await userId('petrova') },
      },
    ]);
    expect(redeemed.body.outcome).toBe('pending');
    expect(redeemed.body.request).toMatchObject({
      status: 'pending',
      // the newcomer may not decide their own request: the answer says so (joins/policy.ts)
      policies: { approve: false, reject: false },
      child: { fullName: 'Миша П.' },
    });
    parent.csrfToken = redeemed.body.csrfToken;
    expect((await parent.get('/api/chats')).body.chats).toEqual([]);
    await queue.waitFor(
      (s) => s.events().some((e) => e.payload.type === 'joins.update'),
      'the request, live',
    );

    const pending = (await teacher.client.get('/api/joins?status=pending')).body.requests;
    expect(pending).toHaveLength(1);
    expect(pending[0].policies).toEqual({ approve: true, reject: true });
    const links = (await teacher.client.get('/api/invites')).body.invites;
    expect(links.map((link: { policies: unknown }) => link.policies)).toContainEqual({ revoke: true });
    const status = await parent.socket((await parent.get('/api/chats')).body.cursor);
    await status.waitFor((s) => s.frames.some((f) => f.type === 'ready'), 'ready');
    expect((await teacher.client.post(`/api/joins/${pending[0].id}/approve`)).status).toBe(200);
    await audit.expect([
      {
        type: 'joins.approve',
        schoolId: 1,
        actorId: teacher.id,
        subjectId: null,
        data: { ids: [pending[0].id] },
      },
    ]);
    await status.waitFor(
      (s) => s.events().some((e) => e.payload.type === 'joins.update' && e.payload.status === 'approved'),
      'approval, live',
    );
    const mine = (await parent.get('/api/chats')).body.chats;
    expect(mine.map((c: { title: string }) => c.title)).toEqual(['3А — родители']);
    const history = (await parent.get(`/api/chats/${mine[0].id}/messages`)).body.messages;
    expect(history.map((m: { body: string }) => m.body)).toContain('Добро пожаловать');
    queue.close();
    status.close();
  });

  it('rejects with a reason the applicant sees, and a second request for the same child is the same one', async () => {
    const token = await parentInvite();
    const parent = server.client();
    const first = await parent.post('/api/invites/redeem', {
      token,
      register: register('ivanov'),
      childId: misha,
      acceptRules: true,
    });
    parent.csrfToken = first.body.csrfToken;
    const audit = await AuditTrail.start(server.db);
    const again = await parent.post('/api/invites/redeem', { token, childId: misha, acceptRules: true });
    expect(again.body.request.id).toBe(first.body.request.id);
    await audit.expect([]);
    const reason = 'Не нашли вас среди родителей Миши. Подойдите, пожалуйста, к классному руководителю.';
    expect((await teacher.client.post(`/api/joins/${first.body.request.id}/reject`, { reason })).status).toBe(
      200,
    );
    const mine = (await parent.get('/api/joins/mine')).body.requests;
    expect(mine).toEqual([expect.objectContaining({ status: 'rejected', reason })]);
    await audit.expect([
      { type: 'joins.reject', schoolId: 1, actorId: teacher.id, subjectId: first.body.request.id, data: {} },
    ]);
    const decided = await teacher.client.post(`/api/joins/${first.body.request.id}/approve`);
    expect(decided.body.error.code).toBe('joins.already_decided');
  });
});

describe('links that do not work say why, in Russian', () => {
  it('tells expired, revoked and exhausted links apart, and says nothing about unknown or malformed ones', async () => {
    const revoked = await teacher.client.post('/api/invites', { role: 'parent', classId: class3a });
    const audit = await AuditTrail.start(server.db);
    await teacher.client.post(`/api/invites/${revoked.body.invite.id}/revoke`);
    await audit.expect([
      {
        type: 'invites.revoke',
        schoolId: 1,
        actorId: teacher.id,
        subjectId: revoked.body.invite.id,
        data: {},
      },
    ]);
    const expiring = await parentInvite({ expiresInDays: 1 });
    const single = await parentInvite({ maxUses: 1 });
    await server.client().post('/api/invites/redeem', {
      token: single,
      register: register('first'),
      childId: misha,
      acceptRules: true,
    });
    server.clock.advance(2 * 24 * 3600 * 1000);
    const answers = await Promise.all(
      [tokenOf(revoked.body.url), expiring, single, 'x'.repeat(22), 'не токен, а что-то совсем другое'].map(
        (token) => server.client().post('/api/invites/preview', { token }),
      ),
    );
    expect(answers.map((a) => a.body.error.code)).toEqual([
      'invites.revoked',
      'invites.expired',
      'invites.exhausted',
      'invites.invalid',
      'invites.invalid',
    ]);
    expect(answers[3]!.body).toEqual(answers[4]!.body);
    expect(answers[1]!.body.error.message).toMatch(/^Срок действия этой ссылки-приглашения истёк/);
  });

  it('requires the rules to be accepted, the child to be named and an account, creating none', async () => {
    const token = await parentInvite();
    const before = (await server.db.select({ n: count() }).from(users))[0]!.n;
    const noRules = await server.client().post('/api/invites/redeem', {
      token,
      register: register('norules'),
      childId: misha,
      acceptRules: false,
    });
    expect(noRules.status).toBe(400);
    const noChild = await server
      .client()
      .post('/api/invites/redeem', { token, register: register('nochild'), acceptRules: true });
    expect(noChild.body.error.code).toBe('invites.child_required');
    expect(noChild.body.error.message).toBe('Выберите своего ребёнка из списка класса.');
    const noAccount = await server
      .client()
      .post('/api/invites/redeem', { token, childId: misha, acceptRules: true });
    expect(noAccount.status).toBe(401);
    expect(noAccount.body.error.code).toBe('invites.login_required');
    expect((await server.db.select({ n: count() }).from(users))[0]!.n).toBe(before);
  });
});

describe('abuse', () => {
  it('admits exactly one of 20 parallel uses of a single-use link', async () => {
    const token = await parentInvite({ maxUses: 1 });
    const before = (await server.db.select({ n: count() }).from(joinRequests))[0]!.n;
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        server.client().post('/api/invites/redeem', {
          token,
          register: register(`race${i}`),
          childId: misha,
          acceptRules: true,
        }),
      ),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status !== 200).map((a) => a.body.error.code)).toEqual(
      Array(19).fill('invites.exhausted'),
    );
    expect((await server.db.select({ n: count() }).from(joinRequests))[0]!.n).toBe(before + 1);
  });

  it('stops an address that keeps guessing links', async () => {
    let last = 0;
    for (let i = 0; i <= guessLimits.failuresPerAddress; i++) {
      last = (await server.client().post('/api/invites/preview', { token: randomUUID().replaceAll('-', '') }))
        .status;
    }
    expect(last).toBe(429);
    server.clock.advance(15 * 60 * 1000);
  });
});

describe('personal invites and annulling', () => {
  it('admits the person of a personal invite without review', async () => {
    const created = await admin.post('/api/people', {
      fullName: 'Хабибуллина Лейсан',
      login: 'leysan',
      roles: ['parent'],
    });
    await admin.post(`/api/people/${misha}/guardians`, { parentId: created.body.person.id });
    const invite = await admin.post('/api/invites', { role: 'parent', personId: created.body.person.id });
    expect(invite.body.invite.maxUses).toBe(1);
    const preview = await server.client().post('/api/invites/preview', { token: tokenOf(invite.body.url) });
    expect(preview.body).toMatchObject({ personal: true, personName: 'Хабибуллина Лейсан' });
    const parent = server.client();
    const token = tokenOf(invite.body.url);
    const withoutPassword = await parent.post('/api/invites/redeem', { token, acceptRules: true });
    expect(withoutPassword.status).toBe(400);
    expect(withoutPassword.body.error).toMatchObject({
      code: 'invites.password_required',
      message: 'Придумайте пароль: с ним вы будете входить в Парту.',
    });
    const stillUnused = await admin.get('/api/invites');
    expect(stillUnused.body.invites.find((i: { id: number }) => i.id === invite.body.invite.id)?.uses).toBe(
      0,
    );
    const redeemed = await parent.post('/api/invites/redeem', {
      token,
      password: 'leysan-password',
      acceptRules: true,
    });
    expect(redeemed.body.outcome).toBe('member');
    const login = await server
      .client()
      .post('/api/auth/login', { login: 'leysan', password: 'leysan-password' });
    expect(login.status).toBe(200);
    expect((await parent.get('/api/chats')).body.chats.map((c: { title: string }) => c.title)).toEqual([
      '3А — родители',
    ]);
  });

  it('annuls the unused links of a class in one action, with a count', async () => {
    await parentInvite();
    await parentInvite();
    const used = await parentInvite();
    await server.client().post('/api/invites/redeem', {
      token: used,
      register: register('used1'),
      childId: misha,
      acceptRules: true,
    });
    const audit = await AuditTrail.start(server.db);
    const annulled = await teacher.client.post('/api/invites/annul', { classId: class3a });
    expect(annulled.body.count).toBeGreaterThanOrEqual(2);
    await audit.expect([
      {
        type: 'invites.annul',
        schoolId: 1,
        actorId: teacher.id,
        subjectId: null,
        data: { classId: class3a, count: annulled.body.count },
      },
    ]);
    expect((await server.client().post('/api/invites/preview', { token: used })).status).toBe(200);
    expect((await teacher.client.post('/api/invites/annul', {})).status).toBe(403);
  });
});

describe('joining without an invite, with the school code', () => {
  it('lets a family find the class by the code, name the child, and ask to join for review', async () => {
    server.clock.advance(15 * 60 * 1000);
    const code: string = (await admin.get('/api/school/structure')).body.school.joinCode;
    expect(code).toMatch(/^\d{8}$/);
    const spaced = `${code.slice(0, 4)} ${code.slice(4)}`;
    const preview = await server.client().post('/api/schools/preview', { code: spaced });
    expect(preview.body.school).toBe('МБОУ «Большекайбицкая СОШ»');
    expect(preview.body.classes.map((c: { name: string }) => c.name)).toEqual(['3А', '3Б']);
    const family = server.client();
    const audit = await AuditTrail.start(server.db);
    const joined = await family.post('/api/schools/join', {
      code,
      role: 'parent',
      classId: class3a,
      childName: 'Петров Миша',
      register: register('bycode'),
      acceptRules: true,
    });
    expect(joined.body).toMatchObject({
      outcome: 'pending',
      request: { inviteId: null, class: { name: '3А' } },
    });
    await audit.expect([
      { type: 'joins.request', schoolId: 1, actorId: null, subjectId: joined.body.request.id, data: {} },
    ]);
    const queue = (await teacher.client.get('/api/joins?status=pending')).body.requests;
    expect(queue.map((r: { applicant: { fullName: string } }) => r.applicant.fullName)).toContain(
      'Родитель bycode',
    );
  });

  it('says the same for a wrong code, whatever it looks like, and needs the class for a parent', async () => {
    const wrong = await server.client().post('/api/schools/preview', { code: '00000000' });
    const junk = await server.client().post('/api/schools/preview', { code: 'абв' });
    expect(wrong.status).toBe(404);
    expect(wrong.body).toEqual(junk.body);
    expect(wrong.body.error.message).toMatch(/^Школа с таким кодом не найдена/);
    const code: string = (await admin.get('/api/school/structure')).body.school.joinCode;
    const noClass = await server
      .client()
      .post('/api/schools/join', { code, role: 'parent', register: register('noclass'), acceptRules: true });
    expect(noClass.body.error.code).toBe('joins.class_required');
  });
});

describe('an invite that also opens a chat', () => {
  it('admits into the chat the inviter runs, and refuses structural chats', async () => {
    const club = await admin.post('/api/chats', { title: 'Шахматный кружок', memberIds: [] });
    const invite = await admin.post('/api/invites', {
      role: 'student',
      classId: class3a,
      chatId: club.body.id,
    });
    expect(invite.body.invite.chat).toEqual({ id: club.body.id, title: 'Шахматный кружок' });
    const pupil = server.client();
    const redeemed = await pupil.post('/api/invites/redeem', {
      token: tokenOf(invite.body.url),
      register: { fullName: 'Ученик Кружковец', login: 'chess-kid', password: 'chess-password' },
      acceptRules: true,
    });
    await admin.post(`/api/joins/${redeemed.body.request.id}/approve`);
    const titles = (await pupil.get('/api/chats')).body.chats.map((c: { title: string }) => c.title).sort();
    expect(titles).toEqual(['3А — ученики', 'Шахматный кружок']);
    const structural = (await admin.get('/api/chats')).body.chats.find(
      (c: { title: string }) => c.title === 'Педагоги школы',
    );
    const refused = await admin.post('/api/invites', { role: 'teacher', chatId: structural.id });
    expect(refused.body.error.code).toBe('invites.structural_chat');
  });
});
