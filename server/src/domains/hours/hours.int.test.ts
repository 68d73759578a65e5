import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../infra/clock.js';
import type { TestClient } from '../../test/client.js';
import { addPerson, teacherAndParent } from '../../test/school.js';
import { startTestServer, type TestServer } from '../../test/server.js';

let server: TestServer;
let admin: TestClient;
let teacher: { id: number; client: TestClient };
let parent: { id: number; client: TestClient };
let colleague: { id: number; client: TestClient };
let studyChat: number;
let staffChat: number;

/** A Wednesday in Moscow (the test school's zone). */
const moscow = (time: string, date = '2026-12-02') => new Date(`${date}T${time}+03:00`);
const send = (who: TestClient, chatId: number, body: string, extra: object = {}) =>
  who.post(`/api/chats/${chatId}/messages`, { clientId: randomUUID(), body, ...extra });
const bodies = async (who: TestClient, chatId: number) =>
  (await who.get(`/api/chats/${chatId}/messages`)).body.messages.map((m: { body: string }) => m.body);

beforeAll(async () => {
  server = await startTestServer({ clock: new ManualClock(moscow('10:00', '2026-12-01')) });
  ({ admin, teacher, parent, chatId: studyChat } = await teacherAndParent(server, 'Родители 5А'));
  colleague = await addPerson(server, admin, {
    fullName: 'Орлова Нина Павловна',
    login: 'orlova',
    roles: ['teacher'],
  });
  staffChat = (
    await admin.post('/api/chats', { title: 'Методобъединение', memberIds: [teacher.id, colleague.id] })
  ).body.id;
});
afterAll(() => server?.close());

describe('study chats outside the working hours', () => {
  it('deliver at 07:30:00 and 19:59:59, hold at 07:29:59 and 20:00:00', async () => {
    for (const [time, status] of [
      ['07:29:59', 202],
      ['07:30:00', 200],
      ['19:59:59', 200],
      ['20:00:00', 202],
    ] as const) {
      server.clock.set(moscow(time));
      const sent = await send(parent.client, studyChat, `в ${time}`);
      expect(sent.status, time).toBe(status);
    }
    // Clean the two held ones away for the tests below.
    await server.db.execute(sql`delete from pending_messages`);
  });

  it('hold a parent’s 21:04 message: the teacher sees nothing until 07:30, then it arrives written yesterday', async () => {
    server.clock.set(moscow('21:04'));
    const chats = (await parent.client.get('/api/chats')).body.chats;
    expect(chats.find((c: { id: number }) => c.id === studyChat)).toMatchObject({ study: true });
    const held = await send(parent.client, studyChat, 'Добрый вечер! Завтра Маша придёт ко второму уроку.');
    expect(held.status).toBe(202);
    expect(held.body).toMatchObject({ reason: 'hours', deliverAt: '2026-12-03T04:30:00.000Z' });
    expect(await bodies(teacher.client, studyChat)).not.toContain(held.body.body);
    const mine = await parent.client.get(`/api/chats/${studyChat}/pending`);
    expect(mine.body.messages.map((m: { body: string }) => m.body)).toEqual([held.body.body]);
    expect((await teacher.client.get(`/api/chats/${studyChat}/pending`)).body.messages).toEqual([]);

    const edited = await parent.client.patch(`/api/chats/${studyChat}/pending/${held.body.clientId}`, {
      body: 'Добрый вечер! Завтра Маша придёт к третьему уроку.',
    });
    expect(edited.status).toBe(200);

    server.clock.set(moscow('07:29:59', '2026-12-03'));
    await server.parta.jobs.runDue();
    expect((await parent.client.get(`/api/chats/${studyChat}/pending`)).body.messages).toHaveLength(1);
    server.clock.set(moscow('07:30:00', '2026-12-03'));
    await server.parta.jobs.runDue();
    const page = (await teacher.client.get(`/api/chats/${studyChat}/messages`)).body.messages;
    const arrived = page.find((m: { clientId: string }) => m.clientId === held.body.clientId);
    expect(arrived).toMatchObject({
      body: 'Добрый вечер! Завтра Маша придёт к третьему уроку.',
      delivery: 'held',
      writtenAt: moscow('21:04').toISOString(),
      createdAt: moscow('07:30:00', '2026-12-03').toISOString(),
    });
    expect((await parent.client.get(`/api/chats/${studyChat}/pending`)).body.messages).toEqual([]);
    const late = await parent.client.patch(`/api/chats/${studyChat}/pending/${held.body.clientId}`, {
      body: 'Ещё',
    });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('messages.already_sent');
  });

  it('deliver several held messages in the order they were written, after what was already there', async () => {
    server.clock.set(moscow('22:00', '2026-12-03'));
    for (const body of ['первое', 'второе', 'третье']) {
      expect((await send(parent.client, studyChat, body)).status).toBe(202);
      server.clock.advance(60_000);
    }
    server.clock.set(moscow('07:30', '2026-12-04'));
    await server.parta.jobs.runDue();
    expect((await bodies(teacher.client, studyChat)).slice(-3)).toEqual(['первое', 'второе', 'третье']);
  });

  it('let the author cancel a held message: nobody ever sees it', async () => {
    server.clock.set(moscow('23:00', '2026-12-04'));
    const held = await send(parent.client, studyChat, 'Ой, не туда');
    const cancel = await parent.client.delete(`/api/chats/${studyChat}/pending/${held.body.clientId}`);
    expect(cancel.status).toBe(200);
    // Saturday works by default.
    server.clock.set(moscow('07:30', '2026-12-05'));
    await server.parta.jobs.runDue();
    expect(await bodies(teacher.client, studyChat)).not.toContain('Ой, не туда');
  });

  it('let nobody else change or cancel someone’s waiting message', async () => {
    server.clock.set(moscow('21:00', '2026-12-05'));
    const held = await send(parent.client, studyChat, 'Моё');
    const other = await teacher.client.delete(`/api/chats/${studyChat}/pending/${held.body.clientId}`);
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe('messages.not_found');
    await parent.client.delete(`/api/chats/${studyChat}/pending/${held.body.clientId}`);
  });

  it('leave staff-only chats alone', async () => {
    server.clock.set(moscow('22:30', '2026-12-05'));
    const sent = await send(teacher.client, staffChat, 'Коллеги, завтра педсовет');
    expect(sent.status).toBe(200);
    const chats = (await teacher.client.get('/api/chats')).body.chats;
    expect(chats.find((c: { id: number }) => c.id === staffChat)).toMatchObject({ study: false });
  });
});

