import { randomUUID } from 'node:crypto';
import type { Role } from '@parta/protocol';
import type { Fixture } from './matrix-fixture.js';
import { ADMIN } from './school.js';
import { SETUP_TOKEN } from './setup-token.js';

/**
 * Every API route and how to call it on the matrix fixture (matrix-fixture.ts):
 * who may, and the request. Walked by the authorization matrix
 * (policy-matrix.int.test.ts: every route × every role) and by the
 * cross-school test (schools.int.test.ts: every route with an id, from
 * another school). A route added without a row fails both.
 */
export type Actor = 'anonymous' | 'applicant' | Role;
export const actors: Actor[] = [
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
export const people: Actor[] = actors.filter((a) => a !== 'anonymous');
/** people with a role: the members of the fixture's chat */
const members: Actor[] = people.filter((a) => a !== 'applicant');
const staff: Actor[] = ['teacher', 'class_teacher', 'staff', 'administration', 'admin'];

export interface Row {
  allow: Actor[];
  /** what an allowed actor gets when it is not a 2xx (the fixture's request is refused further on) */
  allowedStatus?: number;
  request: (fx: Fixture, actor: Actor) => { url?: string; body?: unknown };
}

export const matrix: Record<string, Row> = {
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
  'POST /api/auth/sessions/:id/end': {
    allow: people,
    allowedStatus: 404,
    request: () => ({ url: '/api/auth/sessions/999999/end' }),
  },
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
  'POST /api/chats/:id/mute': {
    allow: members,
    request: (fx) => ({ url: `/api/chats/${fx.chatId}/mute`, body: { muted: true } }),
  },
  'POST /api/chats/:id/leave': {
    allow: members,
    request: (fx, actor) => ({ url: `/api/chats/${fx.leavable[actor] ?? fx.chatId}/leave` }),
  },
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
  // The matrix sends JSON: a member gets as far as «not a file upload» (files.int.test.ts sends files).
  'POST /api/chats/:id/files': {
    allow: members,
    allowedStatus: 415,
    request: (fx) => ({ url: `/api/chats/${fx.chatId}/files?name=x`, body: { x: 1 } }),
  },
  // Nobody of the fixture has a file: everyone logged in gets as far as «not found».
  'GET /api/school/files': { allow: ['administration', 'admin'], request: () => ({}) },
  'POST /api/school/files': { allow: ['admin'], request: () => ({ body: { quotaBytes: null } }) },
  'GET /api/files/:id': { allow: people, allowedStatus: 404, request: () => ({ url: '/api/files/424242' }) },
  'GET /api/files/:id/thumbnail': {
    allow: people,
    allowedStatus: 404,
    request: () => ({ url: '/api/files/424242/thumbnail' }),
  },
  'GET /api/chats/:id/pending': {
    allow: members,
    request: (fx) => ({ url: `/api/chats/${fx.chatId}/pending` }),
  },
  // Nobody of the fixture has a waiting message: members get as far as «not found».
  'PATCH /api/chats/:id/pending/:clientId': {
    allow: members,
    allowedStatus: 404,
    request: (fx) => ({ url: `/api/chats/${fx.chatId}/pending/${randomUUID()}`, body: { body: 'Позже' } }),
  },
  'DELETE /api/chats/:id/pending/:clientId': {
    allow: members,
    allowedStatus: 404,
    request: (fx) => ({ url: `/api/chats/${fx.chatId}/pending/${randomUUID()}` }),
  },
  'GET /api/hours': { allow: people, request: () => ({}) },
  'POST /api/hours': { allow: ['admin'], request: () => ({ body: { opensAt: '07:30' } }) },
  'GET /api/hours/report': { allow: ['administration', 'admin'], request: () => ({}) },
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
  'POST /api/classes/bulk': {
    allow: ['admin'],
    request: () => ({ body: { grades: [3], letters: ['Г'] } }),
  },
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

export function passwordOf(actor: Actor): string {
  return actor === 'admin' || actor === 'anonymous' ? ADMIN.password : `${actor}-password`;
}
