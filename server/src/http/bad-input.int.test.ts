import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestClient } from '../test/client.js';
import { digest } from '../test/digest.js';
import { addPerson, setUpSchool } from '../test/school.js';
import { startTestServer, type TestServer } from '../test/server.js';
import { SETUP_TOKEN } from '../test/setup-token.js';

/**
 * Every text field, id and body byte a route takes, spoiled one at a time in
 * an otherwise valid request: the answer is a 400 naming the field, never a
 * 500, and nothing changes (DESIGN §3.5).
 */
let server: TestServer;
let admin: TestClient;
let before: string;

interface Example {
  method: 'GET' | 'POST' | 'PATCH';
  /** with `:id` and `:messageId` for the path parameters */
  url: string;
  body?: Record<string, unknown>;
  query?: Record<string, string>;
  anonymous?: boolean;
}

const f = {} as Record<
  'classId' | 'teacherId' | 'parentId' | 'studentId' | 'chatId' | 'otherChatId' | 'joinId' | 'messageId',
  number
> & { inviteToken: string; schoolCode: string };

const newcomer = () => ({
  fullName: 'Гарипова Лейсан',
  login: 'garipova',
  password: 'garipova-password',
  email: 'garipova@mail.example',
  phone: '+7 917 000-00-00',
});

/** One valid request per route that takes text or ids. */
const examples = (): Example[] => [
  {
    method: 'POST',
    url: '/api/setup',
    anonymous: true,
    body: {
      schoolName: 'Школа',
      timeZone: 'Europe/Moscow',
      adminName: 'Иванов Иван',
      login: 'ivanov',
      password: 'ivanov-password',
      setupToken: SETUP_TOKEN,
    },
  },
  { method: 'POST', url: '/api/auth/login', anonymous: true, body: { login: 'admin', password: 'x' } },
  {
    method: 'POST',
    url: '/api/auth/reset',
    anonymous: true,
    body: { token: 'a'.repeat(43), newPassword: 'new-password-1' },
  },
  { method: 'POST', url: '/api/auth/reset/preview', anonymous: true, body: { token: 'a'.repeat(43) } },
  {
    method: 'POST',
    url: '/api/auth/password',
    body: { currentPassword: 'admin-password-1', newPassword: 'new-password-1' },
  },
  { method: 'POST', url: '/api/chats', body: { title: 'Чат класса', memberIds: [f.parentId] } },
  { method: 'POST', url: '/api/chats/direct', body: { userId: f.teacherId } },
  { method: 'GET', url: '/api/direct-contacts', query: { q: encodeURIComponent('Гал') } },
  { method: 'GET', url: '/api/chats/:id', body: undefined },
  { method: 'POST', url: '/api/chats/:id/members', body: { userIds: [f.teacherId] } },
  { method: 'POST', url: '/api/chats/:id/read', body: { messageId: f.messageId } },
  {
    method: 'POST',
    url: '/api/people',
    body: {
      fullName: 'Хабибуллин Марат',
      login: 'khabibullin',
      roles: ['parent'],
      email: 'marat@mail.example',
      phone: '+7 917 111-22-33',
    },
  },
  { method: 'GET', url: '/api/people/:id' },
  { method: 'POST', url: '/api/people/:id/class', body: { classId: f.classId } },
  { method: 'POST', url: '/api/people/:id/guardians', body: { parentId: f.parentId } },
  { method: 'POST', url: '/api/classes', body: { grade: 5, letter: 'В' } },
  { method: 'GET', url: '/api/classes/:id' },
  { method: 'POST', url: '/api/classes/:id/class-teacher', body: { teacherId: f.teacherId } },
  {
    method: 'POST',
    url: '/api/classes/:id/subject-teachers',
    body: { teacherId: f.teacherId, subject: 'Математика' },
  },
  { method: 'POST', url: '/api/classes/:id/committee', body: { parentId: f.parentId, member: true } },
  { method: 'GET', url: '/api/search', query: { q: encodeURIComponent('Привет'), chatId: String(f.chatId) } },
  { method: 'POST', url: '/api/invites', body: { role: 'parent', classId: f.classId } },
  { method: 'POST', url: '/api/invites', body: { role: 'parent', personId: f.parentId } },
  { method: 'POST', url: '/api/invites', body: { role: 'parent', chatId: f.otherChatId } },
  { method: 'POST', url: '/api/invites/annul', body: { classId: f.classId } },
  { method: 'POST', url: '/api/invites/preview', anonymous: true, body: { token: f.inviteToken } },
  {
    method: 'POST',
    url: '/api/invites/redeem',
    anonymous: true,
    body: { token: f.inviteToken, register: newcomer(), childId: f.studentId, acceptRules: true },
  },
  { method: 'GET', url: '/api/chats/:id/messages', query: { before: String(f.messageId) } },
  {
    method: 'POST',
    url: '/api/chats/:id/messages',
    body: { clientId: randomUUID(), body: 'Добрый день.\nЗавтра собрание.', replyToId: f.messageId },
  },
  { method: 'PATCH', url: '/api/chats/:id/messages/:messageId', body: { body: 'Исправлено' } },
  { method: 'POST', url: '/api/chats/:id/messages/:messageId/pin', body: { pinned: true } },
  {
    method: 'POST',
    url: '/api/chats/:id/messages/:messageId/forward',
    body: { toChatId: f.otherChatId, clientId: randomUUID() },
  },
  { method: 'POST', url: '/api/schools/preview', anonymous: true, body: { code: f.schoolCode } },
  {
    method: 'POST',
    url: '/api/schools/join',
    anonymous: true,
    body: {
      code: f.schoolCode,
      role: 'parent',
      classId: f.classId,
      register: newcomer(),
      childName: 'Петров Миша',
      acceptRules: true,
    },
  },
  { method: 'POST', url: '/api/joins/approve', body: { ids: [f.joinId] } },
  { method: 'POST', url: '/api/joins/:id/reject', body: { reason: 'Не родитель\nэтого класса' } },
];

