/**
 * Uploads (#15): a video just under the 300 MB limit streamed to the server
 * while its RSS is sampled (the body must flow to disk, not into memory),
 * one just over the limit (cut off at the limit), and 12-megapixel photos
 * one after another and a few at once (upload + detection + re-encoding +
 * thumbnail per second, and the server's CPU per photo).
 *
 *   npx tsc -b protocol server && npx tsx bench/files.ts
 *
 * See bench/README.md.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, createReadStream, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import type sharpModule from 'sharp';
import { cli, numberOption } from './lib/cli.js';
import { type Client, mapLimit } from './lib/http.js';
import {
  busiestOthers,
  commandLine,
  cpuSeconds,
  cpuTicksByProcess,
  machineCpuSeconds,
  processTree,
  statusKb,
  waitForQuiet,
} from './lib/procfs.js';
import { addMembers, adminClient } from './lib/school.js';
import type { Cleanups } from './lib/search-setup.js';
import {
  assertBuilt,
  createScratchDatabase,
  freePort,
  logTail,
  removeScratch,
  repoRoot,
  type ServerProcess,
  scratchDir,
  spawnParta,
  stopParta,
  waitHealthy,
} from './lib/server.js';
import { percentile } from './lib/stats.js';

/** sharp as the server resolves it: the bench adds no dependency of its own. */
const sharp = createRequire(path.join(repoRoot, 'server/package.json'))('sharp') as typeof sharpModule;

const usage = `Usage: npx tsx bench/files.ts [options]   (builds nothing: run npx tsc -b protocol server first)
  --db postgres://postgres@127.0.0.1:5432   a scratch database on this server ("embedded": Parta's own)
  --video-mb 295       size of the video under the limit, in MiB (1…299)
  --photos 20          distinct 4000×3000 JPEGs per photo phase (1…100)
  --concurrency 3      uploads at once in the second photo phase (2…8)
  --sample-ms 50       how often the server's RSS is read (10…500)
  --quiet-wait 10      before each measurement, wait up to this long for the machine to be idle (0: don't)
  --max-seconds 600    hard cap on the whole run
  --json               print the result as one JSON line on stdout`;

const { values: flags } = cli(usage, () =>
  parseArgs({
    options: {
      help: { type: 'boolean', default: false },
      db: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432' },
      'video-mb': { type: 'string', default: '295' },
      photos: { type: 'string', default: '20' },
      concurrency: { type: 'string', default: '3' },
      'sample-ms': { type: 'string', default: '50' },
      'quiet-wait': { type: 'string', default: '10' },
      'max-seconds': { type: 'string', default: '600' },
      json: { type: 'boolean', default: false },
    },
  }),
);
const MiB = 1024 * 1024;
/** The server's video limit (protocol/src/files.ts `defaultFileLimits.video`). */
const VIDEO_LIMIT = 300 * MiB;
const videoBytes = Math.round(numberOption('video-mb', flags['video-mb'], 1, 299) * MiB);
const photoCount = Math.round(numberOption('photos', flags.photos, 1, 100));
const concurrency = Math.round(numberOption('concurrency', flags.concurrency, 2, 8));
const sampleMs = numberOption('sample-ms', flags['sample-ms'], 10, 500);
const quietWait = numberOption('quiet-wait', flags['quiet-wait'], 0, 120);
const maxSeconds = numberOption('max-seconds', flags['max-seconds'], 30, 1800);

const log = (line: string) => console.error(line);
const cleanups: Cleanups = [];
let logFile = '';
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
const mib = (kb: number) => round(kb / 1024);

/**
 * A valid MP4 of exactly `size` bytes without encoding minutes of video: a
 * few seconds of ffmpeg's test pattern with its `moov` first (faststart),
 * then one top-level `free` box (ISO/IEC 14496-12 lets readers skip it)
 * filling the rest, written as 64-bit `largesize` so any size fits.
 */
