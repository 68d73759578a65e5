import { randomUUID } from 'node:crypto';
import type { Role } from '@parta/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestClient } from './test/client.js';
import { buildMatrixFixture, type Fixture } from './test/matrix-fixture.js';
import { ADMIN } from './test/school.js';
import { startTestServer, type TestServer } from './test/server.js';
import { SETUP_TOKEN } from './test/setup-token.js';

/**
 * The authorization matrix (DESIGN §3.3): every API route × every role.
 * The fixture: one person per role, all plain members of one chat the admin
 * owns; a class 5А led by the class teacher, with the student and their parent. A route added without a row here fails the first test.
 */
type Actor = 'anonymous' | 'applicant' | Role;
const actors: Actor[] = [
  'anonymous',
  'applicant',
  'student',
  'parent',
  'teacher',
  'class_teacher',
  'staff',
  'administration',
  'admin',
];
/** everyone logged in, including an applicant whose request waits (no role yet) */
const people: Actor[] = actors.filter((a) => a !== 'anonymous');
/** people with a role: the members of the fixture's chat */
const members: Actor[] = people.filter((a) => a !== 'applicant');
const staff: Actor[] = ['teacher', 'class_teacher', 'staff', 'administration', 'admin'];

interface Row {
  allow: Actor[];
  /** what an allowed actor gets when it is not a 2xx (the fixture's request is refused further on) */
  allowedStatus?: number;
  request: (fx: Fixture, actor: Actor) => { url?: string; body?: unknown };
}

