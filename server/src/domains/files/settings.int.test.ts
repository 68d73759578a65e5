import { defaultFileRules } from '@parta/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestClient } from '../../test/client.js';
import { addPerson, setUpSchool } from '../../test/school.js';
import { startTestServer, type TestServer } from '../../test/server.js';
import { minimalPdf } from './corpus.js';

let server: TestServer;
let admin: TestClient;
let teacher: { id: number; client: TestClient };
let chatId: number;

const upload = (bytes: Uint8Array, name: string) =>
  teacher.client.upload(`/api/chats/${chatId}/files?name=${encodeURIComponent(name)}`, bytes);

beforeAll(async () => {
  server = await startTestServer();
  admin = await setUpSchool(server);
  teacher = await addPerson(server, admin, {
    fullName: 'Галиева Алсу Ринатовна',
    login: 'galieva',
    roles: ['teacher'],
  });
  chatId = (await admin.post('/api/chats', { title: 'Методобъединение', memberIds: [teacher.id] })).body.id;
});
afterAll(() => server?.close());

describe('the school’s file rules', () => {
  it('start with the defaults, are set by the admin only, and show what each chat holds', async () => {
    expect((await admin.get('/api/school/files')).body).toMatchObject({
      rules: defaultFileRules,
      usage: { bytes: 0, files: 0, chats: [] },
      policies: { edit: true },
    });
    expect((await teacher.client.post('/api/school/files', { quotaBytes: 1 })).status).toBe(403);
    await upload(minimalPdf, 'Приказ.pdf');
    const usage = (await admin.get('/api/school/files')).body.usage;
    expect(usage).toEqual({
      bytes: minimalPdf.length,
      files: 1,
      chats: [{ chatId, title: 'Методобъединение', bytes: minimalPdf.length, files: 1 }],
    });
  });

  it('refuse a format the school took off the list, naming the ones it keeps', async () => {
    await admin.post('/api/school/files', { formats: ['jpg', 'png', 'txt'] });
    const refused = await upload(minimalPdf, 'Приказ.pdf');
    expect(refused.status).toBe(415);
    expect(refused.body.error.message).toBe('Такие файлы отправлять нельзя. Можно: JPG, PNG, TXT.');
    await admin.post('/api/school/files', { formats: defaultFileRules.formats });
  });

  it('cut a document off at the school’s own limit', async () => {
    await admin.post('/api/school/files', { limits: { document: 1024 * 1024 } });
    const refused = await upload(Buffer.from('а'.repeat(1024 * 1024)), 'много букв.txt');
    expect(refused.status).toBe(413);
    expect(refused.body.error.message).toBe('Файл слишком большой: такие файлы — не больше 1 МБ.');
    expect((await admin.get('/api/school/files')).body.rules.limits).toEqual({
      ...defaultFileRules.limits,
      document: 1024 * 1024,
    });
  });

  it('stop uploads once the school’s quota is used, and refuse a limit over 2 GB', async () => {
    const used = (await admin.get('/api/school/files')).body.usage.bytes;
    await admin.post('/api/school/files', { quotaBytes: used + 100 });
    const refused = await upload(
      Buffer.from('Протокол заседания родительского комитета. '.repeat(20)),
      'протокол.txt',
    );
    expect(refused.status).toBe(413);
    expect(refused.body.error.code).toBe('files.quota_exceeded');
    const tooBig = await admin.post('/api/school/files', { limits: { video: 3 * 1024 * 1024 * 1024 } });
    expect(tooBig.status).toBe(400);
    expect((await admin.get('/api/school/files')).body.rules.limits.video).toBe(
      defaultFileRules.limits.video,
    );
  });
});
