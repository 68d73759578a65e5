import { addressKey as networkOf } from '../../infra/client-address.js';
import { AppError } from '../../infra/errors.js';
import type { FailureCounter } from '../../infra/rate-limit.js';

/**
 * Wrong links or codes from one address before it must wait (an address may
 * be a whole school or a parents' meeting behind one NAT); uses of one link or
 * code in the same window.
 */
export const guessLimits = { failuresPerAddress: 300, attemptsPerSubject: 100 };

/**
 * Guards the public join endpoints against guessing: counts every attempt on
 * a link or school code, and every failed one from an address. Call
 * `failed(error)` when the attempt was refused as a bad link or code.
 */
export async function countAttempt(failures: FailureCounter, address: string, subject: string) {
  const addressKey = `join:address:${networkOf(address)}`;
  const subjectKey = `join:subject:${subject}`;
  const [failed, attempts] = await Promise.all([failures.count(addressKey), failures.count(subjectKey)]);
  if (failed >= guessLimits.failuresPerAddress || attempts >= guessLimits.attemptsPerSubject) {
    const seconds = Math.ceil(failures.retryAfterMs() / 1000);
    throw new AppError('invites.rate_limited', { minutes: Math.ceil(seconds / 60), seconds });
  }
  await failures.add(subjectKey);
  return {
    async failed(error: unknown): Promise<void> {
      const guess =
        error instanceof AppError &&
        (error.code.startsWith('invites.') || error.code === 'schools.code_invalid');
      if (guess) await failures.add(addressKey);
    },
  };
}
