import { randomUUID } from 'node:crypto';
import type { Role } from '@parta/protocol';
import type { TestClient } from './client.js';
import { addPerson, setUpSchool } from './school.js';
import type { TestServer } from './server.js';

/** The people, class, chat, links and requests the authorization matrix (policy-matrix.int.test.ts) acts on. */
export interface Fixture {
  chatId: number;
  messageId: number;
  /** another message of the admin's, one per call (for deleting) */
  spareMessage: () => number;
  personId: number;
  classId: number;
  studentId: number;
  parentId: number;
  teacherId: number;
  classTeacherId: number;
  /** people whom an allowed request may change (roles, leaving) without spoiling the fixture */
  spare: { leaver: number; promoted: number; guardian: number };
  /** a parent link to the class, unlimited, for preview and redeem */
  token: string;
  joinCode: string;
  /** a link of the class for revoking */
  inviteId: number;
  /** a fresh pending join request of the class, one per call */
  pending: () => number;
  /** a group chat each actor is a plain member of, for leaving */
  leavable: Record<string, number>;
  next: () => number;
}

/** One person per role (logins are the role names), all plain members of one chat the admin owns; a class 5А led by the class teacher, with the student and their parent; an applicant without a role. */
export async function buildMatrixFixture(server: TestServer, roles: readonly string[]): Promise<Fixture> {
  const admin = await setUpSchool(server);
  const ids: Record<string, number> = {};
  let teacher: TestClient | null = null;
  for (const role of roles.filter((r) => r !== 'admin' && r !== 'applicant')) {
    const roles: Role[] = role === 'class_teacher' ? ['teacher'] : [role as Role];
    const person = await addPerson(server, admin, { fullName: `Роль ${role}`, login: role, roles });
    ids[role] = person.id;
    if (role === 'teacher') teacher = person.client;
  }
  const schoolClass = await admin.post('/api/classes', { grade: 5, letter: 'А' });
  await admin.post(`/api/classes/${schoolClass.body.id}/class-teacher`, { teacherId: ids.class_teacher });
  await admin.post(`/api/people/${ids.student}/class`, { classId: schoolClass.body.id });
  await admin.post(`/api/people/${ids.student}/guardians`, { parentId: ids.parent });
  const spare = async (login: string) =>
    (await admin.post('/api/people', { fullName: `Запасной ${login}`, login, roles: ['parent'] })).body.person
      .id;
  const chat = await admin.post('/api/chats', { title: 'Общий', memberIds: Object.values(ids) });
  const message = await admin.post(`/api/chats/${chat.body.id}/messages`, {
    clientId: randomUUID(),
    body: 'Первое',
  });
  const spareMessages: number[] = [];
  for (let i = 0; i < 12; i++) {
    const spareMessage = await admin.post(`/api/chats/${chat.body.id}/messages`, {
      clientId: randomUUID(),
      body: `Запасное ${i}`,
    });
    spareMessages.push(spareMessage.body.id);
  }
  const link = await admin.post('/api/invites', { role: 'parent', classId: schoolClass.body.id });
  const token = link.body.url.split('/join/')[1];
  const spareLink = await admin.post('/api/invites', { role: 'parent', classId: schoolClass.body.id });
  // Someone who registered through the link and waits for review: no role yet.
  await server.client().post('/api/invites/redeem', {
    token,
    childId: ids.student,
    acceptRules: true,
    register: { fullName: 'Ждущий Одобрения', login: 'applicant', password: 'applicant-password' },
  });
  const pendingIds: number[] = [];
  for (let i = 0; i < 30; i++) {
    const redeemed = await server.client().post('/api/invites/redeem', {
      token,
      childId: ids.student,
      acceptRules: true,
      register: { fullName: `Заявитель ${i}`, login: `applicant-${i}`, password: 'matrix-secret-1' },
    });
    pendingIds.push(redeemed.body.request.id);
  }
  // Each actor leaves a chat of its own; the admin's is a teacher's chat (an owner stays in each).
  const leavable: Record<string, number> = {};
  for (const [role, id] of Object.entries(ids)) {
    leavable[role] = (await admin.post('/api/chats', { title: `Уходящий ${role}`, memberIds: [id] })).body.id;
  }
  leavable.admin = (
    await teacher!.post('/api/chats', { title: 'Уходящий admin', memberIds: [admin.me!.id] })
  ).body.id;
  let counter = 0;
  return {
    leavable,
    joinCode: (await admin.get('/api/school/structure')).body.school.joinCode,
    token,
    inviteId: spareLink.body.invite.id,
    pending: () => pendingIds.shift()!,
    chatId: chat.body.id,
    messageId: message.body.id,
    spareMessage: () => spareMessages.shift()!,
    personId: ids.student!,
    classId: schoolClass.body.id,
    studentId: ids.student!,
    parentId: ids.parent!,
    teacherId: ids.teacher!,
    classTeacherId: ids.class_teacher!,
    spare: {
      leaver: await spare('leaver'),
      promoted: await spare('promoted'),
      guardian: await spare('guardian'),
    },
    next: () => ++counter,
  };
}
