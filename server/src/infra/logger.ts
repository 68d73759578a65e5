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
