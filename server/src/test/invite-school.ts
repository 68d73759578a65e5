import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { TestClient } from './client.js';
import { addPerson, setUpSchool } from './school.js';
import type { TestServer } from './server.js';

/** The school the invite tests start from: class 3А with its class teacher and two students, and 3Б. */
export interface InviteSchool {
  admin: TestClient;
  teacher: Awaited<ReturnType<typeof addPerson>>;
  class3a: number;
  class3b: number;
  /** «Петров Миша Иванович», a student of 3А */
  misha: number;
}

export const tokenOf = (url: string) => url.split('/join/')[1]!;

/** An applicant's new account, as the join page sends it. */
export const register = (login: string) => ({
  fullName: `Родитель ${login}`,
  login,
  password: `${login}-password`,
});

/** Sets up the school: 3А (class teacher Галиева; Петров Миша and Сафина Алия) and an empty 3Б. */
export async function setUpInviteSchool(server: TestServer): Promise<InviteSchool> {
  const admin = await setUpSchool(server);
  const teacher = await addPerson(server, admin, {
    fullName: 'Галиева Алсу Ринатовна',
    login: 'galieva',
    roles: ['teacher'],
  });
  const class3a: number = (await admin.post('/api/classes', { grade: 3, letter: 'А' })).body.id;
  const class3b: number = (await admin.post('/api/classes', { grade: 3, letter: 'Б' })).body.id;
  await admin.post(`/api/classes/${class3a}/class-teacher`, { teacherId: teacher.id });
  let misha = 0;
  for (const fullName of ['Петров Миша Иванович', 'Сафина Алия Маратовна']) {
    const created = await admin.post('/api/people', {
      fullName,
      login: `s-${randomUUID().slice(0, 8)}`,
      roles: ['student'],
    });
    await admin.post(`/api/people/${created.body.person.id}/class`, { classId: class3a });
    if (fullName.startsWith('Петров')) misha = created.body.person.id;
  }
  return { admin, teacher, class3a, class3b, misha };
}

/** A parents' invite of 3А by its class teacher; its token. */
export async function parentInviteOf(school: InviteSchool, extra: Record<string, unknown> = {}) {
  const reply = await school.teacher.client.post('/api/invites', {
    role: 'parent',
    classId: school.class3a,
    ...extra,
  });
  expect(reply.status).toBe(201);
  return tokenOf(reply.body.url);
}
