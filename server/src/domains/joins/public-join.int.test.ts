import { randomUUID } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { joinRequests, users } from '../../db/schema.js';
import { postFrom } from '../../test/from-address.js';
import { setUpSchool } from '../../test/school.js';
import { startTestServer, type TestServer } from '../../test/server.js';
import { guessLimits } from './attempts.js';

/**
 * The school's public page (`/school`, regulation §4.3): the bare school code
 * shows the classes and never the children; a parent types their child's
 * name; and the limits against guessing cannot lock a parents' meeting out
 * (docs/joining.md, «Защита от подбора»).
 */
let server: TestServer;
let code: string;
let class5a: number;

const notFound5a =
  'Не нашли ученика с таким именем в 5А. Проверьте, как написаны фамилия и имя, или попросите у классного руководителя ссылку-приглашение.';

const register = (login: string) => ({ fullName: `Родитель ${login}`, login, password: `${login}-password` });
const join = (childName: string, login = `p-${randomUUID().slice(0, 8)}`) => ({
  code,
  role: 'parent',
  classId: class5a,
  childName,
  register: register(login),
  acceptRules: true,
});
const from = (address: string, path: string, body: unknown) => postFrom(server.url, address, path, body);
const childOf = async (requestId: number) =>
  (
    await server.db
      .select({ fullName: users.fullName })
      .from(joinRequests)
      .innerJoin(users, eq(users.id, joinRequests.childId))
      .where(eq(joinRequests.id, requestId))
  )[0]?.fullName;
const tally = async () => ({
  users: (await server.db.select({ n: count() }).from(users))[0]!.n,
  requests: (await server.db.select({ n: count() }).from(joinRequests))[0]!.n,
});

beforeAll(async () => {
  server = await startTestServer();
  const admin = await setUpSchool(server);
  class5a = (await admin.post('/api/classes', { grade: 5, letter: 'А' })).body.id;
  const class5b = (await admin.post('/api/classes', { grade: 5, letter: 'Б' })).body.id;
  const pupils: [string, number][] = [
    ['Петров Миша Иванович', class5a],
    ['Ёлкина Алёна Сергеевна', class5a],
    ['Хабибуллин Тимур Ильдарович', class5a],
    ['Хабибуллин Тимур Маратович', class5a],
    ['Сафина Алия Маратовна', class5b],
  ];
  for (const [fullName, classId] of pupils) {
    const made = await admin.post('/api/people', {
      fullName,
      login: `s-${randomUUID().slice(0, 8)}`,
      roles: ['student'],
    });
    await admin.post(`/api/people/${made.body.person.id}/class`, { classId });
  }
  code = (await admin.get('/api/school/structure')).body.school.joinCode;
});
afterAll(() => server?.close());
// Each test starts in a fresh 15-minute window of the counters.
beforeEach(() => server.clock.advance(15 * 60 * 1000));

describe('the bare school code shows classes, never children', () => {
  it('lists the classes and has no way to list a class’s children', async () => {
    const preview = await server.client().post('/api/schools/preview', { code });
    expect(preview.body).toEqual({
      school: 'МБОУ «Большекайбицкая СОШ»',
      classes: [
        { id: class5a, name: '5А' },
        { id: expect.any(Number), name: '5Б' },
      ],
    });
    const children = await server.client().post('/api/schools/children', { code, classId: class5a });
    expect(children.status).toBe(404);
    expect(JSON.stringify(children.body)).not.toMatch(/Миша|Алёна|Тимур/);
  });

  it('refuses to take a child by id with the bare code', async () => {
    const reply = await server.client().post('/api/schools/join', { ...join('Петров Миша'), childId: 1 });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('validation.failed');
  });
});