describe('urgent messages', () => {
  it('go at once from the administration, with a reason in the audit log and «срочно» for the readers', async () => {
    server.clock.set(moscow('21:30', '2026-12-07'));
    const chats = (await admin.get('/api/chats')).body.chats;
    // The admin is not in the class chat; they write to the parent directly.
    const direct = await admin.post('/api/chats/direct', { userId: parent.id });
    const chatId = direct.body.id ?? direct.body.chat?.id;
    expect(chats).toBeDefined();
    const urgent = await send(admin, chatId, 'Завтра школа закрыта: прорыв трубы.', {
      urgentReason: 'Авария в здании',
    });
    expect(urgent.status).toBe(200);
    expect(urgent.body.delivery).toBe('urgent');
    const { rows } = await server.db.execute<{ reason: string }>(sql`
      select data->>'reason' as reason from audit_log where type = 'messages.urgent' and subject_id = ${urgent.body.id}`);
    expect(rows).toEqual([{ reason: 'Авария в здании' }]);
  });

  it('are refused to a teacher unless the school allows class teachers, and then only to them', async () => {
    server.clock.set(moscow('21:30', '2026-12-07'));
    const refused = await send(teacher.client, studyChat, 'Срочно!', { urgentReason: 'Очень надо' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('hours.urgent_denied');
  });
});

describe('scheduled messages', () => {
  it('wait for the chosen time inside the hours and arrive then', async () => {
    server.clock.set(moscow('15:00', '2026-12-08'));
    const at = moscow('08:00', '2026-12-09').toISOString();
    const scheduled = await send(teacher.client, studyChat, 'Доброе утро! Напоминаю про экскурсию.', {
      sendAt: at,
    });
    expect(scheduled.status).toBe(202);
    expect(scheduled.body).toMatchObject({ reason: 'scheduled', deliverAt: at });
    server.clock.set(moscow('07:30', '2026-12-09'));
    await server.parta.jobs.runDue();
    expect(await bodies(parent.client, studyChat)).not.toContain('Доброе утро! Напоминаю про экскурсию.');
    server.clock.set(moscow('08:00', '2026-12-09'));
    await server.parta.jobs.runDue();
    expect(await bodies(parent.client, studyChat)).toContain('Доброе утро! Напоминаю про экскурсию.');
  });

  it('refuse a time in the past, outside the hours, or more than a year ahead, with clear errors', async () => {
    server.clock.set(moscow('15:00', '2026-12-08'));
    const cases = [
      [moscow('14:00', '2026-12-08'), 'hours.schedule_past'],
      [moscow('21:00', '2026-12-08'), 'hours.schedule_closed'],
      [moscow('10:00', '2027-12-20'), 'hours.schedule_too_far'],
    ] as const;
    for (const [at, code] of cases) {
      const refused = await send(teacher.client, studyChat, 'Когда-нибудь', { sendAt: at.toISOString() });
      expect(refused.status, code).toBe(400);
      expect(refused.body.error.code).toBe(code);
    }
    const closed = await send(teacher.client, studyChat, 'x', {
      sendAt: moscow('21:00', '2026-12-08').toISOString(),
    });
    expect(closed.body.error.message).toContain('07:30');
    expect((await teacher.client.get(`/api/chats/${studyChat}/pending`)).body.messages).toEqual([]);
  });
});
