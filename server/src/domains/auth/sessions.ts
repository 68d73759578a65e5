import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { passwordResets, sessions } from '../../db/schema.js';
import { hashToken, newToken } from './secrets.js';

/**
 * A session lasts 30 days from the login, used or not (ASVS 3.3.2): then the
 * person types their password again. Its expiry is set once, at the login.
 */
export const SESSION_MAX_AGE_MS = 30 * 24 * 3600 * 1000;
export const RESET_LINK_TTL_MS = 72 * 3600 * 1000;

export interface NewSession {
  token: string;
  sessionId: number;
  userId: number;
  csrfToken: string;
}

/** Opens a session for a person; the token goes into the cookie and is never stored. */
export async function insertSession(
  tx: Tx,
  user: { id: number; schoolId: number },
  device: string,
  now: Date,
): Promise<NewSession> {
  const token = newToken();
  const csrfToken = newToken();
  const [row] = await tx
    .insert(sessions)
    .values({
      userId: user.id,
      schoolId: user.schoolId,
      tokenHash: hashToken(token),
      csrfToken,
      device: device.slice(0, 200),
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_MS),
    })
    .returning({ id: sessions.id });
  return { token, sessionId: row!.id, userId: user.id, csrfToken };
}

/** A one-time link to set a password: for a new person or a forgotten password. */
export async function insertResetLink(
  tx: Tx,
  user: { id: number; schoolId: number },
  createdBy: number | null,
  now: Date,
): Promise<{ token: string; expiresAt: Date }> {
  const token = newToken();
  const expiresAt = new Date(now.getTime() + RESET_LINK_TTL_MS);
  // A new link replaces any earlier unused one.
  await tx.delete(passwordResets).where(eq(passwordResets.userId, user.id));
  await tx.insert(passwordResets).values({
    schoolId: user.schoolId,
    userId: user.id,
    tokenHash: hashToken(token),
    createdBy,
    createdAt: now,
    expiresAt,
  });
  return { token, expiresAt };
}

const browsers: [RegExp, string][] = [
  [/Edg\//, 'Edge'],
  [/YaBrowser\//, 'Яндекс Браузер'],
  [/Firefox\//, 'Firefox'],
  [/Chrome\/|Chromium\//, 'Chrome'],
  [/Safari\//, 'Safari'],
];
const systems: [RegExp, string][] = [
  [/Android/, 'Android'],
  [/iPhone|iPad/, 'iOS'],
  [/Windows/, 'Windows'],
  [/Mac OS X/, 'macOS'],
  [/Linux/, 'Linux'],
];

/** A readable label for the sessions list, from the User-Agent: «Chrome, Android». */
export function describeDevice(userAgent: string | undefined): string {
  const ua = userAgent ?? '';
  const first = (table: [RegExp, string][]) => table.find(([pattern]) => pattern.test(ua))?.[1];
  return [first(browsers), first(systems)].filter(Boolean).join(', ');
}
