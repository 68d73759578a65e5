import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import { errorCodes } from '@parta/protocol';
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** where the test clients of an integration run write the error codes they were answered */
    errorCodesDir: string;
  }
}

/*
 * Every error code of the protocol is answered by at least one test
 * (issue #13): the test clients write each code they are answered into a
 * file per worker, and after a whole integration run the project's global
 * teardown compares them with the protocol's list (`missingErrorCodes`).
 */

const written = new Set<string>();

/** Notes that a test was answered `code` (no-op outside an integration run). */
export function recordErrorCode(code: string): void {
  if (written.has(code)) return;
  const dir = inject('errorCodesDir');
  if (!dir) return;
  written.add(code);
  appendFileSync(path.join(dir, `${process.pid}-${threadId}.txt`), `${code}\n`);
}

/**
 * Codes produced only by tests outside the integration projects (their
 * failures need a PostgreSQL of their own), each with the file that asserts
 * it: the check reads that file for the code.
 */
export const codesOfOtherTests: Record<string, string> = {
  'server.storage_full': 'server/src/db/disk-full.test.ts',
  'server.unavailable': 'server/src/db/postgres-killed.test.ts',
};

/** The protocol's codes no test was answered in `dir` (and none of `codesOfOtherTests` asserts). */
export function missingErrorCodes(dir: string, root: string): string[] {
  const seen = new Set(
    readdirSync(dir).flatMap((file) => readFileSync(path.join(dir, file), 'utf8').split('\n')),
  );
  return errorCodes.filter((code) => {
    if (seen.has(code)) return false;
    const other = codesOfOtherTests[code];
    return !other || !readFileSync(path.join(root, other), 'utf8').includes(`'${code}'`);
  });
}