/** The path ids each route works on; `:id` is a chat, class, person or join request by route. */
function pathIds(url: string): Record<string, string> {
  if (url.startsWith('/api/chats/:id')) return { id: String(f.chatId), messageId: String(f.messageId) };
  if (url.startsWith('/api/people/:id')) return { id: String(f.studentId) };
  if (url.startsWith('/api/classes/:id')) return { id: String(f.classId) };
  return { id: String(f.joinId) };
}

/** `query` values go as they are, already percent-encoded (a lone surrogate has no other way in). */
function send(example: Example, params: Record<string, string>, body: unknown, query = example.query) {
  const path = example.url.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(params[name]!));
  const pairs = Object.entries(query ?? {}).map(([name, value]) => `${name}=${value}`);
  const search = pairs.length > 0 ? `?${pairs.join('&')}` : '';
  const client = example.anonymous ? server.client() : admin;
  return client.request(example.method, path + search, body);
}

/** Text no field accepts: C0 controls (a tab or line break is fine only in multi-line text) and lone surrogates. */
const badText = ['\u0000', '\u0007', '\u001b', '\uD800', '\uDFFF'];
/** Ids outside `integer`, and spellings of 1 that are not its one canonical form. */
const badIds = ['2147483648', '99999999999999999999', '0x1', '1e3', '01', '+1', '1.0', ' 1', '-1', '0'];
const badMessageIds = ['9007199254740992', '0x1', '1e3', '01', '+1', '1.0', '-1', '0'];

/** Every (path, spoiled body) pair: each string leaf with bad text inside, each id leaf out of range. */
function* spoiled(value: unknown, path: string[] = []): Generator<[string, unknown]> {
  if (typeof value === 'string')
    for (const bad of badText) yield [path.join('.'), value.slice(0, 1) + bad + value.slice(1)];
  const key = path.filter((p) => !/^\d+$/.test(p)).at(-1) ?? '';
  // Messages are counted in `bigint`: their ids go past 2^31, not past what JavaScript counts exactly.
  if (typeof value === 'number' && /^(messageId|replyToId)$/.test(key)) yield [path.join('.'), 2 ** 53];
  else if (typeof value === 'number' && /(^id|Id|Ids)$/.test(key)) yield [path.join('.'), 2 ** 31];
  if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      for (const [at, bad] of spoiled(inner, [...path, key])) {
        yield [
          at,
          Array.isArray(value)
            ? value.map((v, i) => (String(i) === key ? bad : v))
            : { ...value, [key]: bad },
        ];
      }
    }
  }
}

beforeAll(async () => {
  server = await startTestServer();
  admin = await setUpSchool(server);
  f.classId = (await admin.post('/api/classes', { grade: 3, letter: 'А' })).body.id;
  f.teacherId = (
    await addPerson(server, admin, { fullName: 'Галиева Алсу', login: 'galieva', roles: ['teacher'] })
  ).id;
  f.parentId = (
    await addPerson(server, admin, { fullName: 'Петрова Анна', login: 'petrova', roles: ['parent'] })
  ).id;
  f.studentId = (
    await admin.post('/api/people', { fullName: 'Петров Миша', login: 'misha', roles: ['student'] })
  ).body.person.id;
  await admin.post(`/api/people/${f.studentId}/class`, { classId: f.classId });
  f.chatId = (await admin.post('/api/chats', { title: 'Чат', memberIds: [f.parentId] })).body.id;
  f.otherChatId = (await admin.post('/api/chats', { title: 'Другой чат', memberIds: [] })).body.id;
  f.messageId = (
    await admin.post(`/api/chats/${f.chatId}/messages`, { clientId: randomUUID(), body: 'Привет' })
  ).body.id;
  f.inviteToken = (await admin.post('/api/invites', { role: 'parent', classId: f.classId })).body.url.split(
    '/join/',
  )[1];
  f.schoolCode = (await admin.get('/api/school/structure')).body.school.joinCode;
  const applicant = await server.client().post('/api/schools/join', {
    code: f.schoolCode,
    role: 'parent',
    classId: f.classId,
    register: { fullName: 'Сафина Алия', login: 'safina', password: 'safina-password' },
    childName: 'Петров Миша',
    acceptRules: true,
  });
  f.joinId = applicant.body.request.id;
  before = await digest(server.db);
});
afterAll(() => server?.close());

