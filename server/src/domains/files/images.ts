import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { promisify } from 'node:util';
import sharp from 'sharp';

const run = promisify(execFile);

// Each photo is decoded once and thrown away: libvips' operation cache would only hold memory
// (bench/files.ts: RSS after twenty 12-megapixel photos 608 → 457 MiB without it).
sharp.cache(false);

/** A photo of a modern phone is about 50 megapixels at most; more is a bomb, not a photo. */
const MAX_PIXELS = 100_000_000;
const THUMBNAIL_SIZE = 480;

export interface CleanImage {
  width: number;
  height: number;
  /** the format it was written in: HEIC becomes JPEG, which every browser shows */
  format: 'jpg' | 'png' | 'webp' | 'gif';
}

/**
 * Writes the picture again, pixel by pixel, to `target`: turned upright as
 * its EXIF said, with no metadata at all (a phone's photo carries the GPS
 * position of the family's home), and with nothing that rode along after the
 * picture (a JPEG that is also an HTML page). Animated GIFs stay animated.
 * JPEGs are written with libjpeg-turbo, not mozjpeg: a few per cent larger,
 * four times less CPU per 12-megapixel photo (docs/performance.md), which a
 * school's small server feels when a class sends its photos after an outing.
 */
export async function cleanImage(source: string, format: string, target: string): Promise<CleanImage> {
  if (format !== 'heic') return reencode(source, format, target);
  try {
    return await reencode(source, format, target);
  } catch {
    // An iPhone's HEIC is HEVC, which the libvips bundled with sharp cannot decode: Debian's
    // libheif tools can (`heif-convert`, package libheif-examples). Its JPEG is then cleaned as any.
    const decoded = `${target}.heic.jpg`;
    try {
      await run('heif-convert', ['-q', '95', source, decoded], { timeout: 60_000 });
      return await reencode(decoded, 'jpg', target);
    } finally {
      await rm(decoded, { force: true });
    }
  }
}

async function reencode(source: string, format: string, target: string): Promise<CleanImage> {
  const animated = format === 'gif' || format === 'webp';
  const image = sharp(source, { limitInputPixels: MAX_PIXELS, animated, failOn: 'truncated' }).rotate();
  const out: CleanImage['format'] = format === 'heic' ? 'jpg' : (format as CleanImage['format']);
  const encoded =
    out === 'jpg'
      ? image.jpeg({ quality: 85 })
      : out === 'png'
        ? image.png()
        : out === 'webp'
          ? image.webp({ quality: 85 })
          : image.gif();
  const info = await encoded.toFile(target);
  return {
    width: info.width,
    height: (info as { pageHeight?: number }).pageHeight ?? info.height,
    format: out,
  };
}

/** A small WebP to show while the picture loads, or as a video's poster. */
export async function thumbnail(source: string, target: string): Promise<void> {
  await sharp(source, { limitInputPixels: MAX_PIXELS })
    .rotate()
    .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 70 })
    .toFile(target);
}
