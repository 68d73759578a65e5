import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditTrail } from '../../test/audit.js';
import type { TestClient } from '../../test/client.js';
import { ADMIN, addPerson, setUpSchool } from '../../test/school.js';
import { startTestServer, type TestServer } from '../../test/server.js';

/** The school structure through the API, as an admin and a class teacher use it: the chats follow it. */
let server: TestServer;
let admin: TestClient;
type Someone = Awaited<ReturnType<typeof addPerson>>;
let teacher: Someone;
let otherTeacher: Someone;
let parent: Someone;
let student: Someone;
let sibling: Someone;
let class5a: number;
let class5b: number;

const chatTitles = async (client: TestClient) =>
  (await client.get('/api/chats')).body.chats.map((chat: { title: string }) => chat.title).sort();

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
  parent = await addPerson(server, admin, {
    fullName: 'Петрова Анна Ивановна',
    login: 'petrova',
    roles: ['parent'],
  });
  student = await addPerson(server, admin, { fullName: 'Петров Миша', login: 'misha', roles: ['student'] });
  sibling = await addPerson(server, admin, { fullName: 'Петрова Катя', login: 'katya', roles: ['student'] });
  class5a = (await admin.post('/api/classes', { grade: 5, letter: 'а' })).body.id;
  class5b = (await admin.post('/api/classes', { grade: 5, letter: 'Б' })).body.id;
});
afterAll(() => server?.close());

describe('building a class', () => {
  it('gives the staff their chats as soon as they are added', async () => {
    expect(await chatTitles(teacher.client)).toEqual(['Директор — педагоги', 'Педагоги школы']);
    expect(await chatTitles(parent.client)).toEqual([]);
  });

  it('puts a linked parent into the class parents chat, live', async () => {
    await admin.post(`/api/classes/${class5a}/class-teacher`, { teacherId: teacher.id });
    await admin.post(`/api/people/${student.id}/class`, { classId: class5a });
    const { body } = await parent.client.get('/api/chats');
    const socket = await parent.client.socket(body.cursor);
    await socket.waitFor((s) => s.frames.some((f) => f.type === 'ready'), 'ready');
    const linked = await teacher.client.post(`/api/people/${student.id}/guardians`, { parentId: parent.id });
    expect(linked.status).toBe(200);
    await socket.waitFor((s) => s.events().some((e) => e.payload.type === 'chats.add_members'), 'added live');
    expect(await chatTitles(parent.client)).toEqual(['5А — родители']);
    expect(await chatTitles(student.client)).toEqual(['5А — ученики']);
    const card = (await admin.get(`/api/classes/${class5a}`)).body;
    expect(card.counts).toEqual({ students: 1, parentsLinked: 1, parentsJoined: 1, teachers: 1 });
    expect(card.classTeacher.fullName).toBe('Галиева Алсу Ринатовна');
    expect(card.students[0].parents).toEqual([
      { id: parent.id, fullName: 'Петрова Анна Ивановна', joined: true },
    ]);
    const people = (await admin.get('/api/people')).body.people;
    expect(people.find((p: { id: number }) => p.id === student.id).className).toBe('5А');
    socket.close();
  });

  it('makes the class teacher the owner of the class chats and moves ownership on change', async () => {
    const chats = (await teacher.client.get('/api/chats')).body.chats;
    const parentsChat = chats.find((c: { title: string }) => c.title === '5А — родители');
    const members = (await teacher.client.get(`/api/chats/${parentsChat.id}/members`)).body.members;
    expect(members.find((m: { id: number }) => m.id === teacher.id).role).toBe('owner');
    const tab = await otherTeacher.client.socket((await otherTeacher.client.get('/api/chats')).body.cursor);
    await tab.waitFor((s) => s.frames.some((f) => f.type === 'ready'), 'ready');
    await admin.post(`/api/classes/${class5a}/class-teacher`, { teacherId: otherTeacher.id });
    await tab.waitFor(
      (s) => s.events().some((e) => e.payload.type === 'people.update'),
      'a reload of me, live',
    );
    tab.close();
    expect(await chatTitles(teacher.client)).not.toContain('5А — родители');
    const after = (await otherTeacher.client.get(`/api/chats/${parentsChat.id}/members`)).body.members;
    expect(after.find((m: { id: number }) => m.id === otherTeacher.id).role).toBe('owner');
    expect((await admin.get(`/api/people/${teacher.id}`)).body.roles).toEqual(['teacher']);
    expect((await admin.get(`/api/people/${otherTeacher.id}`)).body.roles).toEqual([
      'teacher',
      'class_teacher',
    ]);
    await admin.post(`/api/classes/${class5a}/class-teacher`, { teacherId: teacher.id });
  });

  it('lets a class teacher edit their own class and not another', async () => {
    const other = await addPerson(server, admin, {
      fullName: 'Ученик Б',
      login: 'pupil-b',
      roles: ['student'],
    });
    await admin.post(`/api/people/${other.id}/class`, { classId: class5b });
    const refused = await teacher.client.post(`/api/people/${other.id}/guardians`, { parentId: parent.id });
    // Another class's student and class answer as if they did not exist (DESIGN §3.8).
    expect(refused.status).toBe(404);
    expect(refused.body.error.message).toBe('Человек не найден.');
    const committee = await teacher.client.post(`/api/classes/${class5b}/committee`, {
      parentId: parent.id,
      member: true,
    });
    expect(committee.status).toBe(404);
    expect(
      (await parent.client.post(`/api/classes/${class5a}/committee`, { parentId: parent.id, member: true }))
        .status,
    ).toBe(403);
  });
});

