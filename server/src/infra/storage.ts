import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';

/**
 * Where file bytes live (DESIGN: a local directory by default). Files are
 * content-addressed: a key is the SHA-256 of the bytes, so the same photo
 * sent twice is stored once, and a key never changes meaning. Bytes arrive
 * in a scratch file first (an upload being checked), and move in whole.
 */
export interface Storage {
  /** a new scratch file's path: written by the caller, then `keep` or `discard` */
  scratch(): Promise<string>;
  /** moves a checked scratch file in; answers its key */
  keep(scratchPath: string): Promise<{ key: string; size: number }>;
  discard(scratchPath: string): Promise<void>;
  /** the bytes of `key`, or of the inclusive range [start, end] */
  read(key: string, range?: { start: number; end: number }): Readable;
  size(key: string): Promise<number | null>;
  remove(key: string): Promise<void>;
  /** every key kept, with when its bytes were last written */
  list(): AsyncIterable<{ key: string; writtenAt: Date }>;
}

const KEY = /^[0-9a-f]{64}$/;

/** Files under `<dataDir>/files/ab/cd/<sha256>`, scratch files under `<dataDir>/files/scratch`. */
export class LocalStorage implements Storage {
  readonly #root: string;
  readonly #scratch: string;

  constructor(dataDir: string) {
    this.#root = path.join(dataDir, 'files');
    this.#scratch = path.join(this.#root, 'scratch');
  }

  #path(key: string): string {
    if (!KEY.test(key)) throw new Error(`storage: ${key} is not a key`);
    return path.join(this.#root, key.slice(0, 2), key.slice(2, 4), key);
  }

  scratch(): Promise<string> {
    return newScratchPath(this.#scratch);
  }

  async keep(scratchPath: string): Promise<{ key: string; size: number }> {
    const { key, size } = await contentKey(scratchPath);
    const target = this.#path(key);
    await mkdir(path.dirname(target), { recursive: true });
    await rename(scratchPath, target);
    return { key, size };
  }

  async discard(scratchPath: string): Promise<void> {
    await rm(scratchPath, { force: true });
  }

  read(key: string, range?: { start: number; end: number }): Readable {
    return createReadStream(this.#path(key), range);
  }

  async size(key: string): Promise<number | null> {
    try {
      return (await stat(this.#path(key))).size;
    } catch {
      return null;
    }
  }

  async remove(key: string): Promise<void> {
    await rm(this.#path(key), { force: true });
  }

  async *list(): AsyncIterable<{ key: string; writtenAt: Date }> {
    const entries = await readdir(this.#root, { recursive: true, withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (!entry.isFile() || !KEY.test(entry.name)) continue;
      const { mtime } = await stat(path.join(entry.parentPath, entry.name));
      yield { key: entry.name, writtenAt: mtime };
    }
  }
}

/** A fresh path in the scratch directory `dir` (made when missing). */
export async function newScratchPath(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  return path.join(dir, randomUUID());
}

/** A file's key — the SHA-256 of its bytes — and its size. */
export async function contentKey(filePath: string): Promise<{ key: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(filePath)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { key: hash.digest('hex'), size };
}

/** Writes `source` to a new file at `target`, failing when it grows past `limit` bytes. */
export function writeCapped(source: Readable, target: string, limit: () => number): Promise<number> {
  return new Promise((resolve, reject) => {
    const out = createWriteStream(target);
    let written = 0;
    const fail = (error: Error) => {
      source.unpipe(out);
      out.destroy();
      reject(error);
    };
    source.on('data', (chunk: Buffer) => {
      written += chunk.length;
      if (written > limit()) fail(new TooLarge());
    });
    source.on('error', fail);
    source.on('aborted', () => fail(new Error('upload aborted')));
    out.on('error', fail);
    out.on('finish', () => resolve(written));
    source.pipe(out);
  });
}

export class TooLarge extends Error {}
