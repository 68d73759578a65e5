import type { TRedeemInviteRequest } from '@parta/protocol';
import type { Actor } from '../../infra/actor.js';
import { addressKey } from '../../infra/client-address.js';
import { AppError } from '../../infra/errors.js';
import { type FailureCounter, reserveAll } from '../../infra/rate-limit.js';
import { normaliseEmail, normaliseLogin, normalisePhone } from '../auth/contacts.js';
import { newPasswordHash } from '../auth/password-rules.js';

/**
 * Refused registrations (`auth.registration_refused`: the login, e-mail or
 * phone exists somewhere) allowed in one window: per client address — a
 * parents' meeting behind the school's one NAT address registers together —
 * and per login, e-mail or phone tried.
 */
export const probeLimits = { perAddress: 100, perSubject: 5 };

/**
 * Runs a self-registration (invite link or school code) under the probe
 * limits: each attempt is counted first and handed back unless it was
 * refused as taken, so a parallel burst gets no more answers than the limit.
 * Without `register` (a logged-in person) it just runs.
 */
export async function countingProbes<T>(
  failures: FailureCounter,
  ip: string,
  register: TRedeemInviteRequest['register'],
  run: () => Promise<T>,
): Promise<T> {
  if (!register) return run();
  const subjects = [
    `login:${normaliseLogin(register.login)}`,
    ...(register.email ? [`email:${normaliseEmail(register.email)}`] : []),
    ...(register.phone ? [`phone:${normalisePhone(register.phone)}`] : []),
  ];
  const slots = await reserveAll(failures, [
    { key: `register:address:${addressKey(ip)}`, limit: probeLimits.perAddress },
    ...subjects.map((subject) => ({ key: `register:subject:${subject}`, limit: probeLimits.perSubject })),
  ]);
  if (!slots) {
    const seconds = Math.ceil(failures.retryAfterMs() / 1000);
    throw new AppError('invites.rate_limited', { minutes: Math.ceil(seconds / 60), seconds });
  }
  try {
    const result = await run();
    await Promise.all(slots.map((slot) => failures.refund(slot)));
    return result;
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'auth.registration_refused')) {
      await Promise.all(slots.map((slot) => failures.refund(slot)));
    }
    throw error;
  }
}

/**
 * The hash of the password a newcomer chose (registering, or setting it
 * through a personal invite), checked against the rules for the role they
 * join as; null when they are logged in already or sent none.
 */
export async function applicantPasswordHash(
  actor: Actor,
  body: Pick<TRedeemInviteRequest, 'register' | 'password'>,
  role: string,
): Promise<string | null> {
  const password = body.register?.password ?? body.password;
  if (actor.kind === 'person' || !password) return null;
  return newPasswordHash(password, [role]);
}
