import type { Role } from '@parta/protocol';
import { schools, users } from '../db/schema.js';
import { hashPassword } from '../domains/auth/secrets.js';
import type { TestClient } from './client.js';
import type { TestServer } from './server.js';
import { SETUP_TOKEN } from './setup-token.js';

export const ADMIN = { login: 'admin', password: 'admin-password-1' };

/** Runs the first-run setup; returns the admin's logged-in client. */
export async function setUpSchool(server: TestServer): Promise<TestClient> {
  const admin = server.client();
  const reply = await admin.post('/api/setup', {
    schoolName: 'МБОУ «Большекайбицкая СОШ»',
    timeZone: 'Europe/Moscow',
    adminName: 'Мусина Ирина Маратовна',
    ...ADMIN,
    setupToken: SETUP_TOKEN,
  });
  if (reply.status !== 201) throw new Error(`setup failed: ${JSON.stringify(reply.body)}`);
  return admin;
}

/** The admin adds a person, who then sets a password through their link and is logged in. */
export async function addPerson(
  server: TestServer,
  admin: TestClient,
  person: { fullName: string; login: string; roles: Role[] },
): Promise<{ id: number; client: TestClient; password: string }> {
  const created = await admin.post('/api/people', person);
  if (created.status !== 201) throw new Error(`create person failed: ${JSON.stringify(created.body)}`);
  const token = String(created.body.setPasswordLink.url).split('/reset/')[1];
  const client = server.client();
  const password = `${person.login}-password`;
  const reset = await client.post('/api/auth/reset', { token, newPassword: password });
  if (reset.status !== 200) throw new Error(`reset failed: ${JSON.stringify(reset.body)}`);
  return { id: created.body.person.id, client, password };
}

/** The people most tests need: the admin, a teacher, a parent, and a group chat of the two (the admin's). */
export interface TeacherAndParent {
  admin: TestClient;
  teacher: { id: number; client: TestClient };
  parent: { id: number; client: TestClient };
  chatId: number;
}

export async function teacherAndParent(
  server: TestServer,
  title = '5А — родители',
): Promise<TeacherAndParent> {
  const admin = await setUpSchool(server);
  const teacher = await addPerson(server, admin, {
    fullName: 'Галиева Алсу Ринатовна',
    login: 'galieva',
    roles: ['teacher'],
  });
  const parent = await addPerson(server, admin, {
    fullName: 'Петров Иван Сергеевич',
    login: 'petrov',
    roles: ['parent'],
  });
  const chat = await admin.post('/api/chats', { title, memberIds: [teacher.id, parent.id] });
  if (chat.status !== 201) throw new Error(`create chat failed: ${JSON.stringify(chat.body)}`);
  return { admin, teacher, parent, chatId: chat.body.id };
}

/**
 * Makes `teacherId` the class teacher of a new class with one child of each
 * parent in it, so the teacher may write to those parents and gather them in
 * a group chat (chats/direct-policy.ts).
 */
export async function teachFamilies(
  admin: TestClient,
  teacherId: number,
  parentIds: number[],
  name: { grade: number; letter: string } = { grade: 9, letter: 'Я' },
): Promise<number> {
  const classId = (await admin.post('/api/classes', name)).body.id as number;
  await admin.post(`/api/classes/${classId}/class-teacher`, { teacherId });
  for (const [index, parentId] of parentIds.entries()) {
    const child = await admin.post('/api/people', {
      fullName: `Ученик ${index + 1}`,
      login: `child-${classId}-${index}`,
      roles: ['student'],
    });
    await admin.post(`/api/people/${child.body.person.id}/class`, { classId });
    await admin.post(`/api/people/${child.body.person.id}/guardians`, { parentId });
  }
  return classId;
}

/**
 * A second school in the same installation, with its admin logged in. The
 * district setup of a later issue will make it through the API; until then
 * it is written directly.
 */
export async function addSchool(server: TestServer, name: string, adminLogin: string): Promise<TestClient> {
  const now = server.clock.now();
  const [school] = await server.db
    .insert(schools)
    .values({
      name,
      timeZone: 'Europe/Moscow',
      academicYear: 2026,
      joinCode: String(Math.random()).slice(2, 10),
      createdAt: now,
    })
    .returning();
  await server.db.insert(users).values({
    schoolId: school!.id,
    fullName: `Админ ${name}`,
    login: adminLogin,
    passwordHash: await hashPassword(`${adminLogin}-password`),
    roles: ['admin'],
    createdAt: now,
  });
  const admin = server.client();
  await admin.login(adminLogin, `${adminLogin}-password`);
  return admin;
}
