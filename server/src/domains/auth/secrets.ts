import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/** `Algorithm.Argon2id` of @node-rs/argon2 (a const enum, which isolated modules cannot read). */
const ARGON2ID = 2;

/** 256 random bits, URL-safe: session cookies and one-time links. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Compares a secret someone sent with the one expected, in time that does not tell how much matched. */
export function sameSecret(given: string, wanted: string): boolean {
  const [a, b] = [Buffer.from(given), Buffer.from(wanted)];
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Tokens are stored only as their SHA-256: a database leak hands out no sessions. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * argon2id with OWASP's first recommended setting (Password Storage Cheat
 * Sheet): 19 MiB of memory, 2 passes, 1 lane. About 30 ms on one core; a
 * login hashes once. Hashes made with other parameters are upgraded at the
 * next successful login (`needsRehash`).
 */
export const argon2Params = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Slow on purpose: call it outside transactions, never while holding a row lock. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID, ...argon2Params });
}

/** Whether a stored hash was made with other parameters (or another algorithm) than `argon2Params`. */
export function needsRehash(passwordHash: string): boolean {
  const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(passwordHash);
  if (!match) return true;
  const [, m, t, p] = match.map(Number);
  return m !== argon2Params.memoryCost || t !== argon2Params.timeCost || p !== argon2Params.parallelism;
}

// Verified against when the login is unknown, so both answers take as long.
const dummyHash = hashPassword(randomBytes(16).toString('hex'));

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash ?? (await dummyHash), password);
  } catch {
    return false;
  }
}