const matrix: Record<string, Row> = {
  'GET /api/setup': { allow: actors, request: () => ({}) },
  'POST /api/setup': {
    allow: actors,
    allowedStatus: 409,
    request: () => ({
      body: {
        schoolName: 'Школа',
        timeZone: 'UTC',
        adminName: 'А Б',
        login: 'x-admin',
        setupToken: SETUP_TOKEN,
        password: 'matrix-secret-1',
      },
    }),
  },
  'POST /api/auth/login': {
    allow: actors,
    request: (_fx, actor) => ({
      body: { login: actor === 'anonymous' ? ADMIN.login : actor, password: passwordOf(actor) },
    }),
  },
  'POST /api/auth/reset': {
    allow: actors,
    allowedStatus: 400,
    request: () => ({ body: { token: 'x'.repeat(43), newPassword: 'matrix-secret-1' } }),
  },
  'POST /api/auth/reset/preview': {
    allow: actors,
    allowedStatus: 400,
    request: () => ({ body: { token: 'x'.repeat(43) } }),
  },
  'GET /api/me': { allow: people, request: () => ({}) },
  'POST /api/me/locale': { allow: people, request: () => ({ body: { locale: 'ru' } }) },
  'POST /api/auth/logout': { allow: people, request: () => ({}) },
  'POST /api/auth/logout-others': { allow: people, request: () => ({}) },
  'GET /api/auth/sessions': { allow: people, request: () => ({}) },
  'POST /api/auth/password': {
    allow: people,
    allowedStatus: 400,
    request: () => ({ body: { currentPassword: 'not-the-password', newPassword: 'matrix-secret-2' } }),
  },
  'GET /api/people': { allow: staff, request: () => ({}) },
  'POST /api/people': {
    allow: ['admin'],
    request: (fx) => ({ body: { fullName: 'Новый Человек', login: `new-${fx.next()}`, roles: ['parent'] } }),
  },
  'POST /api/people/:id/reset-link': {
    allow: ['admin'],
    request: (fx) => ({ url: `/api/people/${fx.personId}/reset-link` }),
  },
  'GET /api/chats': { allow: people, request: () => ({}) },
  'POST /api/chats': {
    allow: staff,
    request: () => ({ body: { title: 'Новый чат', memberIds: [] } }),
  },
  'POST /api/chats/direct': {
    allow: members,
    // the class teacher teaches the student's class and the parent's child; staff write to staff
    request: (fx, actor) => ({
      body: { userId: actor === 'class_teacher' ? fx.teacherId : fx.classTeacherId },
    }),
  },
  'GET /api/direct-contacts': { allow: people, request: () => ({ url: '/api/direct-contacts?q=Роль' }) },
  'GET /api/search': { allow: people, request: () => ({ url: '/api/search?q=Первое' }) },
  'GET /api/chats/:id/pins': { allow: members, request: (fx) => ({ url: `/api/chats/${fx.chatId}/pins` }) },
  'GET /api/chats/:id/messages/:messageId/history': {
    allow: ['admin'],
    request: (fx) => ({ url: `/api/chats/${fx.chatId}/messages/${fx.messageId}/history` }),
  },
  'PATCH /api/chats/:id/messages/:messageId': {
    allow: ['admin'],
    request: (fx) => ({ url: `/api/chats/${fx.chatId}/messages/${fx.messageId}`, body: { body: 'Первое' } }),
  },
  'DELETE /api/chats/:id/messages/:messageId': {
    allow: ['admin'],
    request: (fx) => ({ url: `/api/chats/${fx.chatId}/messages/${fx.spareMessage()}` }),
  },
  'POST /api/chats/:id/messages/:messageId/reactions': {
    allow: members,
    request: (fx) => ({
      url: `/api/chats/${fx.chatId}/messages/${fx.messageId}/reactions`,
      body: { emoji: '👍', on: true },
    }),
  },
  'POST /api/chats/:id/messages/:messageId/pin': {
    allow: ['admin'],
    request: (fx) => ({
      url: `/api/chats/${fx.chatId}/messages/${fx.messageId}/pin`,
      body: { pinned: true },
    }),
  },
  'POST /api/chats/:id/messages/:messageId/forward': {
    allow: members,
    request: (fx) => ({
      url: `/api/chats/${fx.chatId}/messages/${fx.messageId}/forward`,
      body: { toChatId: fx.chatId, clientId: randomUUID() },
    }),
  },
  'GET /api/chats/:id': { allow: members, request: (fx) => ({ url: `/api/chats/${fx.chatId}` }) },
  'GET /api/chats/:id/members': {
    allow: members,
    request: (fx) => ({ url: `/api/chats/${fx.chatId}/members` }),
  },
  'POST /api/chats/:id/members': {
    allow: ['admin'],
    request: (fx) => ({ url: `/api/chats/${fx.chatId}/members`, body: { userIds: [fx.personId] } }),
  },
  'POST /api/chats/:id/read': {
    allow: members,
    request: (fx) => ({ url: `/api/chats/${fx.chatId}/read`, body: { messageId: fx.messageId } }),
  },
  'GET /api/chats/:id/messages': {
    allow: members,
    request: (fx) => ({ url: `/api/chats/${fx.chatId}/messages` }),
  },
  'GET /api/chats/:id/messages/:messageId/reads': {
    allow: members,
    request: (fx) => ({ url: `/api/chats/${fx.chatId}/messages/${fx.messageId}/reads` }),
  },
  'POST /api/chats/:id/messages': {
    allow: members,
    request: (fx) => ({
      url: `/api/chats/${fx.chatId}/messages`,
      body: { clientId: randomUUID(), body: 'Проверка' },
    }),
  },
  'GET /api/ws': { allow: people, request: () => ({}) },
  'GET /api/people/:id': {
    // only those who may write to the student: the class teacher of 5А and the leadership
    allow: ['class_teacher', 'administration', 'admin'],
    request: (fx) => ({ url: `/api/people/${fx.studentId}` }),
  },
  'POST /api/people/:id/roles': {
    allow: ['admin', 'administration'],
    request: (fx) => ({
      url: `/api/people/${fx.spare.promoted}/roles`,
      body: { roles: ['parent', 'admin'] },
    }),
  },
  'POST /api/people/:id/leave': {
    allow: ['admin'],
    request: (fx) => ({ url: `/api/people/${fx.spare.leaver}/leave` }),
  },
  'POST /api/people/:id/class': {
    allow: ['admin'],
    request: (fx) => ({ url: `/api/people/${fx.studentId}/class`, body: { classId: fx.classId } }),
  },
  'POST /api/people/:id/guardians': {
    allow: ['admin', 'class_teacher'],
    request: (fx) => ({
      url: `/api/people/${fx.studentId}/guardians`,
      body: { parentId: fx.spare.guardian },
    }),
  },
  'POST /api/people/:id/guardians/remove': {
    allow: ['admin', 'class_teacher'],
    request: (fx) => ({
      url: `/api/people/${fx.studentId}/guardians/remove`,
      body: { parentId: fx.spare.guardian },
    }),
  },
  'GET /api/school/structure': { allow: ['admin', 'administration'], request: () => ({}) },
  'POST /api/school/settings': {
    allow: ['admin'],
    request: () => ({ body: { subjectTeachersInParentChats: true } }),
  },
  'POST /api/classes': { allow: ['admin'], request: () => ({ body: { grade: 2, letter: 'в' } }) },
  'GET /api/classes/:id': {
    allow: ['admin', 'administration', 'class_teacher'],
    request: (fx) => ({ url: `/api/classes/${fx.classId}` }),
  },
  'POST /api/classes/:id/class-teacher': {
    allow: ['admin'],
    request: (fx) => ({
      url: `/api/classes/${fx.classId}/class-teacher`,
      body: { teacherId: fx.classTeacherId },
    }),
  },
  'POST /api/classes/:id/subject-teachers': {
    allow: ['admin'],
    request: (fx) => ({
      url: `/api/classes/${fx.classId}/subject-teachers`,
      body: { teacherId: fx.teacherId, subject: 'Математика' },
    }),
  },
  'POST /api/classes/:id/subject-teachers/remove': {
    allow: ['admin'],
    request: (fx) => ({
      url: `/api/classes/${fx.classId}/subject-teachers/remove`,
      body: { teacherId: fx.teacherId, subject: 'Математика' },
    }),
  },
  'POST /api/classes/:id/committee': {
    allow: ['admin', 'class_teacher'],
    request: (fx) => ({
      url: `/api/classes/${fx.classId}/committee`,
      body: { parentId: fx.parentId, member: true },
    }),
  },
  'POST /api/invites/preview': { allow: actors, request: (fx) => ({ body: { token: fx.token } }) },
  'POST /api/invites/redeem': {
    allow: actors,
    request: (fx, actor) => ({
      body: {
        token: fx.token,
        childId: fx.studentId,
        acceptRules: true,
        ...(actor === 'anonymous'
          ? {
              register: {
                fullName: 'Новый Родитель',
                login: `newcomer-${fx.next()}`,
                password: 'matrix-secret-1',
              },
            }
          : {}),
      },
    }),
  },
  'POST /api/schools/preview': { allow: actors, request: (fx) => ({ body: { code: fx.joinCode } }) },
  'POST /api/schools/join': {
    allow: actors,
    request: (fx, actor) => ({
      body: {
        code: fx.joinCode,
        role: 'parent',
        classId: fx.classId,
        childName: 'Роль student',
        acceptRules: true,
        ...(actor === 'anonymous'
          ? {
              register: {
                fullName: 'Без приглашения',
                login: `bycode-${fx.next()}`,
                password: 'matrix-secret-1',
              },
            }
          : {}),
      },
    }),
  },
  'GET /api/invites': { allow: ['admin', 'class_teacher'], request: () => ({}) },
  'GET /api/invites/options': { allow: ['admin', 'class_teacher'], request: () => ({}) },
  'GET /api/invites/candidates': {
    allow: ['admin', 'class_teacher'],
    request: (fx) => ({ url: `/api/invites/candidates?role=parent&classId=${fx.classId}` }),
  },
  'POST /api/invites': {
    allow: ['admin', 'class_teacher'],
    request: (fx) => ({ body: { role: 'parent', classId: fx.classId } }),
  },
  'POST /api/invites/:id/revoke': {
    allow: ['admin', 'class_teacher'],
    request: (fx) => ({ url: `/api/invites/${fx.inviteId}/revoke` }),
  },
  'POST /api/invites/annul': {
    allow: ['admin', 'class_teacher'],
    request: (fx) => ({ body: { classId: fx.classId } }),
  },
  'GET /api/joins': { allow: ['admin', 'class_teacher'], request: () => ({}) },
  'GET /api/joins/mine': { allow: people, request: () => ({}) },
  'POST /api/joins/:id/approve': {
    allow: ['admin', 'class_teacher'],
    request: (fx) => ({ url: `/api/joins/${fx.pending()}/approve` }),
  },
  'POST /api/joins/approve': {
    allow: ['admin', 'class_teacher'],
    request: (fx) => ({ body: { ids: [fx.pending()] } }),
  },
  'POST /api/joins/:id/reject': {
    allow: ['admin', 'class_teacher'],
    request: (fx) => ({ url: `/api/joins/${fx.pending()}/reject`, body: { reason: 'Не узнали вас' } }),
  },
  'GET /api/school/rollover': { allow: ['admin'], request: () => ({}) },
  'POST /api/school/rollover': { allow: ['admin'], request: () => ({ body: { fromYear: 2000 } }) },
};

