import { randomInt } from 'node:crypto';

/** Eight digits: easy to say at a parents' meeting and to type on an old phone. */
export function newJoinCode(): string {
  return String(randomInt(0, 100_000_000)).padStart(8, '0');
}

/** What a person typed, as the stored code: «4821 0937», «4821-0937» → «48210937». */
export function normaliseJoinCode(typed: string): string {
  return typed.replace(/[\s-]/g, '');
}
