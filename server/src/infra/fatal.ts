/**
 * An error that stops Parta at start-up with a message meant for the person
 * who runs it (bad setting, data directory in use, …). `main.ts` prints the
 * message alone — never a stack trace — and exits with code 1.
 */
export class FatalError extends Error {
  override name = 'FatalError';
}