function bigMp4(clip: string, target: string, size: number): void {
  const head = statSync(clip).size;
  const box = size - head;
  if (box < 16) throw new Error(`${size} bytes is less than the clip itself (${head})`);
  execFileSync('cp', [clip, target]);
  const fd = openSync(target, 'a');
  try {
    writeSync(fd, freeBoxHeader(box));
    const zeros = Buffer.alloc(4 * MiB);
    for (let left = box - 16; left > 0; left -= zeros.length)
      writeSync(fd, zeros, 0, Math.min(left, zeros.length));
  } finally {
    closeSync(fd);
  }
  if (statSync(target).size !== size) throw new Error(`${target} came out ${statSync(target).size} bytes`);
}

/** The header of a top-level `free` box of `size` bytes, header included (64-bit size). */
function freeBoxHeader(size: number): Buffer {
  const header = Buffer.alloc(16);
  header.writeUInt32BE(1, 0); // size 1: a 64-bit size follows the type
  header.write('free', 4, 'latin1');
  header.writeBigUInt64BE(BigInt(size), 8);
  return header;
}

/**
 * The same MP4 of `size` bytes made as it is sent, from memory: a file over
 * the limit need not be written to disk first.
 */
function generatedMp4(clip: string, size: number): Source {
  const head = readFileSync(clip);
  const zeros = Buffer.alloc(MiB);
  async function* bytes() {
    yield head;
    yield freeBoxHeader(size - head.length);
    for (let left = size - head.length - 16; left > 0; left -= zeros.length) {
      yield left >= zeros.length ? zeros : zeros.subarray(0, left);
    }
  }
  return { open: () => Readable.from(bytes(), { objectMode: false }), size };
}

/** What ffprobe makes of a file: its container and its first stream's codec and duration. */
function probe(file: string): string {
  return execFileSync(
    'ffprobe',
    ['-v', 'error', '-show_entries', 'format=format_name,duration:stream=codec_name', '-of', 'compact', file],
    { encoding: 'utf8' },
  )
    .trim()
    .replaceAll('\n', '; ');
}

/**
 * A 4000×3000 JPEG that encodes like a photo, not like a flat test card:
 * random colours at 100×75, enlarged smoothly (regions and gradients), with
 * a little grain on every pixel; about 3.8 MB at quality 90, as a phone's
 * 12-megapixel photo is. Each seed gives another photo (no two share bytes).
 */
async function photo(seed: number): Promise<Buffer> {
  const width = 4000;
  const height = 3000;
  const pixels = await sharp(randomBytes(100 * 75 * 3), { raw: { width: 100, height: 75, channels: 3 } })
    .resize(width, height, { kernel: 'cubic' })
    .raw()
    .toBuffer();
  const clamped = new Uint8ClampedArray(pixels.buffer, pixels.byteOffset, pixels.length);
  let state = (seed * 2654435761) >>> 0 || 1;
  for (let i = 0; i < clamped.length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    clamped[i] = clamped[i]! + ((state >>> 24) & 31) - 16;
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 90 })
    .toBuffer();
}

/** An upload's body: bytes in memory, or a stream opened when it is sent. */
type Source = { bytes: Buffer } | { open: () => Readable; size: number };

const fromFile = (file: string): Source => ({
  open: () => createReadStream(file, { highWaterMark: MiB }),
  size: statSync(file).size,
});

interface Upload {
  status: number;
  body: any;
  /** until the whole answer */
  ms: number;
  /** until the last byte of the body was handed to the socket (null: it never was) */
  sentMs: number | null;
  /** bytes handed to the socket before the answer came (or the connection failed) */
  bytesSent: number;
  error?: string;
}

/**
 * One upload as the web app makes it: `POST /api/chats/:id/files?name=` with
 * the raw bytes, the person's cookie and CSRF header. A file is streamed from
 * disk (never read whole into the bench); `chunked` leaves out
 * Content-Length, so the server cannot refuse it up front and must cut it
 * off as it flows. Once the answer comes, the rest is not sent.
 */
