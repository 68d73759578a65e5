import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestS3, type TestS3 } from '../test/s3.js';
import { LocalStorage, type Storage } from './storage.js';
import { S3Storage } from './storage-s3.js';

// One contract, both backends: the data directory and an S3-compatible bucket
// (s3rver, started here in this process on 127.0.0.1).

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function keys(storage: Storage): Promise<string[]> {
  const found: string[] = [];
  for await (const { key } of storage.list()) found.push(key);
  return found.sort();
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

let s3: TestS3;
const dirs: string[] = [];
const closers: (() => void)[] = [];

async function dataDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'parta-storage-'));
  dirs.push(dir);
  return dir;
}

beforeAll(async () => {
  s3 = await startTestS3();
});
afterAll(async () => {
  for (const close of closers) close();
  await s3?.close();
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

const backends: [string, (dir: string) => Storage][] = [
  ['local', (dir) => new LocalStorage(dir)],
  [
    's3',
    (dir) => {
      const storage = new S3Storage(dir, s3.settings, { pageSize: 2 });
      closers.push(() => storage.close());
      return storage;
    },
  ],
];

describe.each(backends)('%s storage', (_name, make) => {
  let storage: Storage;
  const put = async (bytes: Buffer) => {
    const scratch = await storage.scratch();
    await writeFile(scratch, bytes);
    return { scratch, kept: await storage.keep(scratch) };
  };
  const letter = Buffer.from('Уважаемые родители! Собрание в четверг в 18:00.');

  beforeAll(async () => {
    storage = make(await dataDir());
  });

  it('keeps bytes under their SHA-256, the same bytes under the same key, once', async () => {
    const first = await put(letter);
    expect(first.kept).toEqual({ key: sha256(letter), size: letter.length });
    expect(existsSync(first.scratch)).toBe(false);
    const again = await put(Buffer.from(letter));
    expect(again.kept.key).toBe(first.kept.key);
    expect(await keys(storage)).toEqual([first.kept.key]);
  });

  it('reads the whole, and inclusive ranges', async () => {
    const { key } = (await put(letter)).kept;
    expect((await bytesOf(storage.read(key))).equals(letter)).toBe(true);
    expect((await bytesOf(storage.read(key, { start: 0, end: 7 }))).equals(letter.subarray(0, 8))).toBe(true);
    const tail = { start: letter.length - 6, end: letter.length - 1 };
    expect((await bytesOf(storage.read(key, tail))).toString()).toBe('18:00.');
    expect((await bytesOf(storage.read(key, { start: 5, end: 5 }))).equals(letter.subarray(5, 6))).toBe(true);
  });

  it('answers the size, null for bytes it does not have, and a failing stream for reading them', async () => {
    const { key } = (await put(letter)).kept;
    expect(await storage.size(key)).toBe(letter.length);
    const absent = sha256(Buffer.from('никогда не отправлено'));
    expect(await storage.size(absent)).toBeNull();
    await expect(bytesOf(storage.read(absent))).rejects.toThrow();
    expect(() => storage.read('../../etc/passwd')).toThrow(/not a key/);
  });

  it('lists every key kept with when it was written, across pages, and forgets removed ones', async () => {
    const before = Date.now();
    const photos = ['первая', 'вторая', 'третья'].map((word) => Buffer.from(`фото: ${word}`));
    const kept = [];
    for (const photo of photos) kept.push((await put(photo)).kept.key);
    const listed = [];
    for await (const entry of storage.list()) listed.push(entry);
    expect(listed.map((entry) => entry.key)).toEqual(expect.arrayContaining(kept));
    expect(new Set(listed.map((entry) => entry.key)).size).toBe(listed.length);
    for (const { writtenAt } of listed.filter((entry) => kept.includes(entry.key))) {
      // S3 keeps LastModified to the second.
      expect(writtenAt.getTime()).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
      expect(writtenAt.getTime()).toBeLessThanOrEqual(Date.now());
    }

    await storage.remove(kept[1]!);
    expect(await storage.size(kept[1]!)).toBeNull();
    expect(await keys(storage)).not.toContain(kept[1]);
    expect(await keys(storage)).toEqual(expect.arrayContaining([kept[0], kept[2]]));
    await expect(storage.remove(kept[1]!)).resolves.toBeUndefined();
  });

  it('discards a scratch file without keeping it', async () => {
    const before = await keys(storage);
    const scratch = await storage.scratch();
    await writeFile(scratch, 'не прошло проверку');
    await storage.discard(scratch);
    expect(existsSync(scratch)).toBe(false);
    expect(await keys(storage)).toEqual(before);
    await expect(storage.discard(scratch)).resolves.toBeUndefined();
  });
});
