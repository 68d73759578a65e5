import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { crc32, deflateRawSync } from 'node:zlib';
import sharp from 'sharp';

const run = promisify(execFile);

/*
 * Hostile and odd files, made by the tests themselves (issue #15's corpus):
 * nothing here is downloaded or committed as a binary.
 */

/** A 64×48 JPEG from a phone: EXIF with the GPS position of the family's home, and rotated 90°. */
export function photoWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: '#3a7' } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'Phone', Model: 'Family phone' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '55/1 45/1 0/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '49/1 7/1 0/1',
      },
    })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

/** A JPEG that is also an HTML page: a browser sniffing it would run the script. */
export async function jpegHtmlPolyglot(): Promise<Buffer> {
  const jpeg = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } })
    .jpeg()
    .toBuffer();
  return Buffer.concat([jpeg, Buffer.from('<html><script>alert(document.cookie)</script></html>')]);
}

export const svgWithScript = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script><circle r="4"/></svg>',
);

/** The start of a Windows program, as a «.pdf» would be if someone renamed it. */
export const exeAsPdf = Buffer.concat([
  Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00', 'latin1'),
  Buffer.alloc(4096, 0x41),
]);

export const minimalPdf = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

/** A PNG signature and header followed by megabytes of nothing: bigger than a picture may be. */
export function oversizedPng(bytes: number): Buffer {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const ihdr = Buffer.from('0000000d494844520000004000000030080200000000000000', 'hex');
  return Buffer.concat([signature, ihdr, Buffer.alloc(bytes)]);
}

/** A photo as an iPhone sends it: HEIC with HEVC inside (made by Debian's `heif-enc`, libheif-examples). */
export async function iphoneHeic(): Promise<Buffer> {
  const dir = await mkdtemp(path.join(tmpdir(), 'parta-corpus-'));
  try {
    const png = path.join(dir, 'photo.png');
    const heic = path.join(dir, 'photo.heic');
    await sharp({ create: { width: 80, height: 60, channels: 3, background: '#f80' } })
      .png()
      .toFile(png);
    await run('heif-enc', ['-o', heic, png], { timeout: 60_000 });
    return await readFile(heic);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A ZIP archive of the given entries, deflated (enough of the format for office files). */
function zip(entries: [name: string, content: Buffer][]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const packed = deflateRawSync(content, { level: 9 });
    const nameBytes = Buffer.from(name);
    const crc = crc32(content);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(content.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(content.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const DOCX_TYPES =
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>';

/**
 * Two DOCX zip bombs, 100 MB unpacked each in about 100 kB: one with the
 * padding in the text (a real DOCX, which the server stores and never
 * unpacks), one in `[Content_Types].xml`, the part a type check reads.
 */
export function docxBombs(): { inText: Buffer; inTypes: Buffer } {
  const padding = Buffer.alloc(100 * 1024 * 1024, 0x20);
  const types = (pad: Buffer) =>
    Buffer.concat([
      Buffer.from(
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">',
      ),
      pad,
      Buffer.from(`${DOCX_TYPES}</Types>`),
    ]);
  const text = (pad: Buffer) =>
    Buffer.concat([Buffer.from('<w:document><w:body>'), pad, Buffer.from('</w:body></w:document>')]);
  return {
    inText: zip([
      ['[Content_Types].xml', types(Buffer.alloc(0))],
      ['word/document.xml', text(padding)],
    ]),
    inTypes: zip([
      ['[Content_Types].xml', types(padding)],
      ['word/document.xml', text(Buffer.alloc(0))],
    ]),
  };
}

/** One second of silence as 8 kHz mono PCM WAV. */
export function silentWav(seconds = 1): Buffer {
  const rate = 8000;
  const data = Buffer.alloc(rate * 2 * seconds);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/** Media made by ffmpeg: a one-second test-pattern video, and a voice note as WebM with Opus only. */
export async function ffmpegMade(kind: 'mp4' | 'voice-webm'): Promise<Buffer> {
  const dir = await mkdtemp(path.join(tmpdir(), 'parta-corpus-'));
  try {
    const out = path.join(dir, kind === 'mp4' ? 'clip.mp4' : 'voice.webm');
    const args =
      kind === 'mp4'
        ? ['-f', 'lavfi', '-i', 'testsrc=duration=1:size=96x64:rate=10', '-pix_fmt', 'yuv420p', out]
        : ['-f', 'lavfi', '-i', 'sine=frequency=440:duration=1', '-c:a', 'libopus', out];
    await run('ffmpeg', ['-v', 'error', '-y', ...args], { timeout: 60_000 });
    return await readFile(out);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
