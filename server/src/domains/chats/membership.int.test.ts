import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditTrail } from '../../test/audit.js';
import type { TestClient } from '../../test/client.js';
import { addPerson, setUpSchool, teachFamilies } from '../../test/school.js';
import { startTestServer, type TestServer } from '../../test/server.js';

/** The chat card's «Без звука» and «Покинуть чат» (#14): a member's own choices about a chat. */
let server: TestServer;
let admin: TestClient;
let teacher: Awaited<ReturnType<typeof addPerson>>;
let mother: Awaited<ReturnType<typeof addPerson>>;
let father: Awaited<ReturnType<typeof addPerson>>;

const chatOf = async (client: TestClient, chatId: number) =>
  (
    (await client.get('/api/chats')).body.chats as {
      id: number;
      muted: boolean;
      memberCount: number;
      policies: { leave: boolean };
    }[]
  ).find((chat) => chat.id === chatId);

beforeAll(async () => {
  server = await startTestServer();
  admin = await setUpSchool(server);
  teacher = await addPerson(server, admin, {
    fullName: 'Галиева Алсу',
    login: 'galieva',
    roles: ['teacher'],
  });
  mother = await addPerson(server, admin, { fullName: 'Иванова Мария', login: 'ivanova', roles: ['parent'] });
  father = await addPerson(server, admin, { fullName: 'Петров Олег', login: 'petrov', roles: ['parent'] });
  await teachFamilies(admin, teacher.id, [mother.id, father.id]);
});
afterAll(() => server?.close());

describe('a member’s own choices about a chat', () => {
  it('mutes a chat quietly for the reader alone, and their other tabs follow', async () => {
    const chat = (
      await teacher.client.post('/api/chats', { title: 'Экскурсия', memberIds: [mother.id, father.id] })
    ).body.id as number;
    const tab = await mother.client.socket(null);
    const audit = await AuditTrail.start(server.db);
    expect((await mother.client.post(`/api/chats/${chat}/mute`, { muted: true })).status).toBe(200);
    await tab.waitFor((s) => s.events().some((e) => e.payload.type === 'chats.mute'), 'the mute event');
    expect(tab.events().find((e) => e.payload.type === 'chats.mute')?.payload).toEqual({
      type: 'chats.mute',
      chatId: chat,
      muted: true,
    });
    expect((await chatOf(mother.client, chat))?.muted).toBe(true);
    expect((await chatOf(father.client, chat))?.muted).toBe(false);
    await audit.expect([
      { type: 'chats.mute', schoolId: 1, actorId: mother.id, subjectId: chat, data: { muted: true } },
    ]);
    tab.ws.close();
  });

  it('lets a parent leave a group chat; the others see one member less', async () => {
    const chat = (
      await teacher.client.post('/api/chats', { title: 'Поездка', memberIds: [mother.id, father.id] })
    ).body.id as number;
    expect((await chatOf(father.client, chat))?.policies.leave).toBe(true);
    const tab = await teacher.client.socket(null);
    const audit = await AuditTrail.start(server.db);
    expect((await father.client.post(`/api/chats/${chat}/leave`)).status).toBe(200);
    await tab.waitFor(
      (s) => s.events().some((e) => e.payload.type === 'chats.remove_members'),
      'the leave event',
    );
    expect(await chatOf(father.client, chat)).toBeUndefined();
    expect((await chatOf(teacher.client, chat))?.memberCount).toBe(2);
    await audit.expect([{ type: 'chats.leave', schoolId: 1, actorId: father.id, subjectId: chat, data: {} }]);
    const again = await father.client.post(`/api/chats/${chat}/leave`);
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe('chats.not_found');
    tab.ws.close();
  });

  it('keeps the last host, and the class chats that follow the school', async () => {
    const chat = (await teacher.client.post('/api/chats', { title: 'Кружок', memberIds: [mother.id] })).body
      .id as number;
    const host = await teacher.client.post(`/api/chats/${chat}/leave`);
    expect(host.status).toBe(409);
    expect(host.body.error).toMatchObject({ code: 'chats.last_owner' });
    expect(host.body.error.message).toContain('единственный ведущий');

    const classChat = (
      (await mother.client.get('/api/chats')).body.chats as { id: number; kind: string }[]
    ).find((item) => item.kind === 'class_parents')!;
    expect((await chatOf(mother.client, classChat.id))?.policies.leave).toBe(false);
    const structural = await mother.client.post(`/api/chats/${classChat.id}/leave`);
    expect(structural.status).toBe(409);
    expect(structural.body.error.code).toBe('chats.leave_structural');
    expect(await chatOf(mother.client, classChat.id)).toBeDefined();
  });
});
