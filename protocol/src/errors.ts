import { z } from 'zod/mini';

/**
 * Every error Parta answers with has one of these stable codes. Clients and
 * support staff rely on them; messages are localised on the server.
 */
export const errorCodes = [
  'validation.failed',
  'request.malformed_json',
  'request.too_large',
  'request.unsupported_media_type',
  'request.not_found',
  'auth.required',
  'auth.invalid_credentials',
  'auth.rate_limited',
  'auth.csrf_failed',
  'auth.wrong_password',
  'auth.reset_link_invalid',
  'auth.login_taken',
  'auth.password_too_short',
  'auth.password_common',
  'auth.registration_refused',
  'auth.session_not_found',
  'access.denied',
  'setup.already_done',
  'setup.token_invalid',
  'request.wrong_host',
  'people.not_found',
  'classes.not_found',
  'classes.duplicate',
  'classes.archived',
  'org.self_guardian',
  'org.last_admin',
  'org.not_a_student',
  'org.not_a_parent',
  'org.not_a_teacher',
  'org.not_class_parent',
  'org.person_left',
  'school.rollover_too_early',
  'invites.invalid',
  'invites.code_invalid',
  'invites.expired',
  'invites.revoked',
  'invites.exhausted',
  'invites.rate_limited',
  'invites.child_required',
  'invites.login_required',
  'invites.password_required',
  'invites.structural_chat',
  'invites.person_has_account',
  'invites.role_mismatch',
  'invites.account_exists',
  'joins.not_found',
  'joins.class_required',
  'joins.child_name_required',
  'joins.child_not_found',
  'schools.code_invalid',
  'joins.already_decided',
  'joins.account_closed',
  'chats.not_found',
  'chats.member_not_found',
  'chats.read_only',
  'chats.owners_only',
  'chats.direct_denied',
  'chats.direct_self',
  'chats.leave_structural',
  'chats.last_owner',
  'chats.member_not_allowed',
  'messages.not_found',
  'messages.not_author',
  'messages.delete_expired',
  'messages.deleted',
  'messages.mention_all_denied',
  'messages.reply_not_found',
  'rate.limited',
  'server.unavailable',
  'server.storage_full',
  'server.internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];
export const ZErrorCode = z.enum(errorCodes);

export const ZFieldIssue = z.object({ path: z.string(), message: z.string() });

export const ZErrorBody = z.object({
  error: z.object({
    code: ZErrorCode,
    message: z.string(),
    fields: z.optional(z.array(ZFieldIssue)),
  }),
});
export type TErrorBody = z.infer<typeof ZErrorBody>;
