import { z } from 'zod';
import { ZId, ZLocale, ZLogin, ZPassword, ZPersonName, ZRole, ZTimestamp } from './common.js';
import { ZLine } from './text-input.js';

export const ZSetupStatus = z.object({ needed: z.boolean() });

export const ZSetupRequest = z.strictObject({
  schoolName: ZLine.trim().min(2).max(200),
  timeZone: z
    .string()
    .max(64)
    .refine((zone) => isTimeZone(zone), 'unknown IANA time zone'),
  adminName: ZPersonName,
  login: ZLogin,
  password: ZPassword,
  /** the first-run code the server printed at start (or PARTA_SETUP_TOKEN) */
  setupToken: ZLine.min(1).max(200),
});
export type TSetupRequest = z.infer<typeof ZSetupRequest>;

export const ZLoginRequest = z.strictObject({
  /** login name, e-mail or phone */
  login: ZLine.trim().min(1).max(200),
  password: ZLine.min(1).max(200),
});
export type TLoginRequest = z.infer<typeof ZLoginRequest>;

export const ZMe = z.object({
  id: ZId,
  fullName: z.string(),
  login: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  roles: z.array(ZRole),
  locale: ZLocale,
  school: z.object({ id: ZId, name: z.string(), timeZone: z.string() }),
  /** send back in the `x-csrf-token` header on every state-changing request */
  csrfToken: z.string(),
});
export type TMe = z.infer<typeof ZMe>;

export const ZSessionInfo = z.object({
  id: ZId,
  current: z.boolean(),
  device: z.string(),
  createdAt: ZTimestamp,
  lastSeenAt: ZTimestamp,
});
export const ZSessionList = z.object({ sessions: z.array(ZSessionInfo) });
export type TSessionInfo = z.infer<typeof ZSessionInfo>;

export const ZChangePasswordRequest = z.strictObject({
  currentPassword: ZLine.min(1).max(200),
  newPassword: ZPassword,
});
export type TChangePasswordRequest = z.infer<typeof ZChangePasswordRequest>;

export const ZResetPasswordRequest = z.strictObject({
  token: ZLine.min(10).max(100),
  newPassword: ZPassword,
});
export type TResetPasswordRequest = z.infer<typeof ZResetPasswordRequest>;

export const ZResetLink = z.object({ url: z.string(), expiresAt: ZTimestamp });
export type TResetLink = z.infer<typeof ZResetLink>;

export const ZSetLocaleRequest = z.strictObject({ locale: ZLocale });
export type TSetLocaleRequest = z.infer<typeof ZSetLocaleRequest>;

export const ZOk = z.object({ ok: z.literal(true) });
export const ZCount = z.object({ count: z.number().int().nonnegative() });

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone.includes('/') || zone === 'UTC';
  } catch {
    return false;
  }
}
