import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestClient } from '../../test/client.js';
import { addPerson, addSchool, teacherAndParent } from '../../test/school.js';
import { startTestServer, type TestServer } from '../../test/server.js';
import {
  docxBombs,
  exeAsPdf,
  ffmpegMade,
  iphoneHeic,
  jpegHtmlPolyglot,
  minimalPdf,
  oversizedPng,
  photoWithGps,
  silentWav,
  svgWithScript,
} from './corpus.js';

let server: TestServer;
let admin: TestClient;
let teacher: { id: number; client: TestClient };
let parent: { id: number; client: TestClient };
let outsider: { id: number; client: TestClient };
let chatId: number;

const upload = (who: TestClient, bytes: Uint8Array, name = '') =>
  who.upload(`/api/chats/${chatId}/files?name=${encodeURIComponent(name)}`, bytes);

/** Every file under the storage directory but the (empty) scratch one. */
async function storedFiles(): Promise<string[]> {
  const root = path.join(server.dataDir, 'files');
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

beforeAll(async () => {
  server = await startTestServer();
  ({ admin, teacher, parent, chatId } = await teacherAndParent(server, 'Родители 5А'));
  outsider = await addPerson(server, admin, {
    fullName: 'Орлова Нина Павловна',
    login: 'orlova',
    roles: ['teacher'],
  });
});
afterAll(() => server?.close());

describe('uploads, checked by their content', () => {
  it('strip the GPS position and every other metadata from a phone photo, and turn it upright', async () => {
    const photo = await photoWithGps();
    expect((await sharp(photo).metadata()).exif?.toString('latin1')).toContain('Family phone');
    const sent = await upload(parent.client, photo, 'IMG_2041.JPG');
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({
      kind: 'image',
      format: 'jpg',
      name: 'IMG_2041.jpg',
      width: 48,
      height: 64,
    });
    const stored = await parent.client.download(`/api/files/${sent.body.id}`);
    const meta = await sharp(stored.bytes).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation ?? 1).toBe(1);
    expect([meta.width, meta.height]).toEqual([48, 64]);
    const thumb = await parent.client.download(`/api/files/${sent.body.id}/thumbnail`);
    expect(thumb.headers.get('content-type')).toBe('image/webp');
  });

  it('turn an iPhone’s HEIC into a JPEG every browser shows', async () => {
    const sent = await upload(parent.client, await iphoneHeic(), 'IMG_0007.HEIC');
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({
      kind: 'image',
      format: 'jpg',
      name: 'IMG_0007.jpg',
      width: 80,
      height: 60,
    });
    const stored = await parent.client.download(`/api/files/${sent.body.id}`);
    expect((await sharp(stored.bytes).metadata()).format).toBe('jpeg');
  });

  it('write a JPEG that is also an HTML page again, without the page', async () => {
    const sent = await upload(parent.client, await jpegHtmlPolyglot(), 'photo.html');
    expect(sent.status).toBe(201);
    expect(sent.body.name).toBe('photo.jpg');
    const stored = await parent.client.download(`/api/files/${sent.body.id}`);
    expect(stored.bytes.toString('latin1')).not.toContain('<script');
  });

  it('refuse SVG and a program named «.pdf», naming what is allowed, and keep nothing', async () => {
    const before = await storedFiles();
    for (const [bytes, name] of [
      [svgWithScript, 'рисунок.svg'],
      [exeAsPdf, 'Домашнее задание.pdf'],
    ] as const) {
      const refused = await upload(parent.client, bytes, name);
      expect(refused.status, name).toBe(415);
      expect(refused.body.error.code).toBe('files.type_not_allowed');
      expect(refused.body.error.message).toContain('PDF, DOCX');
    }
    expect(await storedFiles()).toEqual(before);
  });

  it('store a DOCX zip bomb as the document it is, never unpacked, and refuse one that hides its type', async () => {
    const { inText, inTypes } = docxBombs();
    const stored = await upload(parent.client, inText, 'Реферат.docx');
    expect(stored.status).toBe(201);
    expect(stored.body).toMatchObject({ kind: 'document', format: 'docx', size: inText.length });
    const hidden = await upload(parent.client, inTypes, 'Реферат.docx');
    expect(hidden.status).toBe(415);
  });

  it('refuse an empty file and a truncated photo', async () => {
    const empty = await upload(parent.client, new Uint8Array(0), 'пусто.txt');
    expect(empty.body.error.code).toBe('files.empty');
    const photo = await photoWithGps();
    const truncated = await upload(
      parent.client,
      photo.subarray(0, Math.floor(photo.length / 2)),
      'half.jpg',
    );
    expect(truncated.status).toBe(400);
    expect(truncated.body.error.code).toBe('files.damaged');
  });

  it('cut an oversized picture off early and leave no bytes behind', async () => {
    const before = await storedFiles();
    const refused = await upload(parent.client, oversizedPng(21 * 1024 * 1024), 'big.png');
    expect(refused.status).toBe(413);
    expect(refused.body.error).toMatchObject({ code: 'files.too_large' });
    expect(refused.body.error.message).toContain('20 МБ');
    expect(await storedFiles()).toEqual(before);
  });

  it('keep a name safe: no path, no control characters, at most 120 characters, the content’s extension', async () => {
    const traversal = await upload(parent.client, minimalPdf, '../../etc/passwd\u202e.pdf');
    expect(traversal.body.name).toBe('passwd.pdf');
    const long = await upload(parent.client, minimalPdf, `${'Ёжик в тумане '.repeat(20)}.exe`);
    expect([...long.body.name.replace(/\.pdf$/, '')].length).toBeLessThanOrEqual(120);
    expect(long.body.name.endsWith('.pdf')).toBe(true);
  });

  it('take plain text, a WAV, a voice note in WebM (audio) and a video with its poster', async () => {
    const text = await upload(parent.client, Buffer.from('Список литературы на лето\n1. Пушкин'), 'список');
    expect(text.body).toMatchObject({ kind: 'document', format: 'txt', name: 'список.txt' });
    const wav = await upload(parent.client, silentWav(2), 'запись.wav');
    expect(wav.body).toMatchObject({ kind: 'audio', format: 'wav', durationMs: 2000 });
    const voice = await upload(parent.client, await ffmpegMade('voice-webm'), 'voice');
    expect(voice.body).toMatchObject({ kind: 'audio', format: 'webm' });
    const clip = await upload(parent.client, await ffmpegMade('mp4'), 'урок.mp4');
    expect(clip.body).toMatchObject({ kind: 'video', format: 'mp4', width: 96, height: 64, thumbnail: true });
  });
});

