import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestClient } from '../../test/client.js';
import { teacherAndParent } from '../../test/school.js';
import { startTestServer, type TestServer } from '../../test/server.js';

let server: TestServer;
let teacher: { id: number; client: TestClient };
let parent: { id: number; client: TestClient };
let chatId: number;

beforeAll(async () => {
  server = await startTestServer();
  ({ teacher, parent, chatId } = await teacherAndParent(server));
});
afterAll(() => server?.close());

describe('messages', () => {
  it('stores a retried send once, with one audit row and one event, and returns the same message', async () => {
    const clientId = randomUUID();
    const first = await parent.client.post(`/api/chats/${chatId}/messages`, {
      clientId,
      body: 'Здравствуйте!',
    });
    const retry = await parent.client.post(`/api/chats/${chatId}/messages`, {
      clientId,
      body: 'Здравствуйте!',
    });
    expect(first.status).toBe(200);
    expect(retry.body.id).toBe(first.body.id);
    const page = await teacher.client.get(`/api/chats/${chatId}/messages`);
    expect(page.body.messages.filter((m: { clientId: string }) => m.clientId === clientId)).toHaveLength(1);
    const { rows } = await server.db.execute<{ audits: number; events: number }>(sql`
      select (select count(*)::int from audit_log where type = 'messages.send' and subject_id = ${first.body.id}) as audits,
        (select count(*)::int from events where payload->'message'->>'clientId' = ${clientId}) as events`);
    expect(rows[0]).toEqual({ audits: 1, events: 1 });
  });

  it('delivers live to every open tab of every member, and counts unread', async () => {
    const before = await teacher.client.get('/api/chats');
    const tabA = await teacher.client.socket(before.body.cursor);
    const tabB = await teacher.client.socket(before.body.cursor);
    await tabA.waitFor((s) => s.frames.some((f) => f.type === 'ready'), 'ready');
    await tabB.waitFor((s) => s.frames.some((f) => f.type === 'ready'), 'ready');
    const sent = await parent.client.post(`/api/chats/${chatId}/messages`, {
      clientId: randomUUID(),
      body: 'Завтра придём.',
    });
    for (const tab of [tabA, tabB]) {
      await tab.waitFor(
        (s) =>
          s.events().some((e) => e.payload.type === 'messages.send' && e.payload.message.id === sent.body.id),
        'the message',
      );
    }
    const chats = await teacher.client.get('/api/chats');
    const chat = chats.body.chats.find((c: { id: number }) => c.id === chatId);
    expect(chat.unreadCount).toBeGreaterThanOrEqual(1);
    expect(chat.lastMessage.body).toBe('Завтра придём.');
    await teacher.client.post(`/api/chats/${chatId}/read`, { messageId: sent.body.id });
    const after = await teacher.client.get(`/api/chats/${chatId}`);
    expect(after.body.unreadCount).toBe(0);
    tabA.close();
    tabB.close();
  });

  it('replays what a client missed after its cursor, in order, once', async () => {
    const { body } = await parent.client.get('/api/chats');
    const cursor = body.cursor;
    const ids: number[] = [];
    for (const text of ['Раз', 'Два', 'Три']) {
      const sent = await teacher.client.post(`/api/chats/${chatId}/messages`, {
        clientId: randomUUID(),
        body: text,
      });
      ids.push(sent.body.id);
    }
    const socket = await parent.client.socket(cursor);
    await socket.waitFor((s) => s.frames.some((f) => f.type === 'ready'), 'ready');
    const replayed = socket
      .events()
      .flatMap((e) => (e.payload.type === 'messages.send' ? [e.payload.message.id] : []));
    expect(replayed).toEqual(ids);
    socket.close();
  });

  it('refuses bad messages with a clear Russian error and stores nothing', async () => {
    const before = (await teacher.client.get(`/api/chats/${chatId}/messages?limit=100`)).body.messages.length;
    const tooLong = await parent.client.post(`/api/chats/${chatId}/messages`, {
      clientId: randomUUID(),
      body: 'я'.repeat(4001),
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error).toMatchObject({ code: 'validation.failed', fields: [{ path: 'body' }] });
    expect(tooLong.body.error.message).toBe('Проверьте заполнение полей: текст сообщения.');
    const blank = await parent.client.post(`/api/chats/${chatId}/messages`, {
      clientId: randomUUID(),
      body: '   ',
    });
    expect(blank.status).toBe(400);
    const noId = await parent.client.post(`/api/chats/${chatId}/messages`, {
      clientId: 'abc',
      body: 'Текст',
    });
    expect(noId.body.error.fields[0].path).toBe('clientId');
    const malformed = await parent.client.request('POST', `/api/chats/${chatId}/messages`, '{"body": "нет', {
      'content-type': 'application/json',
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('request.malformed_json');
    const after = (await teacher.client.get(`/api/chats/${chatId}/messages?limit=100`)).body.messages.length;
    expect(after).toBe(before);
  });

  it('pages history backwards by cursor without gaps or repeats', async () => {
    for (let i = 0; i < 7; i++) {
      await teacher.client.post(`/api/chats/${chatId}/messages`, {
        clientId: randomUUID(),
        body: `Страница ${i}`,
      });
    }
    const all = (await parent.client.get(`/api/chats/${chatId}/messages?limit=100`)).body.messages;
    const seen: number[] = [];
    let before: number | undefined;
    for (;;) {
      const page = await parent.client.get(
        `/api/chats/${chatId}/messages?limit=3${before ? `&before=${before}` : ''}`,
      );
      seen.unshift(...page.body.messages.map((m: { id: number }) => m.id));
      if (!page.body.hasMore) break;
      before = page.body.messages[0].id;
    }
    expect(seen).toEqual(all.map((m: { id: number }) => m.id));
  });
});
