import { randomUUID } from 'node:crypto';
import { defaultWorkingHours } from '@parta/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../infra/clock.js';
import type { TestClient } from '../../test/client.js';
import { addPerson, setUpSchool, teachFamilies } from '../../test/school.js';
import { startTestServer, type TestServer } from '../../test/server.js';

let server: TestServer;
let admin: TestClient;
let classTeacher: { id: number; client: TestClient };
let parent: { id: number; client: TestClient };
let classChat: number;

const moscow = (time: string, date: string) => new Date(`${date}T${time}+03:00`);
const send = (who: TestClient, body: string, extra: object = {}) =>
  who.post(`/api/chats/${classChat}/messages`, { clientId: randomUUID(), body, ...extra });

beforeAll(async () => {
  // Friday 4 December 2026, in the afternoon.
  server = await startTestServer({ clock: new ManualClock(moscow('15:00', '2026-12-04')) });
  admin = await setUpSchool(server);
  classTeacher = await addPerson(server, admin, {
    fullName: 'Зайцева Ольга Игоревна',
    login: 'zaytseva',
    roles: ['teacher'],
  });
  parent = await addPerson(server, admin, {
    fullName: 'Сафин Рустам Ильдарович',
    login: 'safin',
    roles: ['parent'],
  });
  await teachFamilies(admin, classTeacher.id, [parent.id], { grade: 3, letter: 'Б' });
  const chats = (await classTeacher.client.get('/api/chats')).body.chats as { id: number; kind: string }[];
  classChat = chats.find((chat) => chat.kind === 'class_parents')!.id;
});
afterAll(() => server?.close());

describe('the school’s working hours', () => {
  it('start as the regulation says, and only the admin may change them', async () => {
    const read = await classTeacher.client.get('/api/hours');
    expect(read.body).toMatchObject({
      hours: defaultWorkingHours,
      timeZone: 'Europe/Moscow',
      policies: { edit: false, seeReport: false },
    });
    expect((await admin.get('/api/hours')).body.policies).toEqual({ edit: true, seeReport: true });
    expect((await classTeacher.client.post('/api/hours', { opensAt: '08:00' })).status).toBe(403);
  });

  it('refuse a day that ends before it starts, an unknown zone and a holiday backwards, changing nothing', async () => {
    const backwards = await admin.post('/api/hours', { opensAt: '20:00', closesAt: '08:00' });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error).toMatchObject({
      code: 'hours.window_order',
      message: 'Конец рабочего дня должен быть позже начала.',
    });
    const zone = await admin.post('/api/school/settings', { timeZone: 'Europe/Atlantis' });
    expect(zone.status).toBe(400);
    expect(zone.body.error.code).toBe('validation.failed');
    const holiday = await admin.post('/api/hours', { holidays: [{ from: '2027-01-08', to: '2027-01-01' }] });
    expect(holiday.status).toBe(400);
    expect((await admin.get('/api/hours')).body).toMatchObject({
      hours: defaultWorkingHours,
      timeZone: 'Europe/Moscow',
    });
  });

  it('move a held message when the school stops working on Saturdays, and tell its author', async () => {
    server.clock.set(moscow('21:00', '2026-12-04'));
    const held = await send(parent.client, 'Вопрос про субботу');
    expect(held.body.deliverAt).toBe(moscow('07:30', '2026-12-05').toISOString());
    const changed = await admin.post('/api/hours', { days: [5, 4, 3, 2, 1] });
    expect(changed.body.days).toEqual([1, 2, 3, 4, 5]);
    await server.parta.jobs.runDue();
    const mine = (await parent.client.get(`/api/chats/${classChat}/pending`)).body.messages;
    expect(mine).toMatchObject([
      { clientId: held.body.clientId, deliverAt: moscow('07:30', '2026-12-07').toISOString() },
    ]);
    expect((await parent.client.get('/api/me')).body.school.hours.days).toEqual([1, 2, 3, 4, 5]);
  });

  it('let class teachers send urgently once the school allows it', async () => {
    server.clock.set(moscow('22:00', '2026-12-06'));
    expect((await send(classTeacher.client, 'Завтра нет уроков', { urgentReason: 'Карантин' })).status).toBe(
      403,
    );
    const chats = (await classTeacher.client.get('/api/chats')).body.chats;
    expect(chats.find((chat: { id: number }) => chat.id === classChat).policies.urgent).toBe(false);
    await admin.post('/api/hours', { classTeachersUrgent: true });
    const urgent = await send(classTeacher.client, 'Завтра нет уроков', { urgentReason: 'Карантин' });
    expect(urgent.status).toBe(200);
    expect(urgent.body.delivery).toBe('urgent');
  });

  it('show the administration last week’s held, urgent and scheduled messages per class chat', async () => {
    server.clock.set(moscow('10:00', '2026-12-07'));
    await server.parta.jobs.runDue();
    await send(classTeacher.client, 'Завтра в 8:00', { sendAt: moscow('08:00', '2026-12-08').toISOString() });
    server.clock.set(moscow('08:00', '2026-12-08'));
    await server.parta.jobs.runDue();
    const report = await admin.get('/api/hours/report');
    expect(report.status).toBe(200);
    expect(report.body.chats).toContainEqual({
      chatId: classChat,
      title: expect.any(String),
      held: 1,
      urgent: 1,
      scheduled: 1,
    });
    expect((await classTeacher.client.get('/api/hours/report')).status).toBe(403);
  });
});

describe('a school in a zone with summer time (Berlin)', () => {
  it('holds Saturday night’s message for Monday 07:30 CEST across the clock change', async () => {
    await admin.post('/api/school/settings', { timeZone: 'Europe/Berlin' });
    await admin.post('/api/hours', { days: [1, 2, 3, 4, 5, 6] });
    server.clock.set(new Date('2027-03-27T21:00:00+01:00'));
    // Months later: the parent logs in again.
    await parent.client.login('safin', 'safin-password');
    const held = await send(parent.client, 'Guten Abend');
    expect(held.status).toBe(202);
    expect(held.body.deliverAt).toBe('2027-03-29T05:30:00.000Z');
  });
});