describe('changes that move people', () => {
  it('moves the student and their parent on transfer; a parent stays while another child remains', async () => {
    await admin.post(`/api/people/${sibling.id}/class`, { classId: class5a });
    await admin.post(`/api/people/${sibling.id}/guardians`, { parentId: parent.id });
    await admin.post(`/api/people/${student.id}/class`, { classId: class5b });
    expect(await chatTitles(parent.client)).toEqual(['5А — родители', '5Б — родители']);
    expect(await chatTitles(student.client)).toEqual(['5Б — ученики']);
    await admin.post(`/api/people/${sibling.id}/class`, { classId: class5b });
    expect(await chatTitles(parent.client)).toEqual(['5Б — родители']);
  });

  it('puts committee parents into the director chat, and a person who leaves out of every chat', async () => {
    const director = await addPerson(server, admin, {
      fullName: 'Мусина Ирина',
      login: 'director',
      roles: ['administration'],
    });
    await admin.post(`/api/classes/${class5b}/committee`, { parentId: parent.id, member: true });
    expect(await chatTitles(parent.client)).toEqual(['5Б — родители', 'Директор — родительский комитет']);
    const chats = (await parent.client.get('/api/chats')).body.chats;
    const committeeChat = chats.find((c: { title: string }) => c.title === 'Директор — родительский комитет');
    await parent.client.post(`/api/chats/${committeeChat.id}/messages`, {
      clientId: randomUUID(),
      body: 'Здравствуйте',
    });
    await admin.post(`/api/people/${parent.id}/leave`);
    expect((await parent.client.get('/api/chats')).status).toBe(401);
    const people = (await admin.get('/api/people')).body.people.map((p: { id: number }) => p.id);
    expect(people).not.toContain(parent.id);
    const history = (await director.client.get(`/api/chats/${committeeChat.id}/messages`)).body.messages;
    expect(history.map((m: { authorName: string }) => m.authorName)).toEqual(['Петрова Анна Ивановна']);
    const members = (await director.client.get(`/api/chats/${committeeChat.id}/members`)).body.members;
    expect(members.map((m: { id: number }) => m.id)).not.toContain(parent.id);
  });
});

describe('the new school year', () => {
  it('previews, then promotes classes keeping history, archives the graduates, and runs once', async () => {
    const eleven = (await admin.post('/api/classes', { grade: 11, letter: 'А' })).body.id;
    const graduate = await addPerson(server, admin, {
      fullName: 'Выпускник',
      login: 'graduate',
      roles: ['student'],
    });
    await admin.post(`/api/people/${graduate.id}/class`, { classId: eleven });
    const gradChat = (await graduate.client.get('/api/chats')).body.chats[0];
    await graduate.client.post(`/api/chats/${gradChat.id}/messages`, {
      clientId: randomUUID(),
      body: 'Последний звонок',
    });
    const chats5b = (await student.client.get('/api/chats')).body.chats;
    await student.client.post(`/api/chats/${chats5b[0].id}/messages`, {
      clientId: randomUUID(),
      body: 'Ура, каникулы',
    });

    const preview = (await admin.get('/api/school/rollover')).body;
    expect(preview.pending).toBe(true);
    expect(preview.promoted.map((p: { from: string; to: string }) => `${p.from}→${p.to}`)).toEqual([
      '5А→6А',
      '5Б→6Б',
    ]);
    expect(preview.graduated).toEqual([{ classId: eleven, name: '11А', students: 1 }]);
    const year = preview.fromYear;
    expect(preview.availableFrom).toBe(`${year + 1}-07-01`);
    const early = await admin.post('/api/school/rollover', { fromYear: year });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toBe(`Новый учебный год можно начать с 1 июля ${year + 1} года.`);

    // Summer: the clock moves ten months, so everyone logs in again.
    server.clock.set(new Date(`${year + 1}-07-02T06:00:00Z`));
    admin = server.client();
    await admin.login(ADMIN.login, ADMIN.password);
    await student.client.login('misha', student.password);
    const rollover = await AuditTrail.start(server.db);
    const applied = await admin.post('/api/school/rollover', { fromYear: year });
    expect(applied.status).toBe(200);
    await rollover.expect([
      {
        type: 'school.rollover',
        schoolId: 1,
        actorId: admin.me!.id,
        subjectId: null,
        data: { fromYear: year, promoted: 2, graduated: 1 },
      },
    ]);
    expect(await chatTitles(student.client)).toEqual(['6Б — ученики']);
    const renamed = (await student.client.get(`/api/chats/${chats5b[0].id}/messages`)).body.messages;
    expect(renamed.map((m: { body: string }) => m.body)).toEqual(['Ура, каникулы']);
    const structure = (await admin.get('/api/school/structure')).body;
    expect(structure.school.academicYear).toBe(year + 1);
    expect(structure.classes.map((c: { name: string }) => c.name)).toEqual(['6А', '6Б']);

    const archivedChat = await server.db.query.chats.findFirst({ where: (c) => eq(c.id, gradChat.id) });
    expect(archivedChat?.archivedAt).not.toBeNull();
    const intoArchived = await admin.post(`/api/people/${sibling.id}/class`, { classId: eleven });
    expect(intoArchived.status).toBe(409);
    expect(intoArchived.body.error.code).toBe('classes.archived');

    const audit = await AuditTrail.start(server.db);
    const again = await admin.post('/api/school/rollover', { fromYear: year });
    expect(again.body.pending).toBe(false);
    expect(await chatTitles(student.client)).toEqual(['6Б — ученики']);
    await audit.expect([]);
  });
});
