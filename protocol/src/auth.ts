import { z } from 'zod/mini';
import {
  type Role,
  ZId,
  ZLocale,
  ZLogin,
  ZPassword,
  ZPersonName,
  ZRole,
  ZSchoolName,
  ZTimestamp,
  ZTimeZone,
} from './common.js';
import { ZWorkingHours } from './hours.js';
import { ZFirstSteps } from './org.js';
import { ZLine } from './text-input.js';

export const ZSetupStatus = z.object({
  needed: z.boolean(),
  /** the school's name, when the installation holds one school: the login page names it */
  school: z.nullable(z.string()),
});

/** The roles of the school's first admin, set up on the first run: their password follows the staff rule. */
export const setupRoles: readonly Role[] = ['admin'];

export const ZSetupRequest = z.strictObject({
  schoolName: ZSchoolName,
  timeZone: ZTimeZone,
  adminName: ZPersonName,
  login: ZLogin,
  password: ZPassword,
  /** the first-run code the server printed at start (or PARTA_SETUP_TOKEN) */
  setupToken: ZLine.check(z.minLength(1), z.maxLength(200)),
});
export type TSetupRequest = z.infer<typeof ZSetupRequest>;

export const ZLoginRequest = z.strictObject({
  /** login name, e-mail or phone */
  login: ZLine.check(z.trim(), z.minLength(1), z.maxLength(200)),
  password: ZLine.check(z.minLength(1), z.maxLength(200)),
});
export type TLoginRequest = z.infer<typeof ZLoginRequest>;

/**
 * What the person may do and which places they have, decided by the server
 * (every domain's `abilitiesFor`): the client shows these and derives nothing.
 */
export const ZMePolicies = z.object({
  /** «Школа»: the classes grid (the admin and the administration) */
  school: z.boolean(),
  /** build the school: classes, people, settings, the new year (the admin) */
  manageSchool: z.boolean(),
  /** «Мой класс»: the classes they lead, without the whole school */
  myClass: z.boolean(),
  /** open a class card */
  viewClasses: z.boolean(),
  /** the people list and person cards */
  people: z.boolean(),
  /** start group and announcement chats */
  createChats: z.boolean(),
  /** invite links and printed slips */
  invite: z.boolean(),
  /** «Заявки»: review requests to join */
  reviewJoins: z.boolean(),
  /** registered through an invite or the school code, not admitted yet: their request is all they have */
  applicant: z.boolean(),
});
export type TMePolicies = z.infer<typeof ZMePolicies>;

export const ZMe = z.object({
  id: ZId,
  fullName: z.string(),
  login: z.string(),
  email: z.nullable(z.string()),
  phone: z.nullable(z.string()),
  roles: z.array(ZRole),
  locale: ZLocale,
  school: z.object({ id: ZId, name: z.string(), timeZone: z.string(), hours: ZWorkingHours }),
  /** the server's time when it answered: the web counts the working hours from it, not from the device */
  now: ZTimestamp,
  /** send back in the `x-csrf-token` header on every state-changing request */
  csrfToken: z.string(),
  policies: ZMePolicies,
  /** «Первые шаги» of setting up the school: null for those who do not build it, and once done or hidden */
  firstSteps: z.nullable(ZFirstSteps),
});
export type TMe = z.infer<typeof ZMe>;

export const ZSessionInfo = z.object({
  id: ZId,
  current: z.boolean(),
  /** «Chrome, Android»; empty when the browser did not say */
  device: z.string(),
  /** what the reader may do with it: end it from here (their other devices) */
  policies: z.object({ end: z.boolean() }),
  createdAt: ZTimestamp,
  lastSeenAt: ZTimestamp,
});
/** The newest sessions first, at most `SESSIONS_SHOWN`; `more`: how many older ones are left out. */
export const ZSessionList = z.object({
  sessions: z.array(ZSessionInfo),
  more: z.int().check(z.nonnegative()),
});
export const SESSIONS_SHOWN = 20;
export type TSessionList = z.infer<typeof ZSessionList>;
export type TSessionInfo = z.infer<typeof ZSessionInfo>;

export const ZChangePasswordRequest = z.strictObject({
  currentPassword: ZLine.check(z.minLength(1), z.maxLength(200)),
  newPassword: ZPassword,
});
export type TChangePasswordRequest = z.infer<typeof ZChangePasswordRequest>;

export const ZResetPasswordRequest = z.strictObject({
  token: ZLine.check(z.minLength(10), z.maxLength(100)),
  newPassword: ZPassword,
});
export type TResetPasswordRequest = z.infer<typeof ZResetPasswordRequest>;

/** The link's token alone: the set-password page asks whose account it opens before the password is typed. */
export const ZResetLinkToken = z.pick(ZResetPasswordRequest, { token: true });

/** Whose password the link sets, in which school, and the roles its password rule follows. */
export const ZResetLinkPreview = z.object({
  school: z.string(),
  fullName: z.string(),
  login: z.string(),
  roles: z.array(ZRole),
});
export type TResetLinkPreview = z.infer<typeof ZResetLinkPreview>;

export const ZResetLink = z.object({ url: z.string(), expiresAt: ZTimestamp });
export type TResetLink = z.infer<typeof ZResetLink>;

export const ZSetLocaleRequest = z.strictObject({ locale: ZLocale });
export type TSetLocaleRequest = z.infer<typeof ZSetLocaleRequest>;

export const ZOk = z.object({ ok: z.literal(true) });
export const ZCount = z.object({ count: z.int().check(z.nonnegative()) });
