import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestClient } from '../../test/client.js';
import { addPerson, setUpSchool } from '../../test/school.js';
import { startTestServer, type TestServer } from '../../test/server.js';

/*
 * A real ClamAV daemon with a signature database of the test's own (no
 * downloaded definitions): the bytes below are «infected» for it.
 */
const SIGNATURE_TEXT = 'PARTA-TEST-SIGNATURE-5b2d-not-a-real-virus';

let dir: string;
let clamd: ChildProcess;
let socket: string;
let server: TestServer;
let teacher: { id: number; client: TestClient };
let chatId: number;

async function startClamd(): Promise<void> {
  await writeFile(
    path.join(dir, 'db', 'parta.ndb'),
    `Parta.Test.Signature:0:*:${Buffer.from(SIGNATURE_TEXT).toString('hex')}\n`,
  );
  await writeFile(
    path.join(dir, 'clamd.conf'),
    [
      `LocalSocket ${socket}`,
      `DatabaseDirectory ${path.join(dir, 'db')}`,
      'Foreground yes',
      `TemporaryDirectory ${dir}`,
    ]
      .join('\n')
      .concat('\n'),
  );
  clamd = spawn('/usr/sbin/clamd', ['-c', path.join(dir, 'clamd.conf')], { stdio: 'ignore' });
  for (let waited = 0; !existsSync(socket); waited += 100) {
    if (waited > 60_000) throw new Error('clamd did not open its socket in a minute');
    await delay(100);
  }
}

const upload = (bytes: Uint8Array, name: string) =>
  teacher.client.upload(`/api/chats/${chatId}/files?name=${encodeURIComponent(name)}`, bytes);

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'parta-clamd-'));
  await mkdir(path.join(dir, 'db'));
  socket = path.join(dir, 'clamd.sock');
  await startClamd();
  server = await startTestServer({ env: { PARTA_CLAMAV_SOCKET: socket } });
  const admin = await setUpSchool(server);
  teacher = await addPerson(server, admin, {
    fullName: 'Галиева Алсу Ринатовна',
    login: 'galieva',
    roles: ['teacher'],
  });
  chatId = (await admin.post('/api/chats', { title: 'Методобъединение', memberIds: [teacher.id] })).body.id;
}, 120_000);
afterAll(async () => {
  clamd?.kill();
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('with an antivirus configured', () => {
  it('keeps a clean file and refuses an infected one, keeping nothing of it', async () => {
    expect((await upload(Buffer.from('План работы на четверть'), 'план.txt')).status).toBe(201);
    const infected = await upload(Buffer.from(`Домашнее задание ${SIGNATURE_TEXT}`), 'задание.txt');
    expect(infected.status).toBe(422);
    expect(infected.body.error).toMatchObject({
      code: 'files.infected',
      message: 'В файле найден вирус, его не отправить. Проверьте компьютер или телефон антивирусом.',
    });
  });

  it('refuses files while the antivirus cannot answer, rather than keep them unscanned', async () => {
    clamd.kill();
    await new Promise((exited) => clamd.once('exit', exited));
    const refused = await upload(Buffer.from('Список класса'), 'список.txt');
    expect(refused.status).toBe(503);
    expect(refused.body.error.code).toBe('files.scan_unavailable');
  });
});