describe('a spoiled field in a valid request', () => {
  it('refuses control characters, lone surrogates and out-of-range ids in bodies with 400 naming the field', async () => {
    const failures: string[] = [];
    for (const example of examples()) {
      for (const [path, body] of spoiled(example.body)) {
        const reply = await send(example, pathIds(example.url), body);
        const fields = (reply.body.error?.fields ?? []).map((field: { path: string }) => field.path);
        if (reply.status !== 400 || reply.body.error.code !== 'validation.failed' || !fields.includes(path))
          failures.push(
            `${example.method} ${example.url} ${path} ${JSON.stringify(body).slice(0, 80)} → ${reply.status} ${JSON.stringify(reply.body).slice(0, 120)}`,
          );
      }
    }
    expect(failures).toEqual([]);
    expect(await digest(server.db)).toBe(before);
  });

  it('refuses bad text and non-canonical or out-of-range ids in the query', async () => {
    const failures: string[] = [];
    for (const example of examples().filter((e) => e.query)) {
      for (const [name, value] of Object.entries(example.query!)) {
        const spoilt =
          name === 'q'
            ? ['%00', '%07', '%1B', '%C2%85', '%ED%A0%80', '%FF', '%C3'].map((bad) => value + bad)
            : (name === 'before' ? badMessageIds : badIds).map(encodeURIComponent);
        for (const bad of spoilt) {
          const reply = await send(example, pathIds(example.url), undefined, {
            ...example.query,
            [name]: bad,
          });
          if (reply.status !== 400 || reply.body.error.code !== 'validation.failed')
            failures.push(
              `${example.url}?${name}=${JSON.stringify(bad)} → ${reply.status} ${JSON.stringify(reply.body).slice(0, 120)}`,
            );
        }
      }
    }
    expect(failures).toEqual([]);
    const search = await admin.get('/api/search?q=%D0%BF%D1%80%FF');
    expect(search.body.error.message).toBe('Проверьте заполнение полей: строка поиска.');
  });

  it('acts only on the canonical spelling of an id in the path', async () => {
    const failures: string[] = [];
    for (const example of examples().filter((e) => e.url.includes(':'))) {
      const valid = pathIds(example.url);
      for (const name of example.url.match(/:(\w+)/g)!.map((p) => p.slice(1))) {
        for (const bad of name === 'messageId' ? badMessageIds : badIds) {
          const reply = await send(example, { ...valid, [name]: bad }, example.body);
          if (reply.status !== 400 || reply.body.error.code !== 'validation.failed')
            failures.push(
              `${example.method} ${example.url} ${name}=${JSON.stringify(bad)} → ${reply.status} ${JSON.stringify(reply.body).slice(0, 120)}`,
            );
        }
      }
    }
    expect(failures).toEqual([]);
    expect(await digest(server.db)).toBe(before);
  });

  it('refuses a body that is not UTF-8, in Russian, instead of storing «���»', async () => {
    const failures: string[] = [];
    for (const example of examples().filter((e) => e.body)) {
      const json = JSON.stringify(example.body);
      const at = json.indexOf('"', json.indexOf(':')) + 1;
      const bytes = Buffer.concat([
        Buffer.from(json.slice(0, at)),
        Buffer.from([0xd0, 0x28, 0xff]),
        Buffer.from(json.slice(at)),
      ]);
      const reply = await send(example, pathIds(example.url), bytes);
      if (reply.status !== 400 || reply.body.error.code !== 'request.malformed_json')
        failures.push(
          `${example.method} ${example.url} → ${reply.status} ${JSON.stringify(reply.body).slice(0, 120)}`,
        );
    }
    expect(failures).toEqual([]);
    const reply = await admin.request(
      'POST',
      `/api/chats/${f.chatId}/messages`,
      Buffer.from([0x7b, 0xff, 0x7d]),
    );
    expect(reply.body.error.message).toBe(
      'Запрос не удалось прочитать: тело запроса не является корректным JSON.',
    );
    expect(await digest(server.db)).toBe(before);
  });
});
