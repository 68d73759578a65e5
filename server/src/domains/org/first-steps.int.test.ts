import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditTrail } from '../../test/audit.js';
import type { TestClient } from '../../test/client.js';
import { ADMIN, addPerson, setUpSchool } from '../../test/school.js';
import { startTestServer, type TestServer } from '../../test/server.js';

/** Setting up after the first run: «Первые шаги», the grid of classes in one form, the school's name and zone. */
let server: TestServer;
let admin: TestClient;
let adminId: number;

const steps = async (client: TestClient) => (await client.get('/api/me')).body.firstSteps;

beforeAll(async () => {
  server = await startTestServer();
  admin = await setUpSchool(server);
  adminId = (await admin.get('/api/me')).body.id;
});
afterAll(() => server?.close());

describe('«Первые шаги»', () => {
  it('starts with nothing done, for the admin only', async () => {
    expect(await steps(admin)).toEqual({ classes: 0, classesWithTeacher: 0, invited: false });
    const teacher = await addPerson(server, admin, {
      fullName: 'Галиева Алсу',
      login: 'galieva',
      roles: ['teacher'],
    });
    expect(await steps(teacher.client)).toBeNull();
  });

  it('creates the whole grid in one form, once, with one audit row', async () => {
    const audit = await AuditTrail.start(server.db);
    const grades = Array.from({ length: 11 }, (_, i) => i + 1);
    const reply = await admin.post('/api/classes/bulk', { grades, letters: ['в', 'А', 'Б'] });
    expect(reply.status).toBe(200);
    expect(reply.body.created).toHaveLength(33);
    expect(reply.body.created.slice(0, 4)).toEqual(['1А', '1Б', '1В', '2А']);
    expect(reply.body.skipped).toBe(0);
    const ids = (await admin.get('/api/school/structure')).body.classes.map((c: { id: number }) => c.id);
    await audit.expect([
      {
        type: 'classes.create_many',
        schoolId: 1,
        actorId: adminId,
        subjectId: null,
        data: { classIds: ids, skipped: 0 },
      },
    ]);
    const again = await admin.post('/api/classes/bulk', { grades: [11, 1], letters: ['А', 'Г'] });
    expect(again.body).toEqual({ created: ['1Г', '11Г'], skipped: 2 });
    const twice = await admin.post('/api/classes/bulk', { grades: [11, 1], letters: ['А', 'Г'] });
    expect(twice.body).toEqual({ created: [], skipped: 4 });
    await audit.skip();
    expect(await steps(admin)).toEqual({ classes: 35, classesWithTeacher: 0, invited: false });
    // one at a time still refuses a class that exists
    expect((await admin.post('/api/classes', { grade: 1, letter: 'А' })).body.error.code).toBe(
      'classes.duplicate',
    );
  });

  it.each([
    ['no grade', { grades: [], letters: ['А'] }, 'grades'],
    ['grade 12', { grades: [12], letters: ['А'] }, 'grades.0'],
    ['a grade twice', { grades: [5, 5], letters: ['А'] }, 'grades'],
    ['no letter', { grades: [5], letters: [] }, 'letters'],
    ['a Latin letter', { grades: [5], letters: ['A'] }, 'letters.0'],
    ['a letter twice', { grades: [5], letters: ['А', 'а'] }, 'letters'],
    ['too many letters', { grades: [5], letters: [...'АБВГДЕЖЗИ'] }, 'letters'],
  ])('refuses %s and creates nothing', async (_, body, field) => {
    const before = (await admin.get('/api/school/structure')).body.classes.length;
    const reply = await admin.post('/api/classes/bulk', body);
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('validation.failed');
    expect(reply.body.error.fields.map((f: { path: string }) => f.path)).toContain(field);
    expect((await admin.get('/api/school/structure')).body.classes).toHaveLength(before);
  });

  it('shows progress, and is gone once every class has its teacher and a family is invited', async () => {
    const classes = (await admin.get('/api/school/structure')).body.classes as { id: number }[];
    const teacher = await addPerson(server, admin, {
      fullName: 'Сафин Ильдар',
      login: 'safin',
      roles: ['teacher'],
    });
    for (const item of classes.slice(0, 2)) {
      await admin.post(`/api/classes/${item.id}/class-teacher`, { teacherId: teacher.id });
    }
    expect(await steps(admin)).toEqual({ classes: 35, classesWithTeacher: 2, invited: false });
    for (const item of classes.slice(2)) {
      await admin.post(`/api/classes/${item.id}/class-teacher`, { teacherId: teacher.id });
    }
    expect(await steps(admin)).toEqual({ classes: 35, classesWithTeacher: 35, invited: false });
    const invite = await admin.post('/api/invites', { role: 'parent', classId: classes[0]!.id });
    expect(invite.status).toBe(201);
    expect(await steps(admin)).toBeNull();
  });
});

