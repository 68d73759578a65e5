import { passwordMinLength } from '@parta/protocol';
import { AppError } from '../../infra/errors.js';
import { commonPasswords } from './common-passwords.js';
import { hashPassword } from './secrets.js';

const russianKeys = 'йцукенгшщзхъфывапролджэячсмитьбюё';
const latinKeys = "qwertyuiop[]asdfghjkl;'zxcvbnm,.`";

/**
 * The same keys in the Latin layout, lower case: «ЙЦУКЕН» and «qwerty» are
 * one password to a guesser, and so are «пароль» and «gfhjkm».
 */
function canonical(text: string): string {
  return [...text.toLowerCase()]
    .map((char) => {
      const at = russianKeys.indexOf(char);
      return at >= 0 ? latinKeys[at]! : char;
    })
    .join('');
}

const known = new Set(commonPasswords.map(canonical));

/** The password without the digits and signs people put around a word («Natasha1985!» → «natasha»). */
function stem(text: string): string {
  return text.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
}

/** «aaaaaaaa», «12121212», «abcabcabc»: a short chunk repeated. */
function isRepetition(text: string): boolean {
  return /^(.{1,4})\1+$/su.test(text);
}

/** «12345678», «87654321», «abcdefgh»: each character one after (or before) the other. */
function isSequence(text: string): boolean {
  const codes = [...text].map((char) => char.codePointAt(0)!);
  const steps = new Set(codes.slice(1).map((code, i) => code - codes[i]!));
  return steps.size === 1 && (steps.has(1) || steps.has(-1));
}

export function isCommonPassword(password: string): boolean {
  const text = canonical(password.trim());
  const core = stem(text);
  return known.has(text) || known.has(core) || isRepetition(text) || isSequence(text);
}

/**
 * Checks a new password for someone with (or asking for) these roles: staff
 * and admins need 12 characters, families 8; nobody may pick one of the most
 * common passwords. Runs before the password is hashed.
 */
export function checkNewPassword(password: string, roles: readonly string[]): void {
  const min = passwordMinLength(roles);
  if ([...password].length < min) throw new AppError('auth.password_too_short', { min });
  if (isCommonPassword(password)) throw new AppError('auth.password_common');
}

/** Checks a new password against the rules for these roles, then hashes it (slow: before any transaction). */
export async function newPasswordHash(password: string, roles: readonly string[]): Promise<string> {
  checkNewPassword(password, roles);
  return hashPassword(password);
}
