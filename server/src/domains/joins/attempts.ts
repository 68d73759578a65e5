import type { ErrorCode } from '@parta/protocol';
import { addressKey as networkOf } from '../../infra/client-address.js';
import { AppError } from '../../infra/errors.js';
import type { FailureCounter } from '../../infra/rate-limit.js';

/**
 * Bounds on the public join endpoints in one window (15 minutes), sized for a
 * parents' meeting where 30 families behind one school Wi-Fi join with one
 * code or link in ten minutes (docs/joining.md, «Защита от подбора»).
 */
export const guessLimits = {
  /** every request for one link or code from one address */
  attemptsPerAddressAndSubject: 120,
  /** refused guesses on one link or code, from all addresses together */
  failuresPerSubject: 100,
  /** refused guesses from one address, whatever link or code */
  failuresPerAddress: 30,
};

/** Refusals that tell a guesser something: a wrong link, code, class or child's name. */
const guesses = new Set<ErrorCode>([
  'schools.code_invalid',
  'classes.not_found',
  'joins.class_required',
  'joins.child_name_required',
  'joins.child_not_found',
]);

const isGuess = (error: unknown) =>
  error instanceof AppError &&
  (guesses.has(error.code) || (error.code.startsWith('invites.') && error.code !== 'invites.rate_limited'));

/**
 * Guards the public join endpoints against guessing. Successful uses of a
 * link or code are counted only per address, so no crowd of families can
 * lock out the next one; refused guesses count against the address and the
 * link or code. Call `failed(error)` when the attempt was refused.
 */
export async function countAttempt(failures: FailureCounter, address: string, subject: string) {
  const network = networkOf(address); // an IPv6 client by its /64
  const pairKey = `join:pair:${network}:${subject}`;
  const addressKey = `join:address:${network}`;
  const subjectKey = `join:subject-failures:${subject}`;
  const [attempts, failedHere, failedOnSubject] = await Promise.all([
    failures.count(pairKey),
    failures.count(addressKey),
    failures.count(subjectKey),
  ]);
  if (
    attempts >= guessLimits.attemptsPerAddressAndSubject ||
    failedHere >= guessLimits.failuresPerAddress ||
    failedOnSubject >= guessLimits.failuresPerSubject
  ) {
    const seconds = Math.ceil(failures.retryAfterMs() / 1000);
    throw new AppError('invites.rate_limited', { minutes: Math.ceil(seconds / 60), seconds });
  }
  await failures.add(pairKey);
  return {
    async failed(error: unknown): Promise<void> {
      if (isGuess(error)) await Promise.all([failures.add(addressKey), failures.add(subjectKey)]);
    },
  };
}