function upload(
  client: Client,
  chatId: number,
  name: string,
  source: Source,
  chunked = false,
): Promise<Upload> {
  const size = 'bytes' in source ? source.bytes.length : source.size;
  const headers: http.OutgoingHttpHeaders = {
    'content-type': 'application/octet-stream',
    ...(chunked ? {} : { 'content-length': size }),
    cookie: client.cookie ?? '',
    'x-csrf-token': client.csrfToken ?? '',
  };
  const url = `${client.baseUrl}/api/chats/${chatId}/files?name=${encodeURIComponent(name)}`;
  const begun = performance.now();
  let bytesSent = 0;
  let sentMs: number | null = null;
  return new Promise((resolve) => {
    let answered = false;
    const request = http.request(url, { method: 'POST', headers, agent: false, timeout: 300_000 });
    const stream = 'open' in source ? source.open() : null;
    const finish = (result: Omit<Upload, 'ms' | 'sentMs' | 'bytesSent'>) => {
      stream?.destroy();
      resolve({ ...result, ms: performance.now() - begun, sentMs, bytesSent });
    };
    request.on('response', (response) => {
      answered = true;
      if (stream) {
        stream.unpipe(request);
        stream.destroy();
      }
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', (error) =>
        finish({ status: response.statusCode ?? 0, body: null, error: error.message }),
      );
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          // not JSON: kept as text
        }
        finish({ status: response.statusCode ?? 0, body });
      });
    });
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', (error) => {
      if (!answered) finish({ status: 0, body: null, error: error.message });
    });
    if (stream) {
      stream.on('data', (chunk) => {
        bytesSent += chunk.length;
      });
      stream.on('end', () => {
        sentMs = performance.now() - begun;
      });
      stream.pipe(request);
    } else if ('bytes' in source) {
      bytesSent = size;
      request.end(source.bytes, () => {
        sentMs = performance.now() - begun;
      });
    }
  });
}

/**
 * Reads the server's RSS every `sampleMs`: the Node process itself (VmRSS),
 * and, four times less often, its children (ffprobe, ffmpeg) summed.
 */
class RssSampler {
  readonly nodeKb: { at: number; kb: number }[] = [];
  childrenPeakKb = 0;
  #timer: NodeJS.Timeout;
  #ticks = 0;

  constructor(readonly pid: number) {
    this.#sample();
    this.#timer = setInterval(() => this.#sample(), sampleMs);
  }

  #sample(): void {
    this.nodeKb.push({ at: performance.now(), kb: statusKb(this.pid, 'VmRSS') });
    if (this.#ticks++ % 4 !== 0) return;
    const children = processTree(this.pid).filter((pid) => pid !== this.pid);
    const kb = children.reduce((sum, pid) => sum + statusKb(pid, 'VmRSS'), 0);
    this.childrenPeakKb = Math.max(this.childrenPeakKb, kb);
  }

