import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditTrail } from '../../test/audit.js';
import type { TestClient } from '../../test/client.js';
import { addPerson, setUpSchool } from '../../test/school.js';
import { startTestServer, type TestServer } from '../../test/server.js';

/** Who reads personal data, and the one audit row each change of the structure leaves. */
let server: TestServer;
let admin: TestClient;
type Someone = Awaited<ReturnType<typeof addPerson>>;
let teacher: Someone;
let otherTeacher: Someone;

beforeAll(async () => {
  server = await startTestServer();
  admin = await setUpSchool(server);
  teacher = await addPerson(server, admin, {
    fullName: 'Галиева Алсу Ринатовна',
    login: 'galieva',
    roles: ['teacher'],
  });
  otherTeacher = await addPerson(server, admin, {
    fullName: 'Сафин Ильдар',
    login: 'safin',
    roles: ['teacher'],
  });
  // Signed out, as the teacher is in the personal-data test: it signs in again.
  await otherTeacher.client.post('/api/auth/logout');
});
afterAll(() => server?.close());

describe('personal data', () => {
  it('shows contacts to admins (and records the read), never to teachers', async () => {
    const audit = await AuditTrail.start(server.db);
    const forAdmin = (await admin.get(`/api/people/${teacher.id}`)).body;
    expect(forAdmin.contacts.login).toBe('galieva');
    const read = { type: 'people.contacts_read', schoolId: 1, subjectId: teacher.id, data: {} };
    await audit.expect([{ ...read, actorId: admin.me!.id }]);
    await otherTeacher.client.login('safin', otherTeacher.password);
    expect((await otherTeacher.client.get(`/api/people/${teacher.id}`)).body.contacts).toBeNull();
    await audit.expect([
      { type: 'auth.login', schoolId: 1, actorId: null, subjectId: otherTeacher.id, data: {} },
    ]);
  });
});

describe('the audit log', () => {
  it('keeps exactly one row per change of the structure, naming who did what to whom', async () => {
    const audit = await AuditTrail.start(server.db);
    const by = admin.me!.id;
    const row = (type: string, subjectId: number | null, data: Record<string, unknown> = {}) => ({
      type,
      schoolId: 1,
      actorId: by,
      subjectId,
      data,
    });
    const person = async (fullName: string, login: string, roles: string[]) =>
      (await admin.post('/api/people', { fullName, login, roles })).body.person.id as number;
    const kid = await person('Закиров Тимур', 'timur', ['student']);
    const mum = await person('Закирова Гульнара', 'gulnara', ['parent']);
    await audit.expect([
      row('people.create', kid, { roles: 'student' }),
      row('people.create', mum, { roles: 'parent' }),
    ]);

    const third = (await admin.post('/api/classes', { grade: 3, letter: 'В' })).body.id;
    const fourth = (await admin.post('/api/classes', { grade: 3, letter: 'Г' })).body.id;
    await admin.post(`/api/classes/${third}/class-teacher`, { teacherId: otherTeacher.id });
    const music = { teacherId: teacher.id, subject: 'Музыка' };
    await admin.post(`/api/classes/${third}/subject-teachers`, music);
    await admin.post(`/api/classes/${third}/subject-teachers/remove`, music);
    await audit.expect([
      row('classes.create', third, { name: '3В' }),
      row('classes.create', fourth, { name: '3Г' }),
      row('classes.assign_teacher', third, { teacherId: otherTeacher.id, previousId: 0 }),
      row('classes.assign_subject_teacher', third, music),
      row('classes.remove_subject_teacher', third, music),
    ]);

    await admin.post(`/api/people/${kid}/class`, { classId: third });
    await admin.post(`/api/people/${kid}/guardians`, { parentId: mum });
    await admin.post(`/api/classes/${third}/committee`, { parentId: mum, member: true });
    await admin.post(`/api/people/${kid}/class`, { classId: fourth });
    await admin.post(`/api/people/${kid}/guardians/remove`, { parentId: mum });
    await audit.expect([
      row('people.enrol_student', kid, { fromClassId: 0, toClassId: third }),
      row('people.link_guardian', kid, { parentId: mum }),
      row('classes.set_committee', third, { parentId: mum, member: true }),
      row('people.transfer_student', kid, { fromClassId: third, toClassId: fourth }),
      row('people.unlink_guardian', kid, { parentId: mum }),
    ]);

    await admin.post(`/api/people/${mum}/roles`, { roles: ['parent', 'staff'] });
    await admin.post('/api/school/settings', { directParentToParent: false });
    await admin.get(`/api/people/${mum}`);
    await admin.post(`/api/people/${mum}/reset-link`);
    await admin.post(`/api/people/${mum}/leave`);
    await audit.expect([
      row('people.set_roles', mum, { roles: 'parent,staff', was: 'parent' }),
      row('school.settings', null, { directParentToParent: false }),
      row('people.contacts_read', mum),
      row('auth.reset_link_issue', mum),
      row('people.leave', mum),
    ]);
  });
});
