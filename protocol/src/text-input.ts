import { z } from 'zod/mini';

/**
 * What no text a person types may hold: control characters (Unicode `Cc`:
 * C0, DEL and C1; PostgreSQL cannot store U+0000 at all, and the others are
 * invisible and can forge what a reader sees), and lone UTF-16 surrogates,
 * which are not characters and would be stored as «�».
 */
const CONTROL = /\p{Cc}/u;
/** Multi-line text (messages, reasons) keeps tabs and line breaks. */
const CONTROL_EXCEPT_TAB_AND_NEWLINE = /(?![\t\n])\p{Cc}/u;
/** With the `u` flag a surrogate range matches only unpaired halves. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

const reason = 'control characters and broken characters are not allowed';

/** One line of text: a name, a title, a login, a search. */
export const ZLine = z
  .string()
  .check(z.refine((text) => !CONTROL.test(text) && !LONE_SURROGATE.test(text), reason));

/** Text of several lines: a message, a reason. */
export const ZMultilineText = z
  .string()
  .check(
    z.refine((text) => !CONTROL_EXCEPT_TAB_AND_NEWLINE.test(text) && !LONE_SURROGATE.test(text), reason),
  );

/**
 * What a composer sends of pasted text: line breaks of other programs
 * (`\r\n`, `\r`, Word's `\v`, `\f`, U+2028/U+2029) become `\n`; the other
 * control characters and lone surrogates, invisible to the writer, are
 * dropped, so a paste never meets the server's refusal.
 */
export function cleanTypedText(text: string): string {
  return text
    .replace(/\r\n?|[\v\f\u2028\u2029]/gu, '\n')
    .replace(/(?![\t\n])\p{Cc}/gu, '')
    .replace(/[\uD800-\uDFFF]/gu, '');
}
