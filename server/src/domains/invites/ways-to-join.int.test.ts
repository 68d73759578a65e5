import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditTrail } from '../../test/audit.js';
import { type InviteSchool, register, setUpInviteSchool, tokenOf } from '../../test/invite-school.js';
import { startTestServer, type TestServer } from '../../test/server.js';

/** The other ways in: a personal invite, the school's code, and an invite that also opens a chat. */
let server: TestServer;
let school: InviteSchool;
let admin: InviteSchool['admin'];
let teacher: InviteSchool['teacher'];
let class3a: InviteSchool['class3a'];
let misha: InviteSchool['misha'];

beforeAll(async () => {
  server = await startTestServer();
  school = await setUpInviteSchool(server);
  ({ admin, teacher, class3a, misha } = school);
});
afterAll(() => server?.close());

describe('a personal invite', () => {
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
