import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../db/schema.js';
import { ManualClock } from '../infra/clock.js';
import type { FailureCounter } from '../infra/rate-limit.js';
import type { TestClient } from './client.js';
import { addPerson, setUpSchool } from './school.js';
import { startTestServer, type TestServer } from './server.js';

/**
 * What an attacker sees of the login limits, run once on the in-memory
 * counter and once on Redis (the same cases, the same answers).
 */
export function loginLimitCases(
  counter: string,
  makeCounter: (clock: ManualClock) => Promise<FailureCounter>,
) {
  describe(`login limits (${counter})`, () => {
    let server: TestServer;
    let admin: TestClient;
    beforeAll(async () => {
      const clock = new ManualClock();
      server = await startTestServer({ clock, failures: await makeCounter(clock) });
      admin = await setUpSchool(server);
    });
    afterAll(() => server?.close());

    const login = (typed: string, password: string) =>
      server.client().post('/api/auth/login', { login: typed, password });
    const statuses = (replies: { status: number }[]) => replies.map((reply) => reply.status).sort();

    it('lets at most 10 of 30 wrong passwords sent at once reach the password check', async () => {
      const person = await addPerson(server, admin, {
        fullName: 'Зайцев Пётр',
        login: 'zaitsev',
        roles: ['parent'],
      });
      const replies = await Promise.all(Array.from({ length: 30 }, () => login('zaitsev', 'wrong-password')));
      expect(statuses(replies)).toEqual([...Array(10).fill(401), ...Array(20).fill(429)]);
      const limited = replies.find((reply) => reply.status === 429)!;
      expect(limited.body.error.message).toMatch(/Слишком много попыток входа/);
      expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
      expect((await login('zaitsev', person.password)).status).toBe(429);
      const rows = await server.db
        .select({ type: auditLog.type })
        .from(auditLog)
        .where(and(eq(auditLog.subjectId, person.id)));
      const types = rows.map((row) => row.type);
      expect(types.filter((type) => type === 'auth.login_failed')).toHaveLength(9);
      expect(types.filter((type) => type === 'auth.lockout')).toHaveLength(1);
      server.clock.advance(15 * 60 * 1000);
      expect((await login('zaitsev', person.password)).status).toBe(200);
    });

    it('counts every spelling of a phone on the one account it names', async () => {
      const created = await admin.post('/api/people', {
        fullName: 'Сафина Гульнара',
        login: 'safina',
        roles: ['parent'],
        phone: '+7 (900) 555-12-34',
      });
      const token = created.body.setPasswordLink.url.split('/reset/')[1];
      await server.client().post('/api/auth/reset', { token, newPassword: 'safina-password' });
      const spellings = [
        '+7 (900) 555-12-34',
        '89005551234',
        '79005551234',
        '9005551234',
        '+7 900 555 12 34',
      ];
      for (let i = 0; i < 10; i++) {
        expect((await login(spellings[i % spellings.length]!, 'wrong-password')).status).toBe(401);
      }
      expect((await login('8 (900) 555-12-34', 'safina-password')).status).toBe(429);
      expect((await login('safina', 'safina-password')).status).toBe(429);
    });

    it('counts a login that names nobody by its normalised form', async () => {
      for (const typed of ['+7 (911) 000-00-01', '89110000001', 'NOBODY', ' nobody ']) {
        expect((await login(typed, 'wrong-password')).status).toBe(401);
      }
      for (let i = 0; i < 8; i++) await login('79110000001', 'wrong-password');
      expect((await login('8 911 000 00 01', 'wrong-password')).status).toBe(429);
    });

    it('limits wrong current passwords when changing the password, on the same counter as logins', async () => {
      const person = await addPerson(server, admin, {
        fullName: 'Гарипов Ильдар',
        login: 'garipov',
        roles: ['teacher'],
      });
      const replies = await Promise.all(
        Array.from({ length: 12 }, () =>
          person.client.post('/api/auth/password', {
            currentPassword: 'a-wrong-guess',
            newPassword: 'garipov-new-password',
          }),
        ),
      );
      expect(statuses(replies)).toEqual([...Array(10).fill(400), 429, 429]);
      const right = await person.client.post('/api/auth/password', {
        currentPassword: person.password,
        newPassword: 'garipov-new-password',
      });
      expect(right.status).toBe(429);
      expect((await login('garipov', person.password)).status).toBe(429);
      server.clock.advance(15 * 60 * 1000);
      expect((await login('garipov', person.password)).status).toBe(200);
    });
  });
}
