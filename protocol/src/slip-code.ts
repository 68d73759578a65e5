/**
 * The short code printed on a parents' meeting slip («K7M-4PX-AT9»), typed
 * from paper where the QR code cannot be scanned. Its letters are the ones
 * that look alike in Latin and Cyrillic capitals (a mother may type «К» or
 * «K», «м» or «m»: both are the same letter here), without the ones that
 * look like digits (B/8, O/0); its digits leave out those that look like
 * letters (0/O, 1/I/L, 2/Z, 5/S, 8/B). Case, spaces and dashes do not matter.
 *
 * 15 symbols, 9 of them: log2(15^9) ≈ 35.2 bits. That is too little to stand
 * alone; the guessing limits of the public join doors carry the security
 * (docs/security.md, server/src/domains/joins/attempts.ts).
 */
export const slipCodeAlphabet = 'ACEHKMPTXY34679';
export const slipCodeLength = 9;

/** Cyrillic letters typed for the Latin ones they look like (and «З» for 3). */
const cyrillicTwins: Record<string, string> = {
  А: 'A',
  С: 'C',
  Е: 'E',
  Н: 'H',
  К: 'K',
  М: 'M',
  Р: 'P',
  Т: 'T',
  Х: 'X',
  У: 'Y',
  З: '3',
};

const separators = /[\s\-‐‑‒–—.·_/]/g;
const wellFormed = new RegExp(`^[${slipCodeAlphabet}]{${slipCodeLength}}$`);

/** The code as stored and compared («K7M4PXAT9»), or null when `text` cannot be one. */
export function slipCode(text: string): string | null {
  if (text.length > 40) return null;
  const upper = text
    .toUpperCase()
    .replace(separators, '')
    .replace(/./gu, (char) => cyrillicTwins[char] ?? char);
  return wellFormed.test(upper) ? upper : null;
}

/** The code as printed and read back over the phone: three groups of three («K7M-4PX-AT9»). */
export function groupSlipCode(code: string): string {
  return code.match(/.{1,3}/g)?.join('-') ?? code;
}

/** A fresh code from `randomInt(n)` (uniform in 0…n−1): the server passes `crypto.randomInt`. */
export function drawSlipCode(randomInt: (n: number) => number): string {
  let code = '';
  for (let i = 0; i < slipCodeLength; i++) code += slipCodeAlphabet[randomInt(slipCodeAlphabet.length)];
  return code;
}
