import type { ErrorCode } from '@parta/protocol';

const statusByCode: Partial<Record<ErrorCode, number>> = {
  'validation.failed': 400,
  'request.malformed_json': 400,
  'request.too_large': 413,
  'request.unsupported_media_type': 415,
  'request.not_found': 404,
  'auth.required': 401,
  'auth.invalid_credentials': 401,
  'auth.rate_limited': 429,
  'auth.csrf_failed': 403,
  'auth.wrong_password': 400,
  'auth.reset_link_invalid': 400,
  'auth.login_taken': 409,
  'auth.password_too_short': 400,
  'auth.password_common': 400,
  'auth.registration_refused': 409,
  'access.denied': 403,
  'setup.already_done': 409,
  'setup.token_invalid': 403,
  'request.wrong_host': 421,
  'people.not_found': 404,
  'classes.not_found': 404,
  'classes.duplicate': 409,
  'classes.archived': 409,
  'org.self_guardian': 400,
  'org.last_admin': 409,
  'org.not_a_student': 400,
  'org.not_a_parent': 400,
  'org.not_a_teacher': 400,
  'org.not_class_parent': 400,
  'org.person_left': 409,
  'school.rollover_too_early': 409,
  'invites.invalid': 404,
  'invites.code_invalid': 404,
  'invites.expired': 410,
  'invites.revoked': 410,
  'invites.exhausted': 410,
  'invites.rate_limited': 429,
  'invites.child_required': 400,
  'invites.login_required': 401,
  'invites.password_required': 400,
  'invites.structural_chat': 400,
  'invites.person_has_account': 409,
  'invites.role_mismatch': 400,
  'invites.account_exists': 409,
  'joins.not_found': 404,
  'joins.class_required': 400,
  'joins.child_name_required': 400,
  'joins.child_not_found': 400,
  'schools.code_invalid': 404,
  'joins.already_decided': 409,
  'joins.account_closed': 403,
  'chats.not_found': 404,
  'chats.member_not_found': 400,
  'chats.read_only': 403,
  'chats.owners_only': 403,
  'chats.direct_denied': 403,
  'chats.direct_self': 400,
  'chats.member_not_allowed': 403,
  'messages.not_found': 404,
  'messages.not_author': 403,
  'messages.delete_expired': 403,
  'messages.deleted': 409,
  'messages.mention_all_denied': 403,
  'messages.reply_not_found': 400,
  'rate.limited': 429,
  'server.unavailable': 503,
  'server.storage_full': 503,
  'server.internal': 500,
};

/**
 * An expected failure with a stable code. The HTTP layer turns it into
 * `{ error: { code, message } }` with the message in the reader's language.
 */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, string | number> = {},
    readonly fields?: { path: string; message: string }[],
  ) {
    super(code);
    this.status = statusByCode[code] ?? 400;
  }
}
