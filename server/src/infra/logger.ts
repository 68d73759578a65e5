import { DrizzleQueryError } from 'drizzle-orm';
import pg from 'pg';
import pino, { type Logger, type LoggerOptions } from 'pino';

/**
 * Paths that may hold secrets or personal data. Logs must never contain
 * message text, passwords, tokens, cookies or contact data (DESIGN §3.6).
 */
export const redactedPaths = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.token',
  '*.body',
  '*.email',
  '*.phone',
  '*.login',
  '*.csrfToken',
];

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: redactedPaths, censor: '[redacted]' },
  };
}

export function stripTokens(url: string): string {
  const path = url.split('?')[0] ?? url;
  return path.replace(/\/(reset|join)\/[^/]+/g, '/$1/[redacted]');
}

/**
 * Without a destination, logs go to stdout asynchronously: a line is written
 * at once when stdout is free, and lines that come while a write is under way
 * go out together in the next one (one system call for many requests under
 * load, instead of one each). pino writes what is left when the process exits.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(loggerOptions(level), destination ?? pino.destination({ dest: 1, sync: false }));
}

/**
 * What a log line may say about an error. A failed query's message carries
 * every parameter (`Failed query: … params: e-mail, password hash, text`), and
 * PostgreSQL's own message and detail quote row values (`Key (phone)=(…)`),
 * so of a database error only its SQLSTATE and the names of the constraint,
 * table and column are kept: enough to find the cause, nothing about anyone.
 */
export function loggableError(error: unknown): Record<string, unknown> {
  if (error instanceof DrizzleQueryError) return loggableError(error.cause);
  if (error instanceof pg.DatabaseError) {
    const { code, constraint, table, column } = error;
    return { type: 'DatabaseError', sqlState: code, constraint, table, column };
  }
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { type: error.name, code, message: error.message, stack: error.stack };
  }
  return { type: typeof error };
}
