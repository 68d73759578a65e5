import type { Role, TSessionInfo } from '@parta/protocol';
import { and, desc, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { run, statement } from '../../db/prepared.js';
import { schools, sessions, users } from '../../db/schema.js';
import { loginKeys } from '../org/contacts.js';
import { hashToken, verifyPassword } from './secrets.js';

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
   where s.token_hash = $1 and s.expires_at > $2 and u.left_at is null`,
);

/** The live session behind a cookie token, or null (unknown, ended or expired). Runs on every request. */
export async function findSession(db: Queryable, token: string, now: Date): Promise<SessionRow | null> {
  const [row] = await run(db, findSessionStatement, [hashToken(token), now]);
  return row ?? null;
}

/** Which of these sessions still hold: not ended, not expired, their person still at the school. */
export async function liveSessionIds(db: Queryable, sessionIds: number[], now: Date): Promise<Set<number>> {
  if (sessionIds.length === 0) return new Set();
  const rows = await db
    .select({ id: sessions.id })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(inArray(sessions.id, sessionIds), gt(sessions.expiresAt, now), isNull(users.leftAt)));
  return new Set(rows.map((row) => row.id));
}

/**
 * The person whose login (or e-mail, or phone) and password match, or null.
 * An applicant whose every request was turned down is closed: no login.
 * Unknown logins cost one password hash too, so timing tells nothing.
 */
export async function checkCredentials(db: Queryable, typed: string, password: string) {
  const keys = loginKeys(typed);
  const [user] = await db
    .select({ id: users.id, schoolId: users.schoolId, passwordHash: users.passwordHash })
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
  const ok = await verifyPassword(user?.passwordHash ?? null, password);
  return ok && user ? user : null;
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
      school: { id: schools.id, name: schools.name, timeZone: schools.timeZone },
    })
    .from(users)
    .innerJoin(schools, eq(schools.id, users.schoolId))
    .where(eq(users.id, userId));
  return row ?? null;
}

export async function listSessions(db: Queryable, userId: number, currentId: number, now: Date) {
  const rows = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, now)))
    .orderBy(desc(sessions.lastSeenAt));
  return rows.map(
    (row): TSessionInfo => ({
      id: row.id,
      current: row.id === currentId,
      device: row.device,
      createdAt: row.createdAt.toISOString(),
      lastSeenAt: row.lastSeenAt.toISOString(),
    }),
  );
}
