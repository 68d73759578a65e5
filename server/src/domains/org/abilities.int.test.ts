import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TestClient } from '../../test/client.js';
import { addPerson, setUpSchool, teachFamilies } from '../../test/school.js';
import { startTestServer, type TestServer } from '../../test/server.js';

/** `/api/me`, class cards and person cards say what the reader may do: the web shows it and derives nothing. */
let server: TestServer;
let admin: TestClient;
let teacher: Awaited<ReturnType<typeof addPerson>>;
let parent: Awaited<ReturnType<typeof addPerson>>;
let classId: number;

beforeAll(async () => {
  server = await startTestServer();
  admin = await setUpSchool(server);
  teacher = await addPerson(server, admin, {
    fullName: 'Галиева Алсу',
    login: 'galieva',
    roles: ['teacher'],
  });
  parent = await addPerson(server, admin, { fullName: 'Петрова Анна', login: 'anna', roles: ['parent'] });
  classId = await teachFamilies(admin, teacher.id, [parent.id]);
});
afterAll(() => server?.close());

it('tells each person their places and verbs in /api/me, right after login too', async () => {
  expect((await admin.get('/api/me')).body.policies).toEqual({
    school: true,
    manageSchool: true,
    myClass: false,
    viewClasses: true,
    people: true,
    createChats: true,
    invite: true,
    reviewJoins: true,
    applicant: false,
  });
  // Made class teacher by teachFamilies: «Мой класс», invites and requests for their class.
  const login = await server
    .client()
    .post('/api/auth/login', { login: 'galieva', password: teacher.password });
  expect(login.body.policies).toMatchObject({
    school: false,
    myClass: true,
    invite: true,
    reviewJoins: true,
  });
  expect((await parent.client.get('/api/me')).body.policies).toEqual({
    school: false,
    manageSchool: false,
    myClass: false,
    viewClasses: false,
    people: false,
    createChats: false,
    invite: false,
    reviewJoins: false,
    applicant: false,
  });
});

it('tells the class card and the person card what the reader may do there', async () => {
  expect((await admin.get(`/api/classes/${classId}`)).body.policies).toEqual({
    manage: true,
    edit: true,
    openPeople: true,
  });
  expect((await teacher.client.get(`/api/classes/${classId}`)).body.policies).toEqual({
    manage: false,
    edit: true,
    openPeople: true,
  });
  const card = await admin.get(`/api/people/${parent.id}`);
  expect(card.body.policies).toMatchObject({ manage: true, placeInClass: false, writeDirect: true });
  expect(card.body.policies.setRoles).toContain('parent');
  expect((await teacher.client.get(`/api/people/${parent.id}`)).body.policies).toEqual({
    setRoles: [],
    manage: false,
    placeInClass: false,
    writeDirect: true,
  });
});
