import { z } from 'zod/mini';
import { ZLine } from './text-input.js';

/** The largest id of a `serial` column (PostgreSQL `integer`). */
export const MAX_ID = 2 ** 31 - 1;
/** The largest id of a `bigserial` column (messages) that JavaScript counts exactly. */
export const MAX_BIG_ID = Number.MAX_SAFE_INTEGER;

/** An id in a JSON body or answer: a whole number the column can hold. */
export const ZId = z.int().check(z.gte(1), z.lte(MAX_ID));
/** A message id in a JSON body or answer (messages are counted in `bigint`). */
export const ZMessageId = z.int().check(z.gte(1), z.lte(MAX_BIG_ID));

/**
 * An id in a path or query string, in its one canonical spelling: `0x1`,
 * `1e3`, `01`, `+1` or ` 1` would all mean 1 to `Number()`, and are refused.
 */
function idInText(max: number) {
  return z.pipe(
    z.pipe(
      z
        .string()
        .check(z.regex(/^[1-9][0-9]*$/, 'a positive whole number without signs, spaces or leading zeros')),
      z.transform(Number),
    ),
    z.number().check(z.lte(max)),
  );
}
export const ZIdParam = idInText(MAX_ID);
export const ZMessageIdParam = idInText(MAX_BIG_ID);
export const ZTimestamp = z.string().check(z.describe('ISO 8601 date-time in UTC'));

export const roles = [
  'admin',
  'administration',
  'class_teacher',
  'teacher',
  'staff',
  'parent',
  'student',
] as const;
export const ZRole = z.enum(roles);
export type Role = z.infer<typeof ZRole>;

export const locales = ['ru', 'en'] as const;
export const ZLocale = z.enum(locales);
export type Locale = z.infer<typeof ZLocale>;

/**
 * A person's name as others will read it: no control characters, and none of
 * the invisible ones (zero-width, direction overrides) that make one name
 * look like another or turn the text around it.
 */
export const ZPersonName = ZLine.check(
  z.trim(),
  z.minLength(1),
  z.maxLength(200),
  z.regex(
    /^[^\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}]*$/u,
    'letters, spaces and punctuation only: no invisible characters',
  ),
);
/** The school's name as everyone sees it: «МБОУ «СОШ № 12»». */
export const ZSchoolName = ZLine.check(z.trim(), z.minLength(2), z.maxLength(200));

let zones: Set<string> | null = null;
/** An IANA time zone this runtime knows (`Intl.supportedValuesOf`), or UTC. */
export function isTimeZone(zone: string): boolean {
  if (zone === 'UTC') return true;
  if (typeof Intl.supportedValuesOf === 'function') {
    zones ??= new Set(Intl.supportedValuesOf('timeZone'));
    return zones.has(zone);
  }
  // An older browser without the list: a zone it knows, spelt as it spells it.
  try {
    return new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone === zone;
  } catch {
    return false;
  }
}
export const ZTimeZone = z.string().check(
  z.maxLength(64),
  z.refine((zone) => isTimeZone(zone), 'unknown IANA time zone'),
);

/** The shortest new password, in characters: staff reach other people's data, families their own. */
export const passwordMinLengths = { staff: 12, family: 8 } as const;
/** The longest password anyone may type. */
export const PASSWORD_MAX_LENGTH = 200;
export const ZPassword = ZLine.check(
  z.minLength(passwordMinLengths.family),
  z.maxLength(PASSWORD_MAX_LENGTH),
);

/** Roles whose accounts reach other people's data: their passwords are longer. */
export const staffRoles: readonly Role[] = ['admin', 'administration', 'class_teacher', 'teacher', 'staff'];
/** The shortest new password for someone with (or asking for) these roles: 12 for staff, 8 for families. */
export function passwordMinLength(roles: readonly string[]): number {
  return roles.some((role) => (staffRoles as readonly string[]).includes(role))
    ? passwordMinLengths.staff
    : passwordMinLengths.family;
}
/** A new password as the server will take it from someone with these roles (it also refuses common ones). */
export function newPasswordFor(roles: readonly string[]) {
  return ZLine.check(z.minLength(passwordMinLength(roles)), z.maxLength(PASSWORD_MAX_LENGTH));
}
export const ZEmail = z.email().check(z.maxLength(200));
export const ZPhone = z
  .string()
  .check(
    z.trim(),
    z.regex(/^\+?[0-9 ()-]{7,20}$/, 'digits, spaces, brackets and dashes, e.g. +7 900 123-45-67'),
  );

/**
 * The characters of a login, as an HTML `pattern` (which the browser anchors
 * and reads with the `v` flag, where a class's `-` must be escaped).
 */
export const LOGIN_PATTERN = '[a-zA-Z0-9._\\-]+';
export const ZLogin = z
  .string()
  .check(
    z.trim(),
    z.minLength(3),
    z.maxLength(64),
    z.regex(new RegExp(`^${LOGIN_PATTERN}$`), 'latin letters, digits, dot, dash and underscore'),
  );

/** The body of a request that takes none: nothing, or an empty object. */
export const ZNoBody = z.nullish(z.strictObject({}));
