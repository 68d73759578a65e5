import { eq } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { users } from '../../db/schema.js';
import type { ActionRunner } from '../../infra/actions.js';
import type { Actor, Person } from '../../infra/actor.js';
import { addressForAudit, addressKey } from '../../infra/client-address.js';
import { AppError } from '../../infra/errors.js';
import { type FailureCounter, type loginLimits, reserveAll } from '../../infra/rate-limit.js';
import { recordLoginFailure, upgradePasswordHash } from './actions.js';
import { checkNewPassword } from './password-rules.js';
import { findLoginAccount, unknownLoginKey } from './queries.js';
import { hashPassword, needsRehash, verifyPassword } from './secrets.js';

export interface PasswordCheckDeps {
  db: Queryable;
  failures: FailureCounter;
  actions: ActionRunner;
  limits: typeof loginLimits;
}

/**
 * Checks a typed login and password, counting the attempt before the slow
 * hash: per account (the account the login resolves to, or the login's
 * normalised form when it names nobody) and per client address. A wrong
 * password keeps its count and leaves an audit row; a right one hands the
 * count back. The password hash is upgraded when its parameters are old.
 */
export async function checkLogin(
  deps: PasswordCheckDeps,
  actor: Actor,
  input: { login: string; password: string; ip: string },
): Promise<{ id: number; schoolId: number }> {
  const account = await findLoginAccount(deps.db, input.login);
  const accountKey = account
    ? `login:account:${account.id}`
    : `login:unknown:${unknownLoginKey(input.login)}`;
  const ok = await guarded(deps, actor, { accountKey, account, ip: input.ip }, () =>
    verifyPassword(account?.passwordHash ?? null, input.password),
  );
  if (!ok || !account) throw new AppError('auth.invalid_credentials');
  if (account.passwordHash && needsRehash(account.passwordHash)) {
    await deps.actions.run(actor, upgradePasswordHash, {
      userId: account.id,
      schoolId: account.schoolId,
      oldHash: account.passwordHash,
      passwordHash: await hashPassword(input.password),
    });
  }
  return account;
}

/**
 * «Сменить пароль», before its transaction: the current password is a guess
 * like a login, on the same counter as the account's logins; the new one
 * must follow the rules for the person's roles, and is hashed here.
 */
export async function checkPasswordChange(
  deps: PasswordCheckDeps,
  person: Person,
  input: { currentPassword: string; newPassword: string; ip: string },
): Promise<{ checkedHash: string; passwordHash: string }> {
  const [account] = await deps.db
    .select({ id: users.id, schoolId: users.schoolId, passwordHash: users.passwordHash, roles: users.roles })
    .from(users)
    .where(eq(users.id, person.userId));
  if (!account) throw new AppError('auth.required');
  const ok = await guarded(
    deps,
    person,
    { accountKey: `login:account:${account.id}`, account, ip: input.ip },
    () => verifyPassword(account.passwordHash, input.currentPassword),
  );
  if (!ok || !account.passwordHash) throw new AppError('auth.wrong_password');
  checkNewPassword(input.newPassword, account.roles);
  return { checkedHash: account.passwordHash, passwordHash: await hashPassword(input.newPassword) };
}

/**
 * Runs a password check under the account's and the address's limits
 * (reserve, check, refund on success). Answers 429 without checking when
 * either is used up.
 */
async function guarded(
  deps: PasswordCheckDeps,
  actor: Actor,
  who: { accountKey: string; account: { id: number; schoolId: number } | null; ip: string },
  check: () => Promise<boolean>,
): Promise<boolean> {
  const limits = [
    { key: who.accountKey, limit: deps.limits.perAccount },
    { key: `login:address:${addressKey(who.ip)}`, limit: deps.limits.perAddress },
  ];
  const slots = await reserveAll(deps.failures, limits);
  if (!slots) {
    const seconds = Math.ceil(deps.failures.retryAfterMs() / 1000);
    throw new AppError('auth.rate_limited', { minutes: Math.ceil(seconds / 60), seconds });
  }
  const [accountSlot, addressSlot] = slots as [(typeof slots)[0], (typeof slots)[0]];
  if (await check()) {
    await Promise.all([deps.failures.clear(who.accountKey), deps.failures.refund(addressSlot)]);
    return true;
  }
  const lockout =
    accountSlot.count === deps.limits.perAccount
      ? 'account'
      : addressSlot.count === deps.limits.perAddress
        ? 'address'
        : null;
  await deps.actions.run(actor, recordLoginFailure, {
    userId: who.account?.id ?? null,
    schoolId: who.account?.schoolId ?? null,
    network: addressForAudit(who.ip),
    lockout,
  });
  return false;
}
