import { randomUUID } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../db/schema.js';
import { AuditTrail } from '../../test/audit.js';
import {
  type InviteSchool,
  parentInviteOf,
  register,
  setUpInviteSchool,
  tokenOf,
} from '../../test/invite-school.js';
import { startTestServer, type TestServer } from '../../test/server.js';

/** Invite links and join requests: how parents get in through their class teacher (regulation §4.1–4.3). */
let server: TestServer;
let school: InviteSchool;
let admin: InviteSchool['admin'];
let teacher: InviteSchool['teacher'];
let class3a: InviteSchool['class3a'];
let class3b: InviteSchool['class3b'];
let misha: InviteSchool['misha'];

beforeAll(async () => {
  server = await startTestServer();
  school = await setUpInviteSchool(server);
  ({ admin, teacher, class3a, class3b, misha } = school);
});
afterAll(() => server?.close());

const parentInvite = (extra: Record<string, unknown> = {}) => parentInviteOf(school, extra);

const userId = async (login: string) =>
  (await server.db.select({ id: users.id }).from(users).where(eq(users.login, login)))[0]!.id;

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
  it('keeps an applicant out of «Люди» until their request is approved', async () => {
    const names = async (query = '') =>
      (await admin.get(`/api/people${query}`)).body.people.map((p: { fullName: string }) => p.fullName);
    const redeemed = await server.client().post('/api/invites/redeem', {
      token: await parentInvite(),
      register: register('waiting'),
      childId: misha,
      acceptRules: true,
    });
    expect(redeemed.body.outcome).toBe('pending');
    expect(await names()).not.toContain('Родитель waiting');
    expect(await names('?q=waiting')).toEqual([]);
    expect(await names('?role=parent')).not.toContain('Родитель waiting');
    expect((await admin.post(`/api/joins/${redeemed.body.request.id}/approve`)).status).toBe(200);
    expect(await names('?q=waiting')).toEqual(['Родитель waiting']);
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
