import { z } from 'zod/mini';
import { ZEmail, ZId, ZIdParam, ZLogin, ZPassword, ZPersonName, ZPhone, ZTimestamp } from './common.js';
import { ZLine, ZMultilineText } from './text-input.js';

/** Roles a link can invite into; admins and the administration are appointed, not invited. */
export const inviteRoles = ['teacher', 'staff', 'parent', 'student'] as const;
export const ZInviteRole = z.enum(inviteRoles);
export type InviteRole = z.infer<typeof ZInviteRole>;

export const ZCreateInviteRequest = z.strictObject({
  role: ZInviteRole,
  classId: z.optional(ZId),
  /** also admits into this chat (one the inviter may add people to) */
  chatId: z.optional(ZId),
  /** a personal invite: admits this person record without review */
  personId: z.optional(ZId),
  expiresInDays: z._default(z.int().check(z.gte(1), z.lte(90)), 14),
  /** absent: unlimited for class links, 1 for personal ones */
  maxUses: z.optional(z.int().check(z.gte(1), z.lte(1000))),
});
export type TCreateInviteRequest = z.infer<typeof ZCreateInviteRequest>;

/** What the viewer may do with an invite (server: invites/policy.ts), so the client derives no rule. */
export const ZInvitePolicies = z.object({ revoke: z.boolean() });

export const ZInvite = z.object({
  id: ZId,
  role: ZInviteRole,
  policies: ZInvitePolicies,
  class: z.nullable(z.object({ id: ZId, name: z.string() })),
  chat: z.nullable(z.object({ id: ZId, title: z.string() })),
  person: z.nullable(z.object({ id: ZId, fullName: z.string() })),
  maxUses: z.nullable(z.int()),
  uses: z.int(),
  expiresAt: ZTimestamp,
  revoked: z.boolean(),
  createdAt: ZTimestamp,
});
export type TInvite = z.infer<typeof ZInvite>;

/**
 * The link itself exists only in this answer: the server keeps a hash of it,
 * and of the slip's short code. What a printed slip needs goes with them.
 */
export const ZCreatedInvite = z.object({
  invite: ZInvite,
  url: z.string(),
  /** the code typed from a slip, grouped («K7M-4PX-AT9»); null for a personal invite (slip-code.ts) */
  code: z.nullable(z.string()),
  /** where the code is typed: the server's address and `/join` */
  codePage: z.string(),
  /** the fallback printed under it: the school's public page and its code */
  schoolPage: z.string(),
  schoolCode: z.string(),
});
export type TCreatedInvite = z.infer<typeof ZCreatedInvite>;
export const ZInviteList = z.object({ invites: z.array(ZInvite) });

export const ZAnnulInvitesRequest = z.strictObject({ classId: z.optional(ZId) });

/**
 * What the viewer may invite into (server: invites/policy.ts), so the form
 * offers only what the server would accept: the roles, the classes, and for
 * whoever invites for the whole school also its code and annulling every link.
 */
export const ZInviteOptions = z.object({
  roles: z.array(ZInviteRole),
  classes: z.array(z.object({ id: ZId, name: z.string() })),
  wholeSchool: z.boolean(),
  /** the school's code for families without an invite (with `wholeSchool` only) */
  joinCode: z.nullable(z.string()),
});
export type TInviteOptions = z.infer<typeof ZInviteOptions>;

/** Whom a personal invite of this role (and class) may be for. */
export const ZInviteCandidatesQuery = z.strictObject({
  role: ZInviteRole,
  classId: z.optional(ZIdParam),
});
export type TInviteCandidatesQuery = z.infer<typeof ZInviteCandidatesQuery>;

/** People of that role with no password yet, whom the viewer may give a personal link. */
export const ZInviteCandidates = z.object({
  people: z.array(z.object({ id: ZId, fullName: z.string(), className: z.nullable(z.string()) })),
});
export type TInviteCandidates = z.infer<typeof ZInviteCandidates>;

