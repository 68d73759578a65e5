import crypto from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import type { S3Settings } from '../infra/storage-s3.js';

export interface TestS3 {
  settings: S3Settings;
  /** the same settings as the server's environment */
  env: Record<string, string>;
  close(): Promise<void>;
}

/**
 * s3rver 3.7.1 encrypts its ListObjectsV2 continuation tokens with single DES,
 * which OpenSSL 3 (Node ≥ 17) no longer has: every truncated listing would
 * answer 500. s3rver runs in this process, so its `des` becomes triple DES
 * (the same 8-byte blocks and IV; the token stays opaque to the client).
 */
function letS3rverPage(): void {
  const { createCipheriv, createDecipheriv } = crypto;
  if ((createCipheriv as { s3rver?: true }).s3rver) return;
  const triple = (key: crypto.CipherKey) => Buffer.concat([key as Buffer, key as Buffer, key as Buffer]);
  const cipher = ((algorithm: string, key: crypto.CipherKey, iv: crypto.BinaryLike | null) =>
    algorithm === 'des'
      ? createCipheriv('des-ede3-cbc', triple(key), iv)
      : createCipheriv(algorithm, key, iv)) as typeof createCipheriv;
  const decipher = ((algorithm: string, key: crypto.CipherKey, iv: crypto.BinaryLike | null) =>
    algorithm === 'des'
      ? createDecipheriv('des-ede3-cbc', triple(key), iv)
      : createDecipheriv(algorithm, key, iv)) as typeof createDecipheriv;
  Object.assign(cipher, { s3rver: true });
  crypto.createCipheriv = cipher;
  crypto.createDecipheriv = decipher;
}

/** An S3-compatible server in this process (s3rver), on 127.0.0.1 with a bucket in a temporary directory. */
export async function startTestS3(): Promise<TestS3> {
  letS3rverPage();
  const directory = await mkdtemp(path.join(tmpdir(), 'parta-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: 'parta' }],
  });
  const { port } = await server.run();
  // s3rver's one account.
  const settings: S3Settings = {
    endpoint: `http://127.0.0.1:${port}`,
    bucket: 'parta',
    region: 'us-east-1',
    accessKey: 'S3RVER',
    secretKey: 'S3RVER',
  };
  return {
    settings,
    env: {
      PARTA_S3_ENDPOINT: settings.endpoint,
      PARTA_S3_BUCKET: settings.bucket,
      PARTA_S3_ACCESS_KEY: settings.accessKey,
      PARTA_S3_SECRET_KEY: settings.secretKey,
    },
    close: async () => {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