describe('downloads', () => {
  it('are attachments under the Russian name, never sniffed or run, and seek by range', async () => {
    const sent = await upload(parent.client, minimalPdf, 'Заявление в школу.pdf');
    const whole = await parent.client.download(`/api/files/${sent.body.id}`);
    expect(whole.headers.get('content-disposition')).toBe(
      `attachment; filename="_________ _ _____.pdf"; filename*=UTF-8''${encodeURIComponent('Заявление в школу.pdf')}`,
    );
    expect(whole.headers.get('x-content-type-options')).toBe('nosniff');
    expect(whole.headers.get('content-security-policy')).toContain('sandbox');
    expect(whole.bytes.equals(minimalPdf)).toBe(true);
    const part = await parent.client.download(`/api/files/${sent.body.id}`, { range: 'bytes=0-7' });
    expect(part.status).toBe(206);
    expect(part.bytes.toString()).toBe('%PDF-1.4');
    expect(part.headers.get('content-range')).toBe(`bytes 0-7/${minimalPdf.length}`);
  });

  it('are «not found» for anyone but the sender before it is sent, and for another school', async () => {
    const sent = await upload(parent.client, minimalPdf, 'черновик.pdf');
    expect((await teacher.client.download(`/api/files/${sent.body.id}`)).status).toBe(404);
    expect((await outsider.client.download(`/api/files/${sent.body.id}`)).status).toBe(404);
    const other = await addSchool(server, 'Другая школа', 'other-admin');
    expect((await other.download(`/api/files/${sent.body.id}`)).status).toBe(404);
  });
});

