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
export const ZLogin = z
  .string()
  .trim()
  .min(3)
  .max(64)
  .regex(/^[a-zA-Z0-9._-]+$/, 'latin letters, digits, dot, dash and underscore');

/** The body of a request that takes none: nothing, or an empty object. */
export const ZNoBody = z.strictObject({}).nullish();
