import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const src = fileURLToPath(new URL('../../', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    // tests and their helpers (test/) write accounts directly, outside any action
    if (entry.isDirectory()) return entry.name === 'test' ? [] : sources(path);
    return /\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) ? [path] : [];
  });
}

/**
 * argon2 takes tens of milliseconds and a core: inside a transaction it holds
 * a connection of the pool, and under `FOR UPDATE` it holds the row, for
 * that long. So passwords are hashed and checked only before an action runs
 * (the routes' helpers and the CLI); actions take the hash.
 */
it('hashes and checks passwords only outside actions and their transactions', () => {
  const callers = sources(src)
    .filter((path) => /\b(hashPassword|verifyPassword)\(/.test(readFileSync(path, 'utf8')))
    .map((path) => relative(src, path))
    .sort();
  expect(callers).toEqual([
    'domains/auth/password-checks.ts',
    'domains/auth/password-rules.ts',
    'domains/auth/secrets.ts',
    'main.ts',
  ]);
});