describe('files in messages', () => {
  const post = (who: TestClient, body: string, attachmentIds: number[], extra: object = {}) =>
    who.post(`/api/chats/${chatId}/messages`, {
      clientId: crypto.randomUUID(),
      body,
      attachmentIds,
      ...extra,
    });

  it('go with the message to every member, and are gone for all once it is deleted', async () => {
    const photo = await upload(parent.client, await photoWithGps(), 'Маша на линейке.jpg');
    const pdf = await upload(parent.client, minimalPdf, 'Справка.pdf');
    const sent = await post(parent.client, '', [photo.body.id, pdf.body.id]);
    expect(sent.status).toBe(200);
    expect(sent.body.attachments.map((file: { name: string }) => file.name)).toEqual([
      'Маша на линейке.jpg',
      'Справка.pdf',
    ]);
    const page = (await teacher.client.get(`/api/chats/${chatId}/messages`)).body.messages;
    expect(page.at(-1).attachments).toHaveLength(2);
    expect((await teacher.client.download(`/api/files/${photo.body.id}`)).status).toBe(200);
    expect((await outsider.client.download(`/api/files/${photo.body.id}`)).status).toBe(404);
    expect((await parent.client.delete(`/api/chats/${chatId}/messages/${sent.body.id}`)).status).toBe(200);
    expect((await teacher.client.download(`/api/files/${pdf.body.id}`)).status).toBe(404);
    expect((await parent.client.download(`/api/files/${pdf.body.id}`)).status).toBe(404);
  });

  it('keep the order the sender picked them in, not the order their uploads finished', async () => {
    const first = await upload(parent.client, Buffer.from('Первый'), 'первый.txt');
    const second = await upload(parent.client, Buffer.from('Второй'), 'второй.txt');
    const sent = await post(parent.client, 'Два файла', [second.body.id, first.body.id]);
    expect(sent.body.attachments.map((file: { name: string }) => file.name)).toEqual([
      'второй.txt',
      'первый.txt',
    ]);
  });

  it('cannot be sent twice, nor by someone who did not upload them', async () => {
    const pdf = await upload(parent.client, minimalPdf, 'Заявление.pdf');
    expect((await post(teacher.client, 'Чужой файл', [pdf.body.id])).body.error.code).toBe(
      'files.not_attachable',
    );
    expect((await post(parent.client, 'Раз', [pdf.body.id])).status).toBe(200);
    expect((await post(parent.client, 'Два', [pdf.body.id])).body.error.code).toBe('files.not_attachable');
  });

  it('wait with a message held for the working hours, and reach the teacher with it', async () => {
    server.clock.set(new Date('2026-09-01T21:00:00+03:00'));
    const photo = await upload(parent.client, await photoWithGps(), 'Дневник.jpg');
    const held = await post(parent.client, 'Посмотрите, пожалуйста, дневник', [photo.body.id]);
    expect(held.status).toBe(202);
    expect(held.body.attachments).toHaveLength(1);
    expect((await teacher.client.download(`/api/files/${photo.body.id}`)).status).toBe(404);
    server.clock.set(new Date('2026-09-02T07:30:00+03:00'));
    await server.parta.jobs.runDue();
    const arrived = (await teacher.client.get(`/api/chats/${chatId}/messages`)).body.messages.at(-1);
    expect(arrived).toMatchObject({ body: 'Посмотрите, пожалуйста, дневник', delivery: 'held' });
    expect(arrived.attachments.map((file: { id: number }) => file.id)).toEqual([photo.body.id]);
    expect((await teacher.client.download(`/api/files/${photo.body.id}`)).status).toBe(200);
  });
});

describe('the files’ upkeep', () => {
  it('removes the bytes of a deleted message’s files and of abandoned uploads, and keeps the rest', async () => {
    const kept = await upload(parent.client, Buffer.from('Расписание кружков на осень'), 'кружки.txt');
    const sentKept = await parent.client.post(`/api/chats/${chatId}/messages`, {
      clientId: crypto.randomUUID(),
      body: 'Расписание',
      attachmentIds: [kept.body.id],
    });
    expect(sentKept.status).toBe(200);
    const doomed = await upload(parent.client, Buffer.from('Ошибочный файл'), 'ошибка.txt');
    const sentDoomed = await parent.client.post(`/api/chats/${chatId}/messages`, {
      clientId: crypto.randomUUID(),
      body: '',
      attachmentIds: [doomed.body.id],
    });
    await parent.client.delete(`/api/chats/${chatId}/messages/${sentDoomed.body.id}`);
    const abandoned = await upload(parent.client, Buffer.from('Передумал отправлять'), 'черновик.txt');
    expect(abandoned.status).toBe(201);
    const before = (await storedFiles()).length;
    // Bytes settle for an hour after they are written (the disk's clock, not the server's): move past both.
    server.clock.set(new Date(Date.now() + 25 * 60 * 60 * 1000));
    await server.parta.jobs.runDue();
    const after = await storedFiles();
    const contents = await Promise.all(after.map((file) => readFile(file, 'utf8')));
    expect(contents).toContain('Расписание кружков на осень');
    expect(contents).not.toContain('Ошибочный файл');
    expect(contents).not.toContain('Передумал отправлять');
    expect(after.length).toBeLessThan(before);
    const rows = await server.db.execute<{ id: string }>(
      sql`select id from files where id = ${kept.body.id}`,
    );
    expect(rows.rows).toHaveLength(1);
  });
});
