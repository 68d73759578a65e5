import { z } from 'zod';

export const ZId = z.number().int().positive();
export const ZIdParam = z.coerce
  .number()
  .int()
  .positive()
  .max(2 ** 53 - 1);
export const ZTimestamp = z.string().describe('ISO 8601 date-time in UTC');

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
export const ZPersonName = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(
    /^[^\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}]*$/u,
    'letters, spaces and punctuation only: no invisible characters',
  );
export const ZPassword = z.string().min(8).max(200);

/** Roles whose accounts reach other people's data: their passwords are longer. */
export const staffRoles: readonly Role[] = ['admin', 'administration', 'class_teacher', 'teacher', 'staff'];
/** The shortest new password for someone with (or asking for) these roles: 12 for staff, 8 for families. */
export function passwordMinLength(roles: readonly string[]): number {
  return roles.some((role) => (staffRoles as readonly string[]).includes(role)) ? 12 : 8;
}
export const ZEmail = z.email().max(200);
export const ZPhone = z
  .string()
  .trim()
  .regex(/^\+?[0-9 ()-]{7,20}$/, 'digits, spaces, brackets and dashes, e.g. +7 900 123-45-67');

export const ZLogin = z
  .string()
  .trim()
  .min(3)
  .max(64)
  .regex(/^[a-zA-Z0-9._-]+$/, 'latin letters, digits, dot, dash and underscore');

/** The body of a request that takes none: nothing, or an empty object. */
export const ZNoBody = z.strictObject({}).nullish();
