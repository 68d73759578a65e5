import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  NotFound,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { contentKey, newScratchPath, type Storage } from './storage.js';

export interface S3Settings {
  /** e.g. `https://s3.example.org` or `http://127.0.0.1:9000`; addressed path-style (`<endpoint>/<bucket>/<key>`) */
  endpoint: string;
  bucket: string;
  region: string;
  accessKey: string;
  secretKey: string;
}

const KEY = /^[0-9a-f]{64}$/;
const PREFIX = 'files/';

/**
 * Bytes in an S3-compatible bucket under `files/ab/cd/<sha256>`, for
 * installations that outgrow one disk. Scratch files stay on the local disk
 * (`<dataDir>/files/scratch`): an upload is checked there before it is kept,
 * and only kept bytes travel to the bucket.
 */
export class S3Storage implements Storage {
  readonly #client: S3Client;
  readonly #bucket: string;
  readonly #scratch: string;
  readonly #pageSize: number | undefined;

  /** `pageSize`: keys per ListObjectsV2 page (the server's own, at most 1000, unless given; tests page by few) */
  constructor(dataDir: string, settings: S3Settings, options: { pageSize?: number } = {}) {
    this.#bucket = settings.bucket;
    this.#pageSize = options.pageSize;
    this.#scratch = path.join(dataDir, 'files', 'scratch');
    this.#client = new S3Client({
      endpoint: settings.endpoint,
      region: settings.region,
      forcePathStyle: true,
      credentials: { accessKeyId: settings.accessKey, secretAccessKey: settings.secretKey },
      // Checksums only when an operation needs one: MinIO, s3rver and older servers know no CRC32 trailers.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  #object(key: string): string {
    if (!KEY.test(key)) throw new Error(`storage: ${key} is not a key`);
    return `${PREFIX}${key.slice(0, 2)}/${key.slice(2, 4)}/${key}`;
  }

  scratch(): Promise<string> {
    return newScratchPath(this.#scratch);
  }

  async keep(scratchPath: string): Promise<{ key: string; size: number }> {
    const { key, size } = await contentKey(scratchPath);
    await this.#client.send(
      new PutObjectCommand({
        Bucket: this.#bucket,
        Key: this.#object(key),
        Body: createReadStream(scratchPath),
        ContentLength: size,
        ContentType: 'application/octet-stream',
      }),
    );
    await rm(scratchPath, { force: true });
    return { key, size };
  }

  async discard(scratchPath: string): Promise<void> {
    await rm(scratchPath, { force: true });
  }

  /** A stream at once (as the interface asks); the request starts behind it and its failure is the stream's error. */
  read(key: string, range?: { start: number; end: number }): Readable {
    const out = new PassThrough();
    const command = new GetObjectCommand({
      Bucket: this.#bucket,
      Key: this.#object(key),
      Range: range ? `bytes=${range.start}-${range.end}` : undefined,
    });
    this.#client.send(command, { abortSignal: abortOnClose(out) }).then(
      (answer) => {
        const body = answer.Body;
        if (!(body instanceof Readable)) {
          out.destroy(new Error('storage: the bucket answered without a body'));
          return;
        }
        body.on('error', (error) => out.destroy(error));
        out.on('close', () => body.destroy());
        body.pipe(out);
      },
      (error: Error) => out.destroy(error),
    );
    return out;
  }

  async size(key: string): Promise<number | null> {
    try {
      const head = await this.#client.send(
        new HeadObjectCommand({ Bucket: this.#bucket, Key: this.#object(key) }),
      );
      return head.ContentLength ?? null;
    } catch (error) {
      if (missing(error)) return null;
      throw error;
    }
  }

  async remove(key: string): Promise<void> {
    // S3 answers 204 for a key it does not have, as `rm --force` does.
    await this.#client.send(new DeleteObjectCommand({ Bucket: this.#bucket, Key: this.#object(key) }));
  }

  async *list(): AsyncIterable<{ key: string; writtenAt: Date }> {
    let token: string | undefined;
    do {
      const page = await this.#client.send(
        new ListObjectsV2Command({
          Bucket: this.#bucket,
          Prefix: PREFIX,
          ContinuationToken: token,
          MaxKeys: this.#pageSize,
        }),
      );
      for (const object of page.Contents ?? []) {
        const key = object.Key?.slice(object.Key.lastIndexOf('/') + 1) ?? '';
        if (!KEY.test(key) || object.Key !== this.#object(key)) continue;
        yield { key, writtenAt: object.LastModified ?? new Date(0) };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  /** Closes the client's sockets (tests; the server keeps one client for its life). */
  close(): void {
    this.#client.destroy();
  }
}

function abortOnClose(stream: PassThrough): AbortSignal {
  const controller = new AbortController();
  stream.once('close', () => controller.abort());
  return controller.signal;
}

function missing(error: unknown): boolean {
  if (error instanceof NotFound) return true;
  return error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404;
}
