import { execFile } from 'node:child_process';
import { open } from 'node:fs/promises';
import { promisify } from 'node:util';
import { type FileKind, fileFormats } from '@parta/protocol';
import { fileTypeFromBuffer, fileTypeFromFile } from 'file-type';

const run = promisify(execFile);

/** What the content is, as Parta names it. */
export interface Detected {
  kind: FileKind;
  format: string;
  mime: string;
}

/** file-type's extension → Parta's format and MIME type; anything else is not allowed. */
const known: Record<string, Detected> = {
  jpg: { kind: 'image', format: 'jpg', mime: 'image/jpeg' },
  png: { kind: 'image', format: 'png', mime: 'image/png' },
  webp: { kind: 'image', format: 'webp', mime: 'image/webp' },
  gif: { kind: 'image', format: 'gif', mime: 'image/gif' },
  heic: { kind: 'image', format: 'heic', mime: 'image/heic' },
  mp3: { kind: 'audio', format: 'mp3', mime: 'audio/mpeg' },
  m4a: { kind: 'audio', format: 'm4a', mime: 'audio/mp4' },
  ogg: { kind: 'audio', format: 'ogg', mime: 'audio/ogg' },
  oga: { kind: 'audio', format: 'ogg', mime: 'audio/ogg' },
  opus: { kind: 'audio', format: 'opus', mime: 'audio/ogg' },
  wav: { kind: 'audio', format: 'wav', mime: 'audio/wav' },
  mp4: { kind: 'video', format: 'mp4', mime: 'video/mp4' },
  webm: { kind: 'video', format: 'webm', mime: 'video/webm' },
  mov: { kind: 'video', format: 'mov', mime: 'video/quicktime' },
  pdf: { kind: 'document', format: 'pdf', mime: 'application/pdf' },
  docx: {
    kind: 'document',
    format: 'docx',
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  },
  xlsx: {
    kind: 'document',
    format: 'xlsx',
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  },
  pptx: {
    kind: 'document',
    format: 'pptx',
    mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  },
  odt: { kind: 'document', format: 'odt', mime: 'application/vnd.oasis.opendocument.text' },
  ods: { kind: 'document', format: 'ods', mime: 'application/vnd.oasis.opendocument.spreadsheet' },
  odp: { kind: 'document', format: 'odp', mime: 'application/vnd.oasis.opendocument.presentation' },
  rtf: { kind: 'document', format: 'rtf', mime: 'application/rtf' },
};

const TEXT: Detected = { kind: 'document', format: 'txt', mime: 'text/plain' };

/** The kind the first bytes suggest, to cut an oversized upload early; a guess, checked at the end. */
export async function guessKind(head: Buffer): Promise<FileKind> {
  const type = await fileTypeFromBuffer(head);
  return (type && known[type.ext]?.kind) ?? 'document';
}

/**
 * What a whole file is, from its bytes: magic numbers (file-type), then, for
 * audio and video, whether ffprobe can read it and whether it has a picture
 * (a WebM of a voice message is audio). Plain text is UTF-8 with no control
 * characters but tabs and line ends, and not markup. Null: not a format Parta takes.
 */
export async function detect(filePath: string): Promise<Detected | null> {
  const type = await fileTypeFromFile(filePath);
  if (!type) return (await isPlainText(filePath)) ? TEXT : null;
  const found = known[type.ext];
  if (!found) return null;
  if (found.kind !== 'audio' && found.kind !== 'video') return found;
  const probe = await probeMedia(filePath);
  if (!probe) return null;
  if (found.kind === 'video' && !probe.hasPicture) {
    return { kind: 'audio', format: found.format, mime: found.mime.replace('video/', 'audio/') };
  }
  return found;
}

const TEXT_SAMPLE = 1024 * 1024;

async function isPlainText(filePath: string): Promise<boolean> {
  const handle = await open(filePath);
  try {
    const { bytesRead, buffer } = await handle.read(Buffer.alloc(TEXT_SAMPLE), 0, TEXT_SAMPLE, 0);
    if (bytesRead === 0) return false;
    // A sample may end inside a character: decode leniently at its end only.
    const sample = buffer.subarray(0, bytesRead);
    const text = new TextDecoder('utf-8', { fatal: bytesRead < TEXT_SAMPLE }).decode(sample);
    // Markup (an SVG, a page) is not plain text: a browser could be made to run it.
    const markup = /^\s*</.test(text.replace(/^\ufeff/, ''));
    const control = /\p{Cc}/u.test(text.replace(/[\t\n\r\f]/g, ''));
    return !markup && !control && !text.includes('\ufffd');
  } catch {
    return false;
  } finally {
    await handle.close();
  }
}

export interface MediaFacts {
  durationMs: number | null;
  width: number | null;
  height: number | null;
  hasPicture: boolean;
}

/** ffprobe's reading of an audio or video file; null when it cannot read it. */
export async function probeMedia(filePath: string): Promise<MediaFacts | null> {
  try {
    const { stdout } = await run(
      'ffprobe',
      ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', filePath],
      { timeout: 20_000, maxBuffer: 4 * 1024 * 1024 },
    );
    const info = JSON.parse(stdout) as {
      format?: { duration?: string };
      streams?: {
        codec_type?: string;
        width?: number;
        height?: number;
        disposition?: { attached_pic?: number };
      }[];
    };
    const picture = info.streams?.find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);
    const audio = info.streams?.some((s) => s.codec_type === 'audio');
    if (!picture && !audio) return null;
    const seconds = Number(info.format?.duration);
    return {
      durationMs: Number.isFinite(seconds) ? Math.round(seconds * 1000) : null,
      width: picture?.width ?? null,
      height: picture?.height ?? null,
      hasPicture: picture !== undefined,
    };
  } catch {
    return null;
  }
}

/** The formats a school takes, for the error that names them: «JPG, PNG, … PDF, DOCX». */
export function allowedFormatsList(formats: readonly string[]): string {
  const known = Object.values(fileFormats).flat() as readonly string[];
  return known
    .filter((format) => formats.includes(format))
    .map((format) => format.toUpperCase())
    .join(', ');
}
