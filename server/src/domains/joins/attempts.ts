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
  /**
   * refused slip codes from all addresses together: a slip's code is short
   * (35 bits), so a crowd of addresses must not try many either
   */
  slipCodeFailures: 300,
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

function tooMany(failures: FailureCounter): AppError {
  const seconds = Math.ceil(failures.retryAfterMs() / 1000);
  return new AppError('invites.rate_limited', { minutes: Math.ceil(seconds / 60), seconds });
}

const slipCodeFailuresKey = 'join:slip-code-failures';

/**
 * Guards the public join endpoints against guessing. Successful uses of a
 * link or code are counted only per address, so no crowd of families can
 * lock out the next one; refused guesses count against the address and the
 * link or code. Call `failed(error)` when the attempt was refused, else
 * `succeeded()`.
 *
 * A slip's short code (`slip`) is also counted among every slip code tried
 * on the installation: reserved before the lookup, atomically (so a burst
 * sent at once gets no more than the limit), and handed back when the code
 * was right or the refusal was no guess.
 */
export async function countAttempt(
  failures: FailureCounter,
  address: string,
  subject: string,
  { slip = false }: { slip?: boolean } = {},
) {
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
    throw tooMany(failures);
  }
  let slot = slip ? await failures.reserve(slipCodeFailuresKey, guessLimits.slipCodeFailures) : null;
  if (slip && !slot) throw tooMany(failures);
  await failures.add(pairKey);
  const release = async () => {
    const held = slot;
    slot = null;
    if (held) await failures.refund(held);
  };
  return {
    async failed(error: unknown): Promise<void> {
      if (isGuess(error)) await Promise.all([failures.add(addressKey), failures.add(subjectKey)]);
      // Among slip codes only a code that is no code at all stays counted.
      if (!(error instanceof AppError && error.code === 'invites.code_invalid')) await release();
    },
    /** the link or code was right */
    succeeded: release,
  };
}