/** What the join page shows before anyone logs in. */
export const ZInvitePreview = z.object({
  school: z.string(),
  role: ZInviteRole,
  className: z.nullable(z.string()),
  personal: z.boolean(),
  /** a personal invite's person, so the page can greet them («Здравствуйте, Лейсан Хабибуллина») */
  personName: z.optional(z.nullable(z.string())),
  /** parent invites to a class: the children to pick from, as «Мария И.» */
  children: z.array(z.object({ id: ZId, name: z.string() })),
});
export type TInvitePreview = z.infer<typeof ZInvitePreview>;

export const ZRedeemInviteRequest = z.strictObject({
  /** a newcomer registers; a logged-in person redeems with their account */
  register: z.optional(
    z.strictObject({
      fullName: ZPersonName,
      login: ZLogin,
      password: ZPassword,
      email: z.optional(ZEmail),
      phone: z.optional(ZPhone),
    }),
  ),
  /** a personal invite, not logged in: its person exists already and only chooses a password */
  password: z.optional(ZPassword),
  childId: z.optional(ZId),
  acceptRules: z.literal(true),
});
export type TRedeemInviteRequest = z.infer<typeof ZRedeemInviteRequest>;

/**
 * The link's secret, as the join page sends it (to preview and to redeem):
 * the link's token, or the short code typed from a printed slip in any
 * spelling `slipCode` reads («k7m 4px at9»).
 */
export const ZInviteToken = z.strictObject({ token: ZLine.check(z.minLength(1), z.maxLength(200)) });

/** The body of `POST /api/invites/redeem`: the form and the link's token. */
export const ZRedeemInviteBody = z.extend(ZRedeemInviteRequest, ZInviteToken.shape);
export type TRedeemInviteBody = z.infer<typeof ZRedeemInviteBody>;

export const joinStatuses = ['pending', 'approved', 'rejected'] as const;

/** What the viewer may do with a join request (server: joins/policy.ts). */
export const ZJoinPolicies = z.object({ approve: z.boolean(), reject: z.boolean() });

export const ZJoinRequest = z.object({
  id: ZId,
  policies: ZJoinPolicies,
  status: z.enum(joinStatuses),
  applicant: z.object({ id: ZId, fullName: z.string() }),
  role: ZInviteRole,
  class: z.nullable(z.object({ id: ZId, name: z.string() })),
  child: z.nullable(z.object({ id: ZId, fullName: z.string() })),
  inviteId: z.nullable(ZId),
  reason: z.nullable(z.string()),
  createdAt: ZTimestamp,
  decidedAt: z.nullable(ZTimestamp),
});
export type TJoinRequest = z.infer<typeof ZJoinRequest>;

export const ZRedeemResult = z.object({
  /** 'member': admitted at once (personal invite); 'pending': a request waits for review */
  outcome: z.enum(['member', 'pending']),
  request: z.nullable(ZJoinRequest),
  csrfToken: z.string(),
});

export const ZJoinList = z.object({ requests: z.array(ZJoinRequest) });
export const ZRejectRequest = z.strictObject({
  reason: ZMultilineText.check(z.trim(), z.minLength(3), z.maxLength(500)),
});
export const ZBulkApproveRequest = z.strictObject({
  ids: z.array(ZId).check(z.minLength(1), z.maxLength(200)),
});

/** The school's public page: eight digits, spaces and dashes allowed. */
export const ZSchoolCode = z.pipe(
  ZLine.check(z.trim(), z.maxLength(20)),
  z.transform((code) => code.replace(/[\s-]/g, '')),
);

export const ZSchoolPreviewRequest = z.strictObject({ code: ZSchoolCode });
export const ZSchoolPreview = z.object({
  school: z.string(),
  classes: z.array(z.object({ id: ZId, name: z.string() })),
});
export type TSchoolPreview = z.infer<typeof ZSchoolPreview>;

/**
 * Asking to join without an invite: reviewed like any request. The bare code
 * shows no children, so a parent types their child's surname and first name
 * (`childName`) instead of picking an id from a list.
 */
export const ZJoinByCodeRequest = z.extend(z.omit(ZRedeemInviteRequest, { childId: true }), {
  code: ZSchoolCode,
  role: ZInviteRole,
  classId: z.optional(ZId),
  childName: z.optional(ZPersonName),
});
export type TJoinByCodeRequest = z.infer<typeof ZJoinByCodeRequest>;
