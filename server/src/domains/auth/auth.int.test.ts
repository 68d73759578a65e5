import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, sessions } from '../../db/schema.js';
import { AuditTrail } from '../../test/audit.js';
import type { TestClient } from '../../test/client.js';
import { ADMIN, addPerson, setUpSchool } from '../../test/school.js';
import { startTestServer, type TestServer } from '../../test/server.js';
import { SETUP_TOKEN } from '../../test/setup-token.js';

let server: TestServer;
let admin: TestClient;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

describe('first run', () => {
  it('offers setup until a school exists, then answers 409 and changes nothing', async () => {
    const anonymous = server.client();
    expect((await anonymous.get('/api/setup')).body).toEqual({ needed: true, school: null });
    admin = await setUpSchool(server);
    expect(admin.me?.roles).toEqual(['admin']);
    expect(admin.me?.school.timeZone).toBe('Europe/Moscow');
    // The login page names the school (the installation holds one).
    expect((await anonymous.get('/api/setup')).body).toEqual({
      needed: false,
      school: 'МБОУ «Большекайбицкая СОШ»',
    });
    const again = await anonymous.post('/api/setup', {
      schoolName: 'Другая школа',
      timeZone: 'Europe/Moscow',
      adminName: 'Чужой Админ',
      login: 'intruder',
      password: 'intruder-password',
      setupToken: SETUP_TOKEN,
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('setup.already_done');
    expect(again.body.error.message).toMatch(/Школа уже настроена/);
    expect(
      (await anonymous.post('/api/auth/login', { login: 'intruder', password: 'intruder-password' })).status,
    ).toBe(401);
  });

  it('rejects an unknown time zone with a field path', async () => {
    const reply = await server.client().post('/api/setup', {
      schoolName: 'Школа',
      timeZone: 'Mars/Olympus',
      adminName: 'Иванов Иван',
      login: 'ivanov',
      password: 'password-123',
      setupToken: SETUP_TOKEN,
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('validation.failed');
    expect(reply.body.error.fields.map((f: { path: string }) => f.path)).toContain('timeZone');
  });
});

describe('login', () => {
  it('accepts the login name, the e-mail or the phone, in any spelling', async () => {
    await admin.post('/api/people', {
      fullName: 'Сафина Гульнара Ильдаровна',
      login: 'safina',
      roles: ['teacher'],
      email: 'Safina@School.example',
      phone: '+7 (900) 123-45-67',
    });
    const person = await addPerson(server, admin, {
      fullName: 'Хабибуллин Рустем',
      login: 'rustem',
      roles: ['parent'],
    });
    for (const login of ['rustem', 'RUSTEM', ' rustem ']) {
      expect(
        (await server.client().post('/api/auth/login', { login, password: person.password })).status,
      ).toBe(200);
    }
    const link = await admin.post(
      `/api/people/${(await findPerson('Сафина Гульнара Ильдаровна')).id}/reset-link`,
    );
    const safina = server.client();
    await safina.post('/api/auth/reset', {
      token: link.body.url.split('/reset/')[1],
      newPassword: 'safina-password',
    });
    for (const login of ['safina@school.example', '89001234567', '+79001234567']) {
      expect(
        (await server.client().post('/api/auth/login', { login, password: 'safina-password' })).status,
      ).toBe(200);
    }
  });

  it('says the same for an unknown login and a wrong password', async () => {
    const audit = await AuditTrail.start(server.db);
    const unknown = await server
      .client()
      .post('/api/auth/login', { login: 'nobody', password: 'whatever-1' });
    const wrong = await server
      .client()
      .post('/api/auth/login', { login: ADMIN.login, password: 'wrong-password' });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    const network = { network: '127.0.0.0/24' };
    await audit.expect([
      { type: 'auth.login_failed', schoolId: null, actorId: null, subjectId: null, data: network },
      { type: 'auth.login_failed', schoolId: 1, actorId: null, subjectId: admin.me!.id, data: network },
    ]);
  });

  it('limits failed attempts per account, in Russian, until the window passes', async () => {
    const person = await addPerson(server, admin, {
      fullName: 'Зайцев Пётр',
      login: 'zaitsev',
      roles: ['parent'],
    });
    const audit = await AuditTrail.start(server.db);
    for (let i = 0; i < 10; i++) {
      expect(
        (await server.client().post('/api/auth/login', { login: 'zaitsev', password: 'bad-password' }))
          .status,
      ).toBe(401);
    }
    const limited = await server
      .client()
      .post('/api/auth/login', { login: 'zaitsev', password: person.password });
    expect(limited.status).toBe(429);
    expect(limited.body.error.message).toMatch(/Слишком много попыток входа/);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    const failed = { schoolId: 1, actorId: null, subjectId: person.id };
    await audit.expect([
      ...Array.from({ length: 9 }, () => ({
        type: 'auth.login_failed',
        ...failed,
        data: { network: '127.0.0.0/24' },
      })),
      { type: 'auth.lockout', ...failed, data: { network: '127.0.0.0/24', scope: 'account' } },
    ]);
    server.clock.advance(15 * 60 * 1000);
    expect(
      (await server.client().post('/api/auth/login', { login: 'zaitsev', password: person.password })).status,
    ).toBe(200);
    await audit.expect([{ type: 'auth.login', ...failed, data: {} }]);
  });
});

describe('sessions', () => {
  it('lists own sessions, logs out the others, and logs out this one', async () => {
    const person = await addPerson(server, admin, {
      fullName: 'Ахметова Лилия',
      login: 'akhmetova',
      roles: ['parent'],
    });
    const phone = server.client();
    await phone.login('akhmetova', person.password);
    const list = await person.client.get('/api/auth/sessions');
    expect(list.body.sessions).toHaveLength(2);
    expect(list.body.sessions.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    const audit = await AuditTrail.start(server.db);
    expect((await person.client.post('/api/auth/logout-others')).body).toEqual({ count: 1 });
    expect((await phone.get('/api/me')).status).toBe(401);
    expect((await person.client.post('/api/auth/logout')).status).toBe(200);
    const own = { schoolId: 1, actorId: person.id, subjectId: person.id };
    await audit.expect([
      { type: 'auth.logout_others', ...own, data: { count: 1 } },
      { type: 'auth.logout', ...own, data: {} },
    ]);
    expect((await person.client.get('/api/me')).status).toBe(401);
  });

  it("ends one other device, and nobody else's", async () => {
    const person = await addPerson(server, admin, {
      fullName: 'Нуриева Эльмира',
      login: 'nurieva',
      roles: ['parent'],
    });
    const phone = server.client();
    await phone.login('nurieva', person.password);
    const tablet = server.client();
    await tablet.login('nurieva', person.password);
    const list = (await person.client.get('/api/auth/sessions')).body;
    // the one in use first; the others may be ended from here, not this one
    expect(list.sessions[0]).toMatchObject({ current: true, policies: { end: false } });
    expect(list.sessions.slice(1).map((s: { policies: { end: boolean } }) => s.policies.end)).toEqual([
      true,
      true,
    ]);
    expect(list.more).toBe(0);
    const phoneSession = (await phone.get('/api/auth/sessions')).body.sessions[0].id as number;

    // someone else cannot end it: the same answer as for one that is over
    const stranger = await admin.post(`/api/auth/sessions/${phoneSession}/end`);
    expect(stranger.status).toBe(404);
    expect(stranger.body.error).toMatchObject({
      code: 'auth.session_not_found',
      message: 'Этот вход уже завершён.',
    });
    expect((await phone.get('/api/me')).status).toBe(200);

    expect((await person.client.post(`/api/auth/sessions/${phoneSession}/end`)).status).toBe(200);
    expect((await phone.get('/api/me')).status).toBe(401);
    expect((await tablet.get('/api/me')).status).toBe(200);
    const [audit] = await server.db
      .select({
        type: auditLog.type,
        actorId: auditLog.actorId,
        subjectId: auditLog.subjectId,
        data: auditLog.data,
      })
      .from(auditLog)
      .where(eq(auditLog.type, 'auth.logout_session'));
    expect(audit).toEqual({
      type: 'auth.logout_session',
      actorId: person.id,
      subjectId: person.id,
      data: { sessionId: phoneSession },
    });
    expect((await person.client.post(`/api/auth/sessions/${phoneSession}/end`)).status).toBe(404);
  });

  it('shows the newest twenty devices and counts the rest', async () => {
    const person = await addPerson(server, admin, {
      fullName: 'Садыков Айдар',
      login: 'sadykov',
      roles: ['parent'],
    });
    for (let i = 0; i < 21; i += 1) await server.client().login('sadykov', person.password);
    const list = (await person.client.get('/api/auth/sessions')).body;
    expect(list.sessions).toHaveLength(20);
    expect(list.sessions[0].current).toBe(true);
    expect(list.more).toBe(2);
  });

  it('expires a session after 30 days without use', async () => {
    const person = await addPerson(server, admin, {
      fullName: 'Латыпов Марат',
      login: 'latypov',
      roles: ['parent'],
    });
    server.clock.advance(31 * 24 * 3600 * 1000);
    const reply = await person.client.get('/api/me');
    expect(reply.status).toBe(401);
    expect(reply.body.error.code).toBe('auth.required');
    admin = server.client();
    await admin.login(ADMIN.login, ADMIN.password);
  });

  it('refuses a change without the CSRF token, and from another site, changing nothing', async () => {
    const before = await countRows();
    const forged = await admin.request(
      'POST',
      '/api/chats',
      { title: 'Чужой', memberIds: [] },
      { 'x-csrf-token': 'x' },
    );
    expect(forged.status).toBe(403);
    expect(forged.body.error.code).toBe('auth.csrf_failed');
    const crossSite = await server.client().request(
      'POST',
      '/api/auth/login',
      { login: ADMIN.login, password: ADMIN.password },
      {
        origin: 'https://evil.example',
        'sec-fetch-site': 'cross-site',
      },
    );
    expect(crossSite.status).toBe(403);
    expect(await countRows()).toEqual(before);
  });
});

describe('passwords', () => {
  it('changes the password only with the current one, and ends the other sessions', async () => {
    const person = await addPerson(server, admin, {
      fullName: 'Гарипов Ильдар',
      login: 'garipov',
      roles: ['teacher'],
    });
    const other = server.client();
    await other.login('garipov', person.password);
    const audit = await AuditTrail.start(server.db);
    const wrong = await person.client.post('/api/auth/password', {
      currentPassword: 'nope',
      newPassword: 'new-password-1',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('auth.wrong_password');
    const ok = await person.client.post('/api/auth/password', {
      currentPassword: person.password,
      newPassword: 'new-password-1',
    });
    expect(ok.status).toBe(200);
    const own = { schoolId: 1, subjectId: person.id };
    await audit.expect([
      { type: 'auth.login_failed', ...own, actorId: person.id, data: { network: '127.0.0.0/24' } },
      { type: 'auth.password_change', ...own, actorId: person.id, data: {} },
    ]);
    expect((await other.get('/api/me')).status).toBe(401);
    expect((await person.client.get('/api/me')).status).toBe(200);
    await server.client().login('garipov', 'new-password-1');
  });

  it('a reset link works once and not after it expires', async () => {
    const created = await admin.post('/api/people', {
      fullName: 'Юсупова Диляра',
      login: 'yusupova',
      roles: ['parent'],
    });
    const token = created.body.setPasswordLink.url.split('/reset/')[1];
    // The page names the account and the school before the password is typed.
    expect((await server.client().post('/api/auth/reset/preview', { token })).body).toEqual({
      school: 'МБОУ «Большекайбицкая СОШ»',
      fullName: 'Юсупова Диляра',
      login: 'yusupova',
      roles: ['parent'],
    });
    const audit = await AuditTrail.start(server.db);
    expect(
      (await server.client().post('/api/auth/reset', { token, newPassword: 'first-password' })).status,
    ).toBe(200);
    const used = await server.client().post('/api/auth/reset/preview', { token });
    expect(used.body.error.code).toBe('auth.reset_link_invalid');
    const reused = await server.client().post('/api/auth/reset', { token, newPassword: 'second-password' });
    expect(reused.status).toBe(400);
    const reset = { schoolId: 1, actorId: null, subjectId: created.body.person.id, data: {} };
    await audit.expect([{ type: 'auth.password_reset', ...reset }]);
    expect(reused.body.error.code).toBe('auth.reset_link_invalid');
    const again = await admin.post(`/api/people/${created.body.person.id}/reset-link`);
    server.clock.advance(73 * 3600 * 1000);
    const expired = await server
      .client()
      .post('/api/auth/reset', { token: again.body.url.split('/reset/')[1], newPassword: 'third-password' });
    expect(expired.body.error.code).toBe('auth.reset_link_invalid');
    admin = server.client();
    await admin.login(ADMIN.login, ADMIN.password);
  });

  it('writes an audit row for each change, without secrets', async () => {
    const rows = await server.db.select().from(auditLog);
    const types = new Set(rows.map((row) => row.type));
    for (const type of [
      'school.setup',
      'people.create',
      'auth.login',
      'auth.password_change',
      'auth.password_reset',
    ]) {
      expect(types).toContain(type);
    }
    expect(JSON.stringify(rows)).not.toMatch(/password-|@school\.example|79001234567/);
  });
});

async function findPerson(fullName: string) {
  const people = await admin.get('/api/people');
  return people.body.people.find((p: { fullName: string }) => p.fullName === fullName);
}

async function countRows() {
  const [s] = await server.db.select({ n: count() }).from(sessions);
  const [a] = await server.db.select({ n: count() }).from(auditLog);
  return { sessions: s!.n, audit: a!.n };
}

describe('language', () => {
  it('answers in the browser language until the person chooses one in the profile', async () => {
    const person = await addPerson(server, admin, {
      fullName: 'Smith John',
      login: 'smith',
      roles: ['teacher'],
    });
    const english = { 'accept-language': 'en-GB,en;q=0.9' };
    const before = await person.client.request(
      'POST',
      '/api/auth/password',
      { currentPassword: 'x', newPassword: 'yyyyyyyy' },
      english,
    );
    expect(before.body.error.message).toBe('The current password is wrong.');
    const audit = await AuditTrail.start(server.db);
    const chosen = await person.client.request('POST', '/api/me/locale', { locale: 'ru' }, english);
    expect(chosen.body.locale).toBe('ru');
    const own = { schoolId: 1, actorId: person.id, subjectId: person.id };
    await audit.expect([{ type: 'people.set_locale', ...own, data: { locale: 'ru' } }]);
    const after = await person.client.request(
      'POST',
      '/api/auth/password',
      { currentPassword: 'x', newPassword: 'yyyyyyyy' },
      english,
    );
    expect(after.body.error.message).toBe('Текущий пароль указан неверно.');
    const bad = await person.client.post('/api/me/locale', { locale: 'fr' });
    expect(bad.status).toBe(400);
    await audit.expect([{ type: 'auth.login_failed', ...own, data: { network: '127.0.0.0/24' } }]);
  });
});
