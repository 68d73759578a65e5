import { randomUUID } from 'node:crypto';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../db/schema.js';
import type { TestClient } from '../../test/client.js';
import { setUpSchool } from '../../test/school.js';
import { startTestServer, type TestServer } from '../../test/server.js';
import { probeLimits } from './registration-probes.js';

/**
 * Self-registration (an invite link or the school code) must not tell a
 * stranger whether a login, an e-mail or a phone exists in the installation:
 * one answer for all three, and the answers are counted.
 */
let server: TestServer;
let admin: TestClient;
let code: string;
let classId: number;
let childId: number;
let token: string;

beforeAll(async () => {
  server = await startTestServer();
  admin = await setUpSchool(server);
  classId = (await admin.post('/api/classes', { grade: 3, letter: 'А' })).body.id;
  const child = await admin.post('/api/people', {
    fullName: 'Петров Миша',
    login: 'misha',
    roles: ['student'],
  });
  childId = child.body.person.id;
  await admin.post(`/api/people/${childId}/class`, { classId });
  await admin.post('/api/people', {
    fullName: 'Сафина Гульнара',
    login: 'safina',
    roles: ['teacher'],
    email: 'safina@school.example',
    phone: '+7 (900) 555-12-34',
  });
  code = (await admin.get('/api/school/structure')).body.school.joinCode;
  token = (await admin.post('/api/invites', { role: 'parent', classId })).body.url.split('/join/')[1];
});
afterAll(() => server?.close());

const fresh = () => `parent-${randomUUID().slice(0, 8)}`;
const viaLink = (register: Record<string, string>) =>
  server.client().post('/api/invites/redeem', { token, childId, acceptRules: true, register });
const viaCode = (register: Record<string, string>) =>
  server.client().post('/api/schools/join', {
    code,
    role: 'parent',
    classId,
    childName: 'Петров Миша',
    acceptRules: true,
    register,
  });
const newcomer = (extra: Record<string, string>) => ({
  fullName: 'Новый Родитель',
  login: fresh(),
  password: 'sova-v-lesu',
  ...extra,
});
const people = async () => (await server.db.select({ n: count() }).from(users))[0]!.n;

describe('registering with details that exist', () => {
  it('gets one answer whichever of login, e-mail or phone exists, and creates nobody', async () => {
    const before = await people();
    const answers = [
      await viaLink(newcomer({ login: 'safina' })),
      await viaLink(newcomer({ email: 'Safina@School.example' })),
      await viaLink(newcomer({ phone: '8 900 555 12 34' })),
      await viaCode(newcomer({ login: 'SAFINA' })),
      await viaCode(newcomer({ phone: '+79005551234' })),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(409);
      expect(answer.body).toEqual(answers[0]!.body);
    }
    expect(answers[0]!.body.error.code).toBe('auth.registration_refused');
    expect(answers[0]!.body.error.message).toMatch(/^Зарегистрироваться с этими данными не получится\./);
    expect(await people()).toBe(before);
  });

  it('refuses a phone or an e-mail that is not one, in Russian, and creates nobody', async () => {
    const before = await people();
    const phone = await viaCode(newcomer({ phone: 'позвоните мне' }));
    expect(phone.status).toBe(400);
    expect(phone.body.error.fields.map((field: { path: string }) => field.path)).toEqual(['register.phone']);
    const email = await viaLink(newcomer({ email: 'safina at school' }));
    expect(email.status).toBe(400);
    expect(email.body.error.fields.map((field: { path: string }) => field.path)).toEqual(['register.email']);
    expect(await people()).toBe(before);
  });
});

describe('probing', () => {
  it('is counted per e-mail, phone or login tried: then 429, however it is spelt', async () => {
    server.clock.advance(15 * 60 * 1000);
    for (let i = 0; i < probeLimits.perSubject; i++) {
      expect((await viaLink(newcomer({ email: 'safina@school.example' }))).status).toBe(409);
    }
    const limited = await viaCode(newcomer({ email: 'SAFINA@school.example' }));
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('invites.rate_limited');
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await viaLink(newcomer({}))).status).toBe(200);
  });

  it('is counted per address across links and the school code, and a burst gets no more', async () => {
    server.clock.advance(15 * 60 * 1000);
    // Probes of distinct existing details, five of each (the per-subject limit).
    const taken: Record<string, string>[] = [];
    for (let i = 10; i < 18; i++) {
      const contacts = {
        login: `probe-${i}`,
        email: `probe${i}@school.example`,
        phone: `+7 902 000 00 ${i}`,
      };
      await admin.post('/api/people', { fullName: `Занятый ${i}`, roles: ['parent'], ...contacts });
      for (const [field, value] of Object.entries(contacts)) {
        for (let n = 0; n < probeLimits.perSubject; n++) taken.push(newcomer({ [field]: value }));
      }
    }
    const early = probeLimits.perAddress - 10;
    for (let i = 0; i < early; i++) {
      expect((await (i % 2 ? viaLink : viaCode)(taken[i]!)).status).toBe(409);
    }
    const burst = await Promise.all(
      taken.slice(early, early + 30).map((register, i) => (i % 2 ? viaLink : viaCode)(register)),
    );
    const statuses = burst.map((reply) => reply.status).sort();
    expect(statuses).toEqual([...Array(10).fill(409), ...Array(20).fill(429)]);
    expect((await viaLink(newcomer({}))).status).toBe(429);
    server.clock.advance(15 * 60 * 1000);
    expect((await viaLink(newcomer({}))).status).toBe(200);
  });
});
