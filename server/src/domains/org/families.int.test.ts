import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestClient } from '../../test/client.js';
import { addPerson, addSchool, setUpSchool } from '../../test/school.js';
import { startTestServer, type TestServer } from '../../test/server.js';

/**
 * Who a parent is, told through their children, wherever staff meet parents
 * (issue #14.3): the people list (narrowed by role, class and name on the
 * server), a person card, chat members, «Кто прочитал» and message authors.
 * Families see one another by name only.
 */
let server: TestServer;
let admin: TestClient;
let teacher: TestClient;
let mother: TestClient;
const ids = { class1a: 0, class4b: 0, misha: 0, olya: 0, mother: 0, father: 0, namesake: 0, teacher: 0 };

async function student(fullName: string, login: string, classId: number): Promise<number> {
  const id = (await admin.post('/api/people', { fullName, login, roles: ['student'] })).body.person.id;
  await admin.post(`/api/people/${id}/class`, { classId });
  return id;
}

beforeAll(async () => {
  server = await startTestServer();
  admin = await setUpSchool(server);
  ids.class1a = (await admin.post('/api/classes', { grade: 1, letter: 'А' })).body.id;
  ids.class4b = (await admin.post('/api/classes', { grade: 4, letter: 'Б' })).body.id;
  const lead = await addPerson(server, admin, {
    fullName: 'Галиева Алсу Ринатовна',
    login: 'galieva',
    roles: ['teacher'],
  });
  ids.teacher = lead.id;
  await admin.post(`/api/classes/${ids.class1a}/class-teacher`, { teacherId: lead.id });
  await lead.client.login('galieva', lead.password);
  teacher = lead.client;
  ids.misha = await student('Васильев Миша Олегович', 'misha', ids.class1a);
  ids.olya = await student('Васильева Оля Олеговна', 'olya', ids.class4b);
  const anna = await student('Гарипова Анна Рустемовна', 'anna', ids.class4b);
  const irina = await addPerson(server, admin, {
    fullName: 'Васильева Ирина Петровна',
    login: 'irina',
    roles: ['parent'],
  });
  ids.mother = irina.id;
  mother = irina.client;
  ids.father = (
    await admin.post('/api/people', {
      fullName: 'Ахметов Артём Андреевич',
      login: 'artem1',
      roles: ['parent'],
    })
  ).body.person.id;
  ids.namesake = (
    await admin.post('/api/people', {
      fullName: 'Ахметов Артём Андреевич',
      login: 'artem2',
      roles: ['parent'],
    })
  ).body.person.id;
  await admin.post(`/api/people/${ids.misha}/guardians`, { parentId: ids.mother });
  await admin.post(`/api/people/${ids.olya}/guardians`, { parentId: ids.mother });
  await admin.post(`/api/people/${ids.misha}/guardians`, { parentId: ids.father });
  await admin.post(`/api/people/${anna}/guardians`, { parentId: ids.namesake });
  await mother.login('irina', irina.password);
});
afterAll(() => server?.close());

const labelOf = (people: { id: number; context?: string | null }[], id: number) =>
  people.find((person) => person.id === id)?.context;