  stop(): { beforeKb: number; peakKb: number; peakAt: number; lastKb: number; samples: number } {
    clearInterval(this.#timer);
    this.#sample();
    const peak = this.nodeKb.reduce((a, b) => (b.kb > a.kb ? b : a));
    return {
      beforeKb: this.nodeKb[0]!.kb,
      peakKb: peak.kb,
      peakAt: peak.at,
      lastKb: this.nodeKb.at(-1)!.kb,
      samples: this.nodeKb.length,
    };
  }
}

/** CPU of the server's Node process and its children (ffprobe, ffmpeg; PostgreSQL when embedded). */
const serverCpu = (server: ServerProcess) => cpuSeconds(processTree(server.pid)).total;

async function quiet(): Promise<number | null> {
  if (quietWait <= 0) return null;
  return (await waitForQuiet(quietWait)).busyCores;
}

/** Cores that other processes used over a phase, and the busiest of them. */
function machineMeter(server: ServerProcess) {
  const begun = { at: performance.now(), machine: machineCpuSeconds(), ticks: cpuTicksByProcess() };
  const server0 = serverCpu(server);
  const bench0 = process.cpuUsage();
  return () => {
    const seconds = (performance.now() - begun.at) / 1000;
    const bench = process.cpuUsage(bench0);
    const ours = serverCpu(server) - server0 + (bench.user + bench.system) / 1e6;
    const tree = processTree(server.pid);
    return {
      otherCores: round((machineCpuSeconds() - begun.machine - ours) / seconds, 2),
      busiestOthers: busiestOthers(begun.ticks, cpuTicksByProcess(), [...tree, process.pid]),
    };
  };
}

async function videoPhase(server: ServerProcess, client: Client, chatId: number, file: string) {
  const busyBefore = await quiet();
  const meter = machineMeter(server);
  const cpu0 = serverCpu(server);
  const sampler = new RssSampler(server.pid);
  const sent = await upload(client, chatId, 'Утренник.mp4', fromFile(file));
  const answeredAt = performance.now();
  // What the server keeps once it is done: two more seconds of samples after the answer.
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const rss = sampler.stop();
  if (sent.status !== 201) {
    throw new Error(
      `the ${mib(videoBytes / 1024)} MiB video answered ${sent.status}: ${JSON.stringify(sent.body)}`,
    );
  }
  const answeredRss = sampler.nodeKb.filter((s) => s.at <= answeredAt).at(-1)!.kb;
  return {
    bytes: videoBytes,
    status: sent.status,
    kind: sent.body.kind,
    format: sent.body.format,
    durationMs: sent.body.durationMs,
    thumbnail: sent.body.thumbnail,
    seconds: round(sent.ms / 1000, 2),
    bodySentSeconds: sent.sentMs === null ? null : round(sent.sentMs / 1000, 2),
    mibPerSecond: round(videoBytes / MiB / (sent.ms / 1000)),
    serverCpuSeconds: round(serverCpu(server) - cpu0, 2),
    rssBeforeMiB: mib(rss.beforeKb),
    rssPeakMiB: mib(rss.peakKb),
    rssGrowthMiB: mib(rss.peakKb - rss.beforeKb),
    peakSecondsAfterStart: round((rss.peakAt - sampler.nodeKb[0]!.at) / 1000, 2),
    rssAtAnswerMiB: mib(answeredRss),
    rssTwoSecondsLaterMiB: mib(rss.lastKb),
    childrenPeakMiB: mib(sampler.childrenPeakKb),
    samples: rss.samples,
    machineBusyBefore: busyBefore,
    ...meter(),
  };
}

async function overLimitPhase(server: ServerProcess, client: Client, chatId: number, source: Source) {
  await quiet();
  const sampler = new RssSampler(server.pid);
  const streamed = await upload(client, chatId, 'Слишком большое.mp4', source, true);
  const rss = sampler.stop();
  const declared = await upload(client, chatId, 'Слишком большое.mp4', source);
  const describe = (sent: Upload) => ({
    status: sent.status,
    code: sent.body?.error?.code ?? sent.error ?? null,
    seconds: round(sent.ms / 1000, 2),
    sentMiB: round(sent.bytesSent / MiB),
  });
  return {
    bytes: 'bytes' in source ? source.bytes.length : source.size,
    chunked: { ...describe(streamed), rssGrowthMiB: mib(rss.peakKb - rss.beforeKb) },
    declared: describe(declared),
  };
}

async function photoPhase(
  server: ServerProcess,
  client: Client,
  chatId: number,
  photos: Buffer[],
  atOnce: number,
) {
  const busyBefore = await quiet();
  const meter = machineMeter(server);
  const cpu0 = serverCpu(server);
  const sampler = new RssSampler(server.pid);
  const begun = performance.now();
  const sent = await mapLimit(photos, atOnce, (bytes, i) =>
    upload(client, chatId, `IMG_${String(4000 + i)}.JPG`, { bytes }),
  );
  const seconds = (performance.now() - begun) / 1000;
  const rss = sampler.stop();
  const failed = sent.filter((s) => s.status !== 201);
  if (failed.length > 0) {
    throw new Error(
      `${failed.length} photos failed, e.g. ${failed[0]!.status} ${JSON.stringify(failed[0]!.body)}`,
    );
  }
  const first = sent[0]!.body;
  const times = sent.map((s) => s.ms).sort((a, b) => a - b);
  return {
    atOnce,
    photos: photos.length,
    stored: `${first.width}×${first.height} ${first.format}`,
    photosPerSecond: round(photos.length / seconds, 2),
    msPerPhoto: { p50: Math.round(percentile(times, 50)), max: Math.round(times.at(-1)!) },
    serverCpuSecondsPerPhoto: round((serverCpu(server) - cpu0) / photos.length, 2),
    rssBeforeMiB: mib(rss.beforeKb),
    rssPeakMiB: mib(rss.peakKb),
    rssAfterMiB: mib(rss.lastKb),
    childrenPeakMiB: mib(sampler.childrenPeakKb),
    machineBusyBefore: busyBefore,
    ...meter(),
  };
}

async function main() {
  assertBuilt();
  const scratch = scratchDir('parta-files-');
  const dataDir = path.join(scratch, 'data');
  logFile = path.join(scratch, 'server.log');
  cleanups.push(() => removeScratch(scratch, dataDir, logFile));

  // The files first: making them is the bench's work, not the server's.
  let begun = performance.now();
  const clip = path.join(scratch, 'clip.mp4');
  execFileSync('ffmpeg', [
    ...['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=duration=4:size=640x360:rate=25'],
    ...['-f', 'lavfi', '-i', 'sine=frequency=440:duration=4'],
    ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest'],
    ...['-movflags', '+faststart', '-y', clip],
  ]);
  const video = path.join(scratch, 'video.mp4');
  bigMp4(clip, video, videoBytes);
  // 100 MiB over: how much of it the server reads before it answers shows where it cuts.
  const over = generatedMp4(clip, VIDEO_LIMIT + 100 * MiB);
  log(`video: ${mib(videoBytes / 1024)} MiB, ffprobe reads ${probe(video)}`);
  const photos: Buffer[] = [];
  for (let i = 0; i < photoCount * 2 + 1; i++) photos.push(await photo(i + 1));
  const photoMiB = photos.reduce((sum, p) => sum + p.length, 0) / photos.length / MiB;
  log(
    `photos: ${photos.length} distinct 4000×3000 JPEGs, ${round(photoMiB, 2)} MiB each on average, ` +
      `made in ${round((performance.now() - begun) / 1000)} s (with the video)`,
  );

  let databaseUrl: string | undefined;
  if (flags.db !== 'embedded') {
    const database = await createScratchDatabase(flags.db);
    cleanups.push(() => database.drop());
    databaseUrl = database.url;
  }
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const server = spawnParta({ command: 'serve', dataDir, databaseUrl, port, logFile, logLevel: 'warn' });
  cleanups.push(() => stopParta(server, processTree(server.pid)).then(() => undefined));
  await waitHealthy(baseUrl, server);
  const admin = await adminClient(baseUrl, {}, 'Europe/Moscow');
  const [teacher] = await addMembers(admin, 1, 1);
  const created = await admin.post<{ id: number }>('/api/chats', {
    title: 'Фото и видео',
    memberIds: [teacher!.id],
  });
  if (typeof created.body?.id !== 'number') throw new Error(`POST /api/chats answered ${created.status}`);
  const chatId = created.body.id;
  const client = teacher!.client;

  // Warm-up, not measured: the first photo and the first video load sharp, file-type and the JIT.
  begun = performance.now();
  for (const source of [{ bytes: photos.pop()! }, fromFile(clip)]) {
    const sent = await upload(client, chatId, 'warm-up', source);
    if (sent.status !== 201)
      throw new Error(`warm-up upload answered ${sent.status}: ${JSON.stringify(sent.body)}`);
  }
  log(`warm-up: a photo and a 4 s clip in ${round((performance.now() - begun) / 1000, 2)} s`);

  execFileSync('sync');
  const videoResult = await videoPhase(server, client, chatId, video);
  log(
    `video ${mib(videoBytes / 1024)} MiB: ${videoResult.seconds} s (${videoResult.mibPerSecond} MiB/s), ` +
      `body sent by ${videoResult.bodySentSeconds} s, server CPU ${videoResult.serverCpuSeconds} s; Node RSS ${videoResult.rssBeforeMiB} → peak ` +
      `${videoResult.rssPeakMiB} MiB (growth ${videoResult.rssGrowthMiB} MiB at ${videoResult.peakSecondsAfterStart} s) → ` +
      `${videoResult.rssAtAnswerMiB} at the answer, ${videoResult.rssTwoSecondsLaterMiB} 2 s later; ` +
      `children (ffprobe, ffmpeg) peak ${videoResult.childrenPeakMiB} MiB; ${videoResult.samples} samples`,
  );
  log(
    `  stored as ${videoResult.kind}/${videoResult.format}, ${videoResult.durationMs} ms; ` +
      `other processes ${videoResult.otherCores} cores (${videoResult.busiestOthers.map((o) => `${o.command} ${o.seconds}`).join(', ')})`,
  );

  const overResult = await overLimitPhase(server, client, chatId, over);
  log(
    `over the limit (${mib(overResult.bytes / 1024)} MiB): chunked → ${overResult.chunked.status} ${overResult.chunked.code} ` +
      `after ${overResult.chunked.seconds} s and ${overResult.chunked.sentMiB} MiB sent (RSS growth ${overResult.chunked.rssGrowthMiB} MiB); ` +
      `with Content-Length → ${overResult.declared.status} ${overResult.declared.code} after ${overResult.declared.seconds} s, ` +
      `${overResult.declared.sentMiB} MiB sent`,
  );

  execFileSync('sync');
  const photoResults = [];
  for (const [atOnce, set] of [
    [1, photos.slice(0, photoCount)],
    [concurrency, photos.slice(photoCount, photoCount * 2)],
  ] as const) {
    const result = await photoPhase(server, client, chatId, [...set], atOnce);
    photoResults.push(result);
    log(
      `photos ${result.atOnce} at a time: ${result.photosPerSecond} photos/s, ${result.msPerPhoto.p50} ms p50 / ` +
        `${result.msPerPhoto.max} ms max per upload, server CPU ${result.serverCpuSecondsPerPhoto} s per photo; ` +
        `Node RSS ${result.rssBeforeMiB} → peak ${result.rssPeakMiB} → ${result.rssAfterMiB} MiB; stored ${result.stored}; ` +
        `other processes ${result.otherCores} cores (${result.busiestOthers.map((o) => `${o.command} ${o.seconds}`).join(', ')})`,
    );
  }
  return {
    db: databaseUrl ? 'system' : 'embedded',
    commit: execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim(),
    serverCommand: commandLine(server.pid).slice(0, 120),
    video: videoResult,
    overLimit: overResult,
    photos: photoResults,
  };
}

async function cleanUp() {
  for (const step of cleanups.reverse()) {
    try {
      await step();
    } catch (error) {
      log(`cleanup: ${(error as Error).message}`);
    }
  }
  cleanups.length = 0;
}

async function abandon(why: string, code: number): Promise<never> {
  log(`files bench: ${why}; stopping what it started`);
  await cleanUp();
  process.exit(code);
}

setTimeout(() => void abandon(`hard cap of ${maxSeconds} s reached`, 2), maxSeconds * 1000).unref();
process.once('SIGINT', () => void abandon('interrupted', 130));

main().then(
  async (result) => {
    await cleanUp();
    if (flags.json) console.log(JSON.stringify(result));
    process.exit(0);
  },
  async (error: Error) => {
    log(`files bench failed: ${error.stack ?? error.message}`);
    if (logFile) log(logTail(logFile));
    await cleanUp();
    process.exit(1);
  },
);