function passwordOf(actor: Actor): string {
  return actor === 'admin' || actor === 'anonymous' ? ADMIN.password : `${actor}-password`;
}

let server: TestServer;
let fixture: Fixture;

beforeAll(async () => {
  server = await startTestServer();
  fixture = await buildMatrixFixture(server, people);
});
afterAll(() => server?.close());

async function clientFor(actor: Actor): Promise<TestClient> {
  const client = server.client();
  if (actor !== 'anonymous') await client.login(actor === 'admin' ? ADMIN.login : actor, passwordOf(actor));
  return client;
}

describe('authorization matrix', () => {
  it('has a row for every API route, and no row for a route that does not exist', () => {
    const routes = server.parta.routes.map((route) => `${route.method} ${route.url}`);
    expect(routes.filter((route) => !(route in matrix))).toEqual([]);
    expect(Object.keys(matrix).filter((row) => !routes.includes(row))).toEqual([]);
  });

  for (const [route, row] of Object.entries(matrix)) {
    it(route, async () => {
      const [method, path] = route.split(' ') as [string, string];
      for (const actor of actors) {
        const client = await clientFor(actor);
        const allowed = row.allow.includes(actor);
        if (path === '/api/ws') {
          const socket = await client.socket(null);
          await socket.waitFor(
            (s) => s.closed !== null || s.frames.some((f) => f.type === 'ready'),
            'an answer',
          );
          expect(socket.closed?.code ?? 'ready', `${actor} on ${route}`).toBe(allowed ? 'ready' : 4401);
          socket.close();
          continue;
        }
        const { url, body } = row.request(fixture, actor);
        const reply = await client.request(method, url ?? path, body);
        const verdict = `${actor} on ${route}: ${reply.status} ${JSON.stringify(reply.body).slice(0, 200)}`;
        expect(reply.status, verdict).toBeLessThan(500);
        if (allowed && row.allowedStatus) expect(reply.status, verdict).toBe(row.allowedStatus);
        else if (allowed) expect(reply.status, verdict).toBeLessThan(300);
        else if (actor === 'anonymous') expect(reply.status, verdict).toBe(401);
        // 404 where the actor may not even see the thing (DESIGN §3.8)
        else expect([403, 404], verdict).toContain(reply.status);
      }
    });
  }
});
