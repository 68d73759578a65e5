import { execFile } from 'node:child_process';
import type { Readable } from 'node:stream';
import { promisify } from 'node:util';
import type { FileKind } from '@parta/protocol';
import { AppError } from '../../infra/errors.js';
import { type Storage, TooLarge, writeCapped } from '../../infra/storage.js';
import type { ScanVerdict } from '../../infra/virus-scan.js';
import { allowedFormatsList, type Detected, detect, guessKind, probeMedia } from './detect.js';
import { cleanImage, thumbnail } from './images.js';

const run = promisify(execFile);
const MB = 1024 * 1024;
const HEAD_BYTES = 4100;

/** A file received, checked and cleaned, its bytes kept: what the `files` row records. */
export interface Received extends Detected {
  storageKey: string;
  size: number;
  thumbnailKey: string | null;
  width: number | null;
  height: number | null;
  durationMs: number | null;
}

/** What the school lets through (files/settings.ts), and what space is left of its quota. */
export interface Admission {
  limits: Record<FileKind, number>;
  formats: readonly string[];
  /** bytes left of the school's quota; null: no quota */
  spaceLeft: number | null;
  /** the antivirus, when the installation has one (infra/virus-scan.ts) */
  scan?: ((filePath: string) => Promise<ScanVerdict>) | undefined;
}

/**
 * Streams an upload to a scratch file, cutting it off as soon as it passes
 * the limit of what its first bytes say it is (or the largest limit, when a
 * declared length already does); then decides what it is from the content,
 * cleans it (pictures are written again without metadata, a video gets a
 * poster), and keeps it. Whatever fails leaves no bytes behind.
 */
export async function receiveFile(
  storage: Storage,
  body: Readable,
  declaredLength: number | null,
  admission: Admission,
): Promise<Received> {
  const { limits, spaceLeft } = admission;
  const largest = Math.max(...Object.values(limits));
  const tooLarge = (kind: FileKind) =>
    new AppError('files.too_large', { limit: Math.round(limits[kind] / MB) });
  const noSpace = (bytes: number) => spaceLeft !== null && bytes > spaceLeft;
  if (declaredLength !== null && noSpace(declaredLength)) throw new AppError('files.quota_exceeded');
  if (declaredLength !== null && declaredLength > largest) throw tooLarge('video');
  const scratch: string[] = [];
  const newScratch = async () => {
    const made = await storage.scratch();
    scratch.push(made);
    return made;
  };
  try {
    const original = await newScratch();
    let limit = Math.min(largest, spaceLeft ?? largest);
    let head = Buffer.alloc(0);
    let guessed: FileKind | null = null;
    body.on('data', (chunk: Buffer) => {
      if (head.length >= HEAD_BYTES) return;
      head = Buffer.concat([head, chunk]).subarray(0, HEAD_BYTES);
      if (head.length >= HEAD_BYTES && guessed === null) {
        guessed = 'document';
        void guessKind(head).then((kind) => {
          guessed = kind;
          // A declared length already past this kind's limit: cut at the next chunk, not at the limit.
          limit = declaredLength !== null && declaredLength > limits[kind] ? 0 : limits[kind];
          if (spaceLeft !== null) limit = Math.min(limit, spaceLeft);
        });
      }
    });
    let size: number;
    try {
      size = await writeCapped(body, original, () => limit);
    } catch (error) {
      if (error instanceof TooLarge) {
        const kind = guessed ?? 'document';
        throw spaceLeft !== null && spaceLeft < limits[kind]
          ? new AppError('files.quota_exceeded')
          : tooLarge(kind);
      }
      throw error;
    }
    if (size === 0) throw new AppError('files.empty');
    const detected = await detect(original);
    if (!detected || !admission.formats.includes(detected.format)) {
      throw new AppError('files.type_not_allowed', { allowed: allowedFormatsList(admission.formats) });
    }
    if (size > limits[detected.kind]) throw tooLarge(detected.kind);
    if (noSpace(size)) throw new AppError('files.quota_exceeded');
    if (admission.scan) {
      // The bytes as they came, before anything reads them further (regulation §7.2).
      const verdict = await admission.scan(original).catch(() => {
        throw new AppError('files.scan_unavailable');
      });
      if (!verdict.clean) throw new AppError('files.infected');
    }
    const received = await clean(storage, original, detected, newScratch);
    return received;
  } finally {
    for (const path of scratch) await storage.discard(path);
  }
}

async function clean(
  storage: Storage,
  original: string,
  detected: Detected,
  newScratch: () => Promise<string>,
): Promise<Received> {
  if (detected.kind === 'image') {
    const cleaned = await newScratch();
    const image = await cleanImage(original, detected.format, cleaned).catch(() => {
      throw new AppError('files.damaged');
    });
    const thumb = await newScratch();
    await thumbnail(cleaned, thumb);
    const kept = await storage.keep(cleaned);
    const format = image.format;
    return {
      kind: 'image',
      format,
      mime: format === 'jpg' ? 'image/jpeg' : `image/${format}`,
      storageKey: kept.key,
      size: kept.size,
      thumbnailKey: (await storage.keep(thumb)).key,
      width: image.width,
      height: image.height,
      durationMs: null,
    };
  }
  const media = detected.kind === 'audio' || detected.kind === 'video' ? await probeMedia(original) : null;
  let thumbnailKey: string | null = null;
  if (detected.kind === 'video' && media?.hasPicture)
    thumbnailKey = await poster(storage, original, newScratch);
  const kept = await storage.keep(original);
  return {
    ...detected,
    storageKey: kept.key,
    size: kept.size,
    thumbnailKey,
    width: media?.width ?? null,
    height: media?.height ?? null,
    durationMs: media?.durationMs ?? null,
  };
}

/** A video's first clear frame (half a second in), as a thumbnail; null when ffmpeg cannot take one. */
async function poster(
  storage: Storage,
  video: string,
  newScratch: () => Promise<string>,
): Promise<string | null> {
  const frame = `${await newScratch()}.jpg`;
  try {
    await run('ffmpeg', ['-v', 'error', '-ss', '0.5', '-i', video, '-frames:v', '1', '-y', frame], {
      timeout: 30_000,
    }).catch(() =>
      run('ffmpeg', ['-v', 'error', '-i', video, '-frames:v', '1', '-y', frame], { timeout: 30_000 }),
    );
    const thumb = await newScratch();
    await thumbnail(frame, thumb);
    return (await storage.keep(thumb)).key;
  } catch {
    return null;
  } finally {
    await storage.discard(frame);
  }
}
