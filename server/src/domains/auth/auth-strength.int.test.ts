import { hash } from '@node-rs/argon2';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, users } from '../../db/schema.js';
import type { TestClient } from '../../test/client.js';
import { ADMIN, addPerson, setUpSchool } from '../../test/school.js';
import { startTestServer, type TestServer } from '../../test/server.js';
import { SETUP_TOKEN } from '../../test/setup-token.js';

const DAY = 24 * 3600 * 1000;
let server: TestServer;
let admin: TestClient;

beforeAll(async () => {
  // Behind nginx on this machine, so the test can say which address a request came from.
  server = await startTestServer({ env: { PARTA_TRUSTED_PROXIES: '127.0.0.1' } });
  admin = await setUpSchool(server);
});
afterAll(() => server?.close());

async function resetLinkFor(fullName: string, login: string, roles: string[]) {
  const created = await admin.post('/api/people', { fullName, login, roles });
  return {
    id: created.body.person.id as number,
    token: created.body.setPasswordLink.url.split('/reset/')[1],
  };
}

describe('new passwords', () => {
  it('need 12 characters for staff, 8 and not a common one for families; a refusal changes nothing', async () => {
    const teacher = await resetLinkFor('Сафина Гульнара', 'safina', ['teacher']);
    const short = await server
      .client()
      .post('/api/auth/reset', { token: teacher.token, newPassword: 'sova-v-lesu' });
    expect(short.status).toBe(400);
    expect(short.body.error).toMatchObject({
      code: 'auth.password_too_short',
      message: 'Пароль слишком короткий: нужно не меньше 12 символов.',
    });
    const ok = await server
      .client()
      .post('/api/auth/reset', { token: teacher.token, newPassword: 'sova-v-lesu-noch' });
    expect(ok.status).toBe(200);

    const parent = await resetLinkFor('Хабибуллин Рустем', 'rustem', ['parent']);
    for (const common of ['qwerty123', 'йцукен123', 'Natasha1985', '12345678']) {
      const reply = await server
        .client()
        .post('/api/auth/reset', { token: parent.token, newPassword: common });
      expect(reply.body.error.code, common).toBe('auth.password_common');
      expect(reply.body.error.message).toMatch(/слишком распространён/);
    }
    expect(
      (await server.client().post('/api/auth/reset', { token: parent.token, newPassword: 'sova-v-lesu' }))
        .status,
    ).toBe(200);
  });

  it('follow the rules of the roles of whoever changes theirs', async () => {
    const teacher = await addPerson(server, admin, {
      fullName: 'Гарипов Ильдар',
      login: 'garipov',
      roles: ['teacher'],
    });
    const short = await teacher.client.post('/api/auth/password', {
      currentPassword: teacher.password,
      newPassword: 'sova-v-lesu',
    });
    expect(short.body.error.code).toBe('auth.password_too_short');
    expect(
      (await server.client().post('/api/auth/login', { login: 'garipov', password: teacher.password }))
        .status,
    ).toBe(200);
  });

  it('of the first admin need 12 characters', async () => {
    const reply = await server.client().post('/api/setup', {
      schoolName: 'Другая школа',
      timeZone: 'Europe/Moscow',
      adminName: 'Чужой Админ',
      login: 'other-admin',
      password: 'sova-v-lesu',
      setupToken: SETUP_TOKEN,
    });
    expect(reply.body.error.code).toBe('auth.password_too_short');
  });
});

describe('password hashes', () => {
  it('are argon2id with explicit parameters, and an older hash is upgraded at the next login', async () => {
    const person = await addPerson(server, admin, {
      fullName: 'Латыпов Марат',
      login: 'latypov',
      roles: ['parent'],
    });
    const [stored] = await server.db.select().from(users).where(eq(users.id, person.id));
    expect(stored!.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const old = await hash(person.password, { algorithm: 2, memoryCost: 4096, timeCost: 3, parallelism: 1 });
    await server.db.update(users).set({ passwordHash: old }).where(eq(users.id, person.id));

    expect(
      (await server.client().post('/api/auth/login', { login: 'latypov', password: person.password })).status,
    ).toBe(200);
    const [upgraded] = await server.db.select().from(users).where(eq(users.id, person.id));
    expect(upgraded!.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(
      (await server.client().post('/api/auth/login', { login: 'latypov', password: person.password })).status,
    ).toBe(200);
    const audit = await server.db.select().from(auditLog).where(eq(auditLog.subjectId, person.id));
    expect(audit.map((row) => row.type)).toContain('auth.password_rehash');
  });
});

describe('sessions', () => {
  it('end 30 days after the login, however often they are used', async () => {
    const person = await addPerson(server, admin, {
      fullName: 'Ахметова Лилия',
      login: 'akhmetova',
      roles: ['parent'],
    });
    for (let day = 1; day < 30; day++) {
      server.clock.advance(DAY);
      expect((await person.client.get('/api/me')).status, `day ${day}`).toBe(200);
    }
    server.clock.advance(DAY);
    const reply = await person.client.get('/api/me');
    expect(reply.status).toBe(401);
    expect(reply.body.error.code).toBe('auth.required');
    admin = server.client();
    await admin.login(ADMIN.login, ADMIN.password);
  });
});

describe('failed logins', () => {
  it('are in the audit log with the network they came from, never the address', async () => {
    const person = await addPerson(server, admin, {
      fullName: 'Юсупова Диляра',
      login: 'yusupova',
      roles: ['parent'],
    });
    for (let i = 0; i < 11; i++) {
      await server.client().request(
        'POST',
        '/api/auth/login',
        { login: 'yusupova', password: 'wrong-password' },
        {
          'x-forwarded-for': '198.51.100.77',
        },
      );
    }
    const rows = await server.db.select().from(auditLog).where(eq(auditLog.subjectId, person.id));
    const failed = rows.filter((row) => row.type === 'auth.login_failed');
    const lockouts = rows.filter((row) => row.type === 'auth.lockout');
    expect(failed).toHaveLength(9);
    expect(lockouts).toHaveLength(1);
    expect(lockouts[0]!.data).toEqual({ network: '198.51.100.0/24', scope: 'account' });
    expect(failed[0]!.data).toEqual({ network: '198.51.100.0/24' });
    expect(JSON.stringify(await server.db.select().from(auditLog))).not.toContain('198.51.100.77');
  });
});