describe('the people list', () => {
  it('tells namesakes apart by their children and filters by role, class and name', async () => {
    const parents = await admin.get('/api/people?role=parent');
    expect(parents.status).toBe(200);
    expect(parents.body.people.map((p: { id: number }) => p.id).sort()).toEqual(
      [ids.mother, ids.father, ids.namesake].sort(),
    );
    expect(labelOf(parents.body.people, ids.mother)).toBe('мама Миши В. (1А) и Оли В. (4Б)');
    expect(labelOf(parents.body.people, ids.father)).toBe('папа Миши В., 1А');
    expect(labelOf(parents.body.people, ids.namesake)).toBe('папа Анны Г., 4Б');

    const firstA = await admin.get(`/api/people?classId=${ids.class1a}`);
    expect(firstA.body.people.map((p: { id: number }) => p.id).sort()).toEqual(
      [ids.misha, ids.mother, ids.father, ids.teacher].sort(),
    );
    const parentsOfFirstA = await admin.get(
      `/api/people?classId=${ids.class1a}&role=parent&q=%D0%B0%D1%85%D0%BC%D0%B5%D1%82`,
    );
    expect(parentsOfFirstA.body.people.map((p: { id: number }) => p.id)).toEqual([ids.father]);

    const teachers = await admin.get('/api/people?role=teacher,class_teacher');
    expect(teachers.body.people.map((p: { id: number }) => p.id)).toEqual([ids.teacher]);
    const page = await admin.get('/api/people?role=parent&limit=2');
    expect(page.body.people).toHaveLength(2);
    expect(page.body.more).toBe(true);
    expect((await admin.get('/api/people?q=%25')).body.people).toEqual([]);
  });

  it('refuses a bad filter and keeps another school’s class out', async () => {
    expect((await admin.get('/api/people?role=king')).status).toBe(400);
    expect((await admin.get('/api/people?role=parent,king')).status).toBe(400);
    expect((await admin.get('/api/people?classId=01')).status).toBe(400);
    expect((await admin.get('/api/people?limit=501')).status).toBe(400);
    const otherAdmin = await addSchool(server, 'Школа Б', 'admin-b');
    const foreign = await otherAdmin.get(`/api/people?classId=${ids.class1a}`);
    expect(foreign.status).toBe(200);
    expect(foreign.body.people).toEqual([]);
  });

  it('shows a class teacher the families of their class, each with who they are', async () => {
    const mine = await teacher.get('/api/people?role=parent');
    expect(mine.body.people.map((p: { id: number }) => p.id).sort()).toEqual([ids.mother, ids.father].sort());
    expect(labelOf(mine.body.people, ids.father)).toBe('папа Миши В., 1А');
    const card = await teacher.get(`/api/people/${ids.father}`);
    expect(card.body.context).toBe('папа Миши В., 1А');
  });
});

describe('the join page of a class', () => {
  it('tells the children of the same short name apart', async () => {
    await student('Гайнуллина Анна Ильдаровна', 'anna2', ids.class4b);
    const invite = await admin.post('/api/invites', { role: 'parent', classId: ids.class4b });
    const token = String(invite.body.url).split('/join/')[1];
    const preview = await server.client().post('/api/invites/preview', { token });
    expect(preview.body.children.map((child: { name: string }) => child.name)).toEqual([
      'Анна Гайнуллина',
      'Анна Гарипова',
      'Оля В.',
    ]);
  });
});

describe('in a class chat', () => {
  let chatId = 0;
  let messageId = 0;

  beforeAll(async () => {
    const chats = (await teacher.get('/api/chats')).body.chats as { id: number; title: string }[];
    chatId = chats.find((chat) => chat.title === '1А — родители')!.id;
    const posted = await teacher.post(`/api/chats/${chatId}/messages`, {
      clientId: randomUUID(),
      body: 'Завтра экскурсия',
    });
    messageId = posted.body.id;
    await mother.post(`/api/chats/${chatId}/messages`, { clientId: randomUUID(), body: 'Спасибо' });
    await mother.post(`/api/chats/${chatId}/read`, { messageId });
  });

  it('lists who has read and who has not, each parent through their children, and offers «Напомнить»', async () => {
    const reads = await teacher.get(`/api/chats/${chatId}/messages/${messageId}/reads`);
    expect(reads.status).toBe(200);
    expect(reads.body.read).toEqual([
      { id: ids.mother, fullName: 'Васильева Ирина Петровна', context: 'мама Миши В. (1А) и Оли В. (4Б)' },
    ]);
    expect(reads.body.notRead).toEqual([
      { id: ids.father, fullName: 'Ахметов Артём Андреевич', context: 'папа Миши В., 1А' },
    ]);
    expect(reads.body.policies).toEqual({ seeWhoRead: true, remind: true });
  });

  it('names a parent author through their children to staff, and not to other families', async () => {
    const forTeacher = (await teacher.get(`/api/chats/${chatId}/messages`)).body.messages;
    const thanks = forTeacher.find((m: { body: string }) => m.body === 'Спасибо');
    expect(thanks.authorContext).toBe('мама Миши В. (1А) и Оли В. (4Б)');
    const members = (await teacher.get(`/api/chats/${chatId}/members`)).body.members;
    expect(labelOf(members, ids.father)).toBe('папа Миши В., 1А');

    const forMother = (await mother.get(`/api/chats/${chatId}/messages`)).body.messages;
    expect(forMother.every((m: { authorContext?: string | null }) => !m.authorContext)).toBe(true);
    const seenByMother = (await mother.get(`/api/chats/${chatId}/members`)).body.members;
    expect(labelOf(seenByMother, ids.father)).toBeNull();
    const readsForMother = await mother.get(`/api/chats/${chatId}/messages/${messageId}/reads`);
    expect(readsForMother.body.read).toBeNull();
    expect(readsForMother.body.policies.remind).toBe(false);
  });
});