describe('«Скрыть» and the school settings', () => {
  let other: TestServer;
  let otherAdmin: TestClient;
  beforeAll(async () => {
    other = await startTestServer();
    otherAdmin = await setUpSchool(other);
  });
  afterAll(() => other?.close());

  it('hides the checklist for the school', async () => {
    expect(await steps(otherAdmin)).not.toBeNull();
    expect((await otherAdmin.post('/api/school/settings', { firstStepsHidden: true })).status).toBe(200);
    expect(await steps(otherAdmin)).toBeNull();
    const again = other.client();
    await again.post('/api/auth/login', ADMIN);
    expect(await steps(again)).toBeNull();
  });

  it('renames the school and moves its zone, live in every open tab', async () => {
    const teacher = await addPerson(other, otherAdmin, {
      fullName: 'Хасанова Гульнара',
      login: 'hasanova',
      roles: ['teacher'],
    });
    const { body } = await teacher.client.get('/api/chats');
    const socket = await teacher.client.socket(body.cursor);
    await socket.waitFor((s) => s.frames.some((f) => f.type === 'ready'), 'ready');
    const audit = await AuditTrail.start(other.db);
    const reply = await otherAdmin.post('/api/school/settings', {
      name: '  МБОУ «Гимназия № 2»  ',
      timeZone: 'Asia/Yekaterinburg',
    });
    expect(reply.status).toBe(200);
    await socket.waitFor((s) => s.events().some((e) => e.payload.type === 'school.update'), 'school.update');
    expect(socket.events().find((e) => e.payload.type === 'school.update')?.payload).toEqual({
      type: 'school.update',
      name: 'МБОУ «Гимназия № 2»',
      timeZone: 'Asia/Yekaterinburg',
    });
    socket.close();
    const me = (await teacher.client.get('/api/me')).body;
    expect(me.school).toMatchObject({ name: 'МБОУ «Гимназия № 2»', timeZone: 'Asia/Yekaterinburg' });
    expect((await otherAdmin.get('/api/school/structure')).body.school.timeZone).toBe('Asia/Yekaterinburg');
    const adminRow = (await otherAdmin.get('/api/me')).body.id;
    await audit.expect([
      {
        type: 'school.settings',
        schoolId: 1,
        actorId: adminRow,
        subjectId: null,
        data: { name: 'МБОУ «Гимназия № 2»', timeZone: 'Asia/Yekaterinburg' },
      },
    ]);
  });

  it.each([
    ['an unknown zone', { timeZone: 'Mars/Olympus' }, 'timeZone'],
    ['a zone in lower case', { timeZone: 'europe/moscow' }, 'timeZone'],
    ['a one-letter name', { name: 'Ш' }, 'name'],
  ])('refuses %s and changes nothing', async (_, body, field) => {
    const reply = await otherAdmin.post('/api/school/settings', body);
    expect(reply.status).toBe(400);
    expect(reply.body.error.fields.map((f: { path: string }) => f.path)).toEqual([field]);
    expect((await otherAdmin.get('/api/me')).body.school.timeZone).toBe('Asia/Yekaterinburg');
  });
});
