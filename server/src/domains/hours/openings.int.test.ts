import { randomUUID } from 'node:crypto';
import { nextOpening, type TWorkingHours } from '@parta/protocol';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ManualClock } from '../../infra/clock.js';
import { TestClient } from '../../test/client.js';
import { ADMIN, addPerson, setUpSchool } from '../../test/school.js';
import { startTestServer, type TestServer } from '../../test/server.js';

/**
 * Property: whatever the school's zone, calendar and window, a message posted
 * to a study chat is delivered exactly once, at the first opening at or
 * after it was written (protocol nextOpening), and the chat shows what was
 * written in the order it was written. The clock only moves forward: each
 * run begins after the one before (March 2027 on, across Berlin's DST
 * change), and its people log in again, as sessions last 30 days.
 */
const ZONES = ['Europe/Moscow', 'Europe/Berlin', 'Asia/Kamchatka'] as const;
const DAY_MS = 24 * 60 * 60 * 1000;
const WEEKS = 3;

let server: TestServer;
let parentLogin: { login: string; password: string };
let chatId: number;
let cursor = new Date('2027-03-01T00:00:00Z');

beforeAll(async () => {
  server = await startTestServer({ clock: new ManualClock(new Date('2027-02-28T09:00:00Z')) });
  const admin = await setUpSchool(server);
  const teacher = await addPerson(server, admin, {
    fullName: 'Галиева Алсу Ринатовна',
    login: 'galieva',
    roles: ['teacher'],
  });
  const parent = await addPerson(server, admin, {
    fullName: 'Петров Иван Сергеевич',
    login: 'petrov',
    roles: ['parent'],
  });
  parentLogin = { login: 'petrov', password: parent.password };
  chatId = (await admin.post('/api/chats', { title: 'Родители 5А', memberIds: [teacher.id, parent.id] })).body
    .id;
});
afterAll(() => server?.close());

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const isoDay = (at: Date) => at.toISOString().slice(0, 10);

const schedule = fc.record({
  zone: fc.constantFrom(...ZONES),
  /** quarter hours: opens 05:00–11:00, closes 30 min to 12 h later (before midnight) */
  opens: fc.integer({ min: 20, max: 44 }),
  length: fc.integer({ min: 2, max: 48 }),
  days: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
  /** day offsets from the run's start, and lengths */
  holidays: fc.array(fc.tuple(fc.integer({ min: 0, max: WEEKS * 7 }), fc.integer({ min: 0, max: 4 })), {
    maxLength: 2,
  }),
  /** minutes from the run's start at which the parent writes */
  sends: fc.uniqueArray(fc.integer({ min: 0, max: WEEKS * 7 * 24 * 60 }), { minLength: 1, maxLength: 8 }),
});

it('delivers each message once, at the first opening at or after it was written, in written order', async () => {
  await fc.assert(
    fc.asyncProperty(schedule, async (plan) => {
      const start = cursor;
      const admin = new TestClient(server.url);
      server.clock.set(start);
      await admin.login(ADMIN.login, ADMIN.password);
      const parent = new TestClient(server.url);
      await parent.login(parentLogin.login, parentLogin.password);
      // A school's zone is chosen at setup; no route changes it, so the test does.
      await server.db.execute(sql`update schools set time_zone = ${plan.zone}`);
      const window = {
        opensAt: hhmm(plan.opens * 15),
        closesAt: hhmm(Math.min(plan.opens * 15 + plan.length * 15, 23 * 60 + 45)),
        days: plan.days,
        holidays: plan.holidays.map(([from, days]) => ({
          from: isoDay(new Date(start.getTime() + from * DAY_MS)),
          to: isoDay(new Date(start.getTime() + (from + days) * DAY_MS)),
          name: 'каникулы',
        })),
      };
      const set = await admin.post('/api/hours', window);
      expect(set.status, JSON.stringify(set.body)).toBe(200);
      const hours: TWorkingHours = set.body;

      const sends = [...plan.sends].sort((a, b) => a - b).map((m) => new Date(start.getTime() + m * 60_000));
      const expected = sends.map((at) => ({
        at,
        clientId: randomUUID(),
        opening: nextOpening(hours, plan.zone, at)!,
      }));
      // Every moment something happens: a send, or an opening somebody waits for. The jobs run at each.
      const moments = [
        ...new Set([...sends, ...expected.map((e) => e.opening)].map((at) => at.getTime())),
      ].sort((a, b) => a - b);
      for (const moment of moments) {
        server.clock.set(new Date(moment));
        for (const message of expected.filter((e) => e.at.getTime() === moment)) {
          const sent = await parent.post(`/api/chats/${chatId}/messages`, {
            clientId: message.clientId,
            body: `написано ${message.at.toISOString()}`,
          });
          const held = message.opening.getTime() > moment;
          expect(sent.status, JSON.stringify(sent.body)).toBe(held ? 202 : 200);
          if (held) expect(sent.body.deliverAt).toBe(message.opening.toISOString());
        }
        await server.parta.jobs.runDue();
      }

      const clientIds = `{${expected.map((e) => e.clientId).join(',')}}`;
      const delivered = await server.db.execute<{
        client_id: string;
        created_at: Date;
        delivery: string | null;
      }>(sql`
        select client_id, created_at, delivery from messages
        where chat_id = ${chatId} and client_id = any(${clientIds}::uuid[]) order by id`);
      expect(delivered.rows.map((row) => row.client_id)).toEqual(expected.map((e) => e.clientId));
      expect(delivered.rows.map((row) => new Date(row.created_at).toISOString())).toEqual(
        expected.map((e) => e.opening.toISOString()),
      );
      expect(delivered.rows.map((row) => row.delivery)).toEqual(
        expected.map((e) => (e.opening.getTime() > e.at.getTime() ? 'held' : null)),
      );
      const left = await server.db.execute(sql`select from pending_messages`);
      expect(left.rows).toEqual([]);
      cursor = new Date(moments.at(-1)! + DAY_MS);
    }),
    { numRuns: 15 },
  );
}, 120_000);
