import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3Storage } from '../../infra/storage-s3.js';
import { startTestS3, type TestS3 } from '../../test/s3.js';
import { addPerson, setUpSchool } from '../../test/school.js';
import { startTestServer, type TestServer } from '../../test/server.js';
import { minimalPdf } from './corpus.js';

// The whole way through with PARTA_S3_*: an upload lands in the bucket, not in
// the data directory, and downloads (ranges too) come back from there.

let s3: TestS3;
let server: TestServer;

beforeAll(async () => {
  s3 = await startTestS3();
  server = await startTestServer({ env: s3.env });
});
afterAll(async () => {
  await server?.close();
  await s3?.close();
});

describe('files in an S3-compatible bucket', () => {
  it('keeps an upload in the bucket and serves it whole and by range', async () => {
    const admin = await setUpSchool(server);
    const parent = await addPerson(server, admin, {
      fullName: 'Петров Иван Сергеевич',
      login: 'petrov',
      roles: ['parent'],
    });
    const chatId = (await admin.post('/api/chats', { title: 'Родители 5А', memberIds: [parent.id] })).body.id;
    const sent = await parent.client.upload(
      `/api/chats/${chatId}/files?name=${encodeURIComponent('Заявление.pdf')}`,
      minimalPdf,
    );
    expect(sent.status).toBe(201);

    const bucket = new S3Storage(server.dataDir, s3.settings);
    const key = createHash('sha256').update(minimalPdf).digest('hex');
    expect(await bucket.size(key)).toBe(minimalPdf.length);
    bucket.close();
    const local = await readdir(path.join(server.dataDir, 'files'), { recursive: true, withFileTypes: true });
    expect(local.filter((entry) => entry.isFile())).toEqual([]);

    const whole = await parent.client.download(`/api/files/${sent.body.id}`);
    expect(whole.status).toBe(200);
    expect(whole.bytes.equals(minimalPdf)).toBe(true);
    const part = await parent.client.download(`/api/files/${sent.body.id}`, { range: 'bytes=0-7' });
    expect(part.status).toBe(206);
    expect(part.bytes.toString()).toBe('%PDF-1.4');
    expect(part.headers.get('content-range')).toBe(`bytes 0-7/${minimalPdf.length}`);
  });
});
