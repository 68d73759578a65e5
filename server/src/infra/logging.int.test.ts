import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addPerson, setUpSchool } from '../test/school.js';
import { startTestServer, type TestServer } from '../test/server.js';

/** Logs never hold passwords, tokens, cookies, message text or contact data (DESIGN §3.6). */
let server: TestServer;
const lines: string[] = [];
const sink = new Writable({
  write(chunk, _encoding, done) {
    lines.push(chunk.toString());
    done();
  },
});

beforeAll(async () => {
  server = await startTestServer({ logStream: sink });
});
afterAll(() => server?.close());

it('keeps secrets and personal data out of the logs', async () => {
  const admin = await setUpSchool(server);
  const created = await admin.post('/api/people', {
    fullName: 'Сабирова Эльвира',
    login: 'sabirova',
    roles: ['parent'],
    email: 'elvira.secret@mail.example',
    phone: '+7 917 555-12-34',
  });
  const token: string = created.body.setPasswordLink.url.split('/reset/')[1];
  const parent = server.client();
  await parent.post('/api/auth/reset', { token, newPassword: 'Очень-секретный-пароль' });
  await parent.post('/api/auth/login', {
    login: 'elvira.secret@mail.example',
    password: 'Неверный-пароль-42',
  });
  const chat = await admin.post('/api/chats', { title: 'Чат', memberIds: [created.body.person.id] });
  await parent.post(`/api/chats/${chat.body.id}/messages`, {
    clientId: randomUUID(),
    body: 'Мой сын болеет ангиной',
  });
  await server.client().get(`/reset/${token}`);
  await server
    .client()
    .post('/api/auth/login', { login: 'x', password: 'y', extra: 'Очень-секретный-пароль' });
  const person = await addPerson(server, admin, { fullName: 'Другой', login: 'other', roles: ['parent'] });
  expect(person.id).toBeGreaterThan(0);

  expect(lines.length).toBeGreaterThan(10);
  const secrets = [
    'Очень-секретный-пароль',
    'Неверный-пароль-42',
    'admin-password-1',
    'Мой сын болеет ангиной',
    'elvira.secret',
    '5551234',
    token,
    admin.cookie!.split('=')[1]!,
    parent.cookie!.split('=')[1]!,
    admin.csrfToken!,
  ];
  for (const secret of secrets) {
    expect(lines.find((line) => line.includes(secret)) ?? '', `a log line contains «${secret}»`).toBe('');
  }
});

it('logs a failed query by its SQLSTATE and constraint, never by the values it carried', async () => {
  const admin = server.client();
  await admin.login('admin', 'admin-password-1');
  // A real failure inside PostgreSQL: rows these checks refuse make the statements fail as a bug would.
  await server.db.execute(
    sql.raw(`alter table users add constraint test_refused_name check (full_name <> 'Гафуров Ильдар')`),
  );
  await server.db.execute(
    sql.raw(`alter table messages add constraint test_refused_body check (body not like '%Диагноз%')`),
  );
  const invite = await admin.post('/api/invites', { role: 'teacher' });
  const redeemed = await server.client().post('/api/invites/redeem', {
    token: invite.body.url.split('/join/')[1],
    register: {
      fullName: 'Гафуров Ильдар',
      login: 'gafurov',
      password: 'Пароль-Гафурова-1',
      email: 'ildar.gafurov@mail.example',
      phone: '+7 917 444-55-66',
    },
    acceptRules: true,
  });
  const chat = await admin.post('/api/chats', { title: 'Чат', memberIds: [] });
  const posted = await admin.post(`/api/chats/${chat.body.id}/messages`, {
    clientId: randomUUID(),
    body: 'Диагноз: бронхиальная астма',
  });
  expect([redeemed.status, posted.status]).toEqual([500, 500]);

  const errors = lines.filter((line) => line.includes('"unexpected error"'));
  expect(errors.map((line) => JSON.parse(line).err)).toEqual([
    expect.objectContaining({ sqlState: '23514', constraint: 'test_refused_name', table: 'users' }),
    expect.objectContaining({ sqlState: '23514', constraint: 'test_refused_body', table: 'messages' }),
  ]);
  for (const secret of [
    'Гафуров',
    'gafurov',
    'Пароль-Гафурова',
    '$argon2',
    '444-55-66',
    'Диагноз',
    'астма',
  ]) {
    expect(lines.find((line) => line.includes(secret)) ?? '', `a log line contains «${secret}»`).toBe('');
  }
});