describe('a parent types the child’s surname and first name', () => {
  it('joins whatever the case, ё, spacing and order, with or without the patronymic', async () => {
    for (const [typed, child] of [
      ['  ЕЛКИНА   алена ', 'Ёлкина Алёна Сергеевна'],
      ['Миша Петров', 'Петров Миша Иванович'],
      ['Хабибуллин Тимур Маратович', 'Хабибуллин Тимур Маратович'],
    ]) {
      const family = server.client();
      const joined = await family.post('/api/schools/join', join(typed!));
      expect(joined.status, typed).toBe(200);
      expect(joined.body).toMatchObject({
        outcome: 'pending',
        request: { inviteId: null, class: { name: '5А' } },
      });
      expect(await childOf(joined.body.request.id)).toBe(child);
    }
  });

  it('refuses a wrong, partial or ambiguous name in Russian and creates nothing', async () => {
    const before = await tally();
    for (const typed of ['Петров Михаил', 'Хабибуллин Тимур', 'Сафина Алия', 'Петров Миша Петрович']) {
      const refused = await server.client().post('/api/schools/join', join(typed));
      expect(refused.status, typed).toBe(400);
      expect(refused.body.error, typed).toEqual({ code: 'joins.child_not_found', message: notFound5a });
    }
    const partial = await server.client().post('/api/schools/join', join('Петров'));
    expect(partial.body.error).toEqual({
      code: 'joins.child_name_required',
      message: 'Напишите фамилию и имя ребёнка, например «Петров Миша».',
    });
    const english = await server
      .client()
      .request('POST', '/api/schools/join', join('Петров Михаил'), { 'accept-language': 'en' });
    expect(english.body.error.message).toMatch(/^We found no student with this name in 5А\./);
    expect(await tally()).toEqual(before);
  });
});

describe('limits that cannot lock a parents’ meeting out', () => {
  it('lets a new family in after well over a hundred lookups of the code from other addresses', async () => {
    for (let i = 0; i < 110; i++) {
      const lookup = await from(`127.0.0.${10 + (i % 10)}`, '/api/schools/preview', { code });
      expect(lookup.status).toBe(200);
    }
    const family = server.client();
    expect((await family.post('/api/schools/preview', { code })).status).toBe(200);
    expect((await family.post('/api/schools/join', join('Петров Миша'))).body.outcome).toBe('pending');
  });

  it('blocks one address after a flood of wrong names, and nobody else', async () => {
    for (let i = 0; i < guessLimits.failuresPerAddress; i++) {
      const wrong = await from('127.0.0.30', '/api/schools/join', join(`Иванов Иван${i}`));
      expect(wrong.body.error.code).toBe('joins.child_not_found');
    }
    const blocked = await from('127.0.0.30', '/api/schools/join', join('Петров Миша'));
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.message).toMatch(/^Слишком много попыток. Попробуйте снова через \d+ мин.$/);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await from('127.0.0.30', '/api/schools/preview', { code })).status).toBe(429);

    expect((await from('127.0.0.31', '/api/schools/join', join('Петров Миша'))).body.outcome).toBe('pending');
    server.clock.advance(15 * 60 * 1000);
    expect((await from('127.0.0.30', '/api/schools/join', join('Ёлкина Алёна'))).body.outcome).toBe(
      'pending',
    );
  });

  it('bounds the requests from one address for one code, and only that pair', async () => {
    for (let i = 0; i < guessLimits.attemptsPerAddressAndSubject; i++) {
      expect((await from('127.0.0.40', '/api/schools/preview', { code })).status).toBe(200);
    }
    expect((await from('127.0.0.40', '/api/schools/preview', { code })).status).toBe(429);
    expect((await from('127.0.0.41', '/api/schools/preview', { code })).status).toBe(200);
    const otherCode = await from('127.0.0.40', '/api/schools/preview', { code: '00000000' });
    expect(otherCode.body.error.code).toBe('schools.code_invalid');
  });

  it('closes a code for a window after refused guesses from many addresses, and opens it again', async () => {
    const perAddress = guessLimits.failuresPerAddress - 5;
    for (let i = 0; i < guessLimits.failuresPerSubject; i++) {
      const address = `127.0.0.${50 + Math.floor(i / perAddress)}`;
      const wrong = await from(address, '/api/schools/join', join(`Иванов Иван${i}`));
      expect(wrong.body.error.code).toBe('joins.child_not_found');
    }
    expect((await from('127.0.0.60', '/api/schools/preview', { code })).status).toBe(429);
    server.clock.advance(15 * 60 * 1000);
    expect((await from('127.0.0.60', '/api/schools/preview', { code })).status).toBe(200);
  });
});
