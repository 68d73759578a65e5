import { type Role, SESSIONS_SHOWN, type TSessionInfo, type TSessionList } from '@parta/protocol';
import { and, desc, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { run, statement } from '../../db/prepared.js';
import { passwordResets, schools, sessions, users } from '../../db/schema.js';
import { loginKeys } from './contacts.js';
import { hashToken } from './secrets.js';
import { SESSION_MAX_AGE_MS } from './sessions.js';

export interface SessionRow {
  sessionId: number;
  userId: number;
  schoolId: number;
  roles: Role[];
  csrfToken: string;
  locale: string | null;
  lastSeenAt: Date;
  expiresAt: Date;
}

const findSessionStatement = statement<SessionRow>(
  'auth.find_session',
  `select s.id as "sessionId", s.user_id as "userId", s.school_id as "schoolId", u.roles,
     s.csrf_token as "csrfToken", u.locale, s.last_seen_at as "lastSeenAt",
     s.expires_at as "expiresAt"
   from sessions s join users u on u.id = s.user_id
   where s.token_hash = $1 and s.expires_at > $2 and s.created_at > $3 and u.left_at is null`,
);

/** The live session behind a cookie token, or null (unknown, ended or expired). Runs on every request. */
export async function findSession(db: Queryable, token: string, now: Date): Promise<SessionRow | null> {
  const [row] = await run(db, findSessionStatement, [hashToken(token), now, oldestLiveStart(now)]);
  return row ?? null;
}

/** Which of these sessions still hold: not ended, not expired, their person still at the school. */
export async function liveSessionIds(db: Queryable, sessionIds: number[], now: Date): Promise<Set<number>> {
  if (sessionIds.length === 0) return new Set();
  const rows = await db
    .select({ id: sessions.id })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        inArray(sessions.id, sessionIds),
        gt(sessions.expiresAt, now),
        gt(sessions.createdAt, oldestLiveStart(now)),
        isNull(users.leftAt),
      ),
    );
  return new Set(rows.map((row) => row.id));
}

/** Sessions opened before this are over, however recently used (the absolute lifetime). */
function oldestLiveStart(now: Date): Date {
  return new Date(now.getTime() - SESSION_MAX_AGE_MS);
}

/**
 * The account a typed login (login name, e-mail or phone in any spelling)
 * names, or null. The password is checked by the caller, after it has
 * counted the attempt. An applicant whose every request was turned down is
 * closed: nobody, for the login.
 */
export async function findLoginAccount(db: Queryable, typed: string) {
  const keys = loginKeys(typed);
  const [user] = await db
    .select({ id: users.id, schoolId: users.schoolId, passwordHash: users.passwordHash, roles: users.roles })
    .from(users)
    .where(
      and(
        isNull(users.leftAt),
        // An account without a role is an applicant: it logs in only while a request of theirs waits.
        sql`(cardinality(${users.roles}) > 0 or exists (select 1 from join_requests r
          where r.user_id = ${users.id} and r.status = 'pending'))`,
        or(
          eq(users.login, keys.login),
          eq(users.email, keys.email),
          keys.phone ? eq(users.phone, keys.phone) : undefined,
        ),
      ),
    )
    .limit(1);
  return user ?? null;
}

/** What counts the attempts on a login nobody has: its normalised form, so spellings share one counter. */
export function unknownLoginKey(typed: string): string {
  const keys = loginKeys(typed);
  return keys.phone ?? keys.login;
}

/** A usable reset link and whose it is (with their roles, for the password rules), or null. */
export async function findResetLink(db: Queryable, token: string, now: Date, lock = false) {
  const query = db
    .select({
      id: passwordResets.id,
      userId: passwordResets.userId,
      schoolId: passwordResets.schoolId,
      roles: users.roles,
    })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(
      and(
        eq(passwordResets.tokenHash, hashToken(token)),
        isNull(passwordResets.usedAt),
        gt(passwordResets.expiresAt, now),
      ),
    );
  const [link] = await (lock ? query.for('update', { of: passwordResets }) : query);
  return link ?? null;
}

export async function getMe(db: Queryable, userId: number) {
  const [row] = await db
    .select({
      id: users.id,
      fullName: users.fullName,
      login: users.login,
      email: users.email,
      phone: users.phone,
      roles: users.roles,
      locale: users.locale,
      school: { id: schools.id, name: schools.name, timeZone: schools.timeZone, hours: schools.workingHours },
    })
    .from(users)
    .innerJoin(schools, eq(schools.id, users.schoolId))
    .where(eq(users.id, userId));
  return row ?? null;
}

/**
 * The person's live sessions, the one in use and then the most recently seen,
 * at most `SESSIONS_SHOWN` (a phone that logs in every day would otherwise
 * grow the list for a month); `more` counts the rest.
 */
export async function listSessions(
  db: Queryable,
  userId: number,
  currentId: number,
  now: Date,
): Promise<TSessionList> {
  const rows = await db
    .select()
    .from(sessions)
    .where(
      and(
        eq(sessions.userId, userId),
        gt(sessions.expiresAt, now),
        gt(sessions.createdAt, oldestLiveStart(now)),
      ),
    )
    .orderBy(desc(sql`${sessions.id} = ${currentId}`), desc(sessions.lastSeenAt), desc(sessions.id));
  return {
    sessions: rows.slice(0, SESSIONS_SHOWN).map(
      (row): TSessionInfo => ({
        id: row.id,
        current: row.id === currentId,
        device: row.device,
        policies: { end: row.id !== currentId },
        createdAt: row.createdAt.toISOString(),
        lastSeenAt: row.lastSeenAt.toISOString(),
      }),
    ),
    more: Math.max(0, rows.length - SESSIONS_SHOWN),
  };
}

/** Whose password a live link sets, and in which school; null when the link is unknown, used or expired. */
export async function previewResetLink(db: Queryable, token: string, now: Date) {
  const link = await findResetLink(db, token, now);
  if (!link) return null;
  const [row] = await db
    .select({ school: schools.name, fullName: users.fullName, login: users.login })
    .from(users)
    .innerJoin(schools, eq(schools.id, users.schoolId))
    .where(eq(users.id, link.userId));
  return row ? { ...row, roles: link.roles as Role[] } : null;
}
