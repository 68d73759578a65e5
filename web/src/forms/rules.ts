import {
  LOGIN_PATTERN,
  newPasswordFor,
  passwordMinLength,
  passwordMinLengths,
  ZLogin,
  ZPersonName,
  ZRedeemInviteRequest,
} from '@parta/protocol';
import { z } from 'zod/mini';
import { ApiError } from '../api/http.js';
import { t } from '../i18n/index.js';

/** The lengths a protocol schema accepts (its length checks), as the attributes of the field the browser checks first. */
export function lengthsOf(schema: z.ZodMiniType): { minLength?: number; maxLength?: number } {
  const lengths: { minLength?: number; maxLength?: number } = {};
  for (const check of schema._zod.def.checks ?? []) {
    const rule = check._zod.def as { check: string; minimum?: number; maximum?: number };
    if (rule.check === 'min_length') lengths.minLength = Math.max(lengths.minLength ?? 0, rule.minimum!);
    if (rule.check === 'max_length')
      lengths.maxLength = Math.min(lengths.maxLength ?? Infinity, rule.maximum!);
  }
  return lengths;
}

/** A login as the server takes it (protocol `ZLogin`). */
export const loginRules = {
  autocapitalize: 'none',
  spellcheck: false,
  ...lengthsOf(ZLogin),
  pattern: LOGIN_PATTERN,
} as const;

/** A person's name as the server takes it (protocol `ZPersonName`). */
export const nameRules = lengthsOf(ZPersonName);

/** A new password of someone with these roles, or of anyone when no roles are known (a reset link). */
export function passwordRules(roles: readonly string[] | null) {
  return lengthsOf(newPasswordFor(roles ?? []));
}

/** The rule under a new-password field: the length for these roles (both when unknown), and no common passwords. */
export function passwordHint(roles: readonly string[] | null): string {
  return roles
    ? t('common.passwordHint', { min: passwordMinLength(roles) })
    : t('common.passwordHintAnyRole', passwordMinLengths);
}

/** The server refused the new password itself: too short for the person's roles, or too common. */
export function passwordRefused(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    (error.code === 'auth.password_too_short' || error.code === 'auth.password_common')
  );
}

/** Redeeming an invite as the server takes it from someone joining with these roles (its password rule). */
export function redeemInviteFor(roles: readonly string[]) {
  const password = newPasswordFor(roles);
  return z.extend(ZRedeemInviteRequest, {
    register: z.optional(z.extend(ZRedeemInviteRequest.shape.register.def.innerType, { password })),
    password: z.optional(password),
  });
}

/** What a schema refuses in a body: one entry a field, its path as the server names it (`register.login`). */
export function refusedFields(schema: z.ZodMiniType, body: unknown): { path: string; message: string }[] {
  const result = schema.safeParse(body);
  return result.success
    ? []
    : result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

/** «Телефон» → «телефон», but «ФИО» stays. */
function lowerFirst(label: string): string {
  const second = label.charAt(1);
  return second && second === second.toLocaleLowerCase()
    ? label.charAt(0).toLocaleLowerCase() + label.slice(1)
    : label;
}

/**
 * Checks a body with the protocol schema the server checks it with, before
 * sending it: what the schema refuses is thrown as the server's
 * `validation.failed` would be, in the reader's words, naming the fields by
 * their labels (and marking them through `invalidFields`).
 */
export function checkInput(schema: z.ZodMiniType, body: unknown, labels: Record<string, string>): void {
  const fields = refusedFields(schema, body);
  if (fields.length === 0) return;
  // Named mid-sentence, as the server names them: «Проверьте заполнение полей: телефон или e-mail.»
  const names = [...new Set(fields.map((field) => lowerFirst(labels[field.path] ?? field.path)))];
  throw new ApiError(400, 'validation.failed', t('errors.invalid', { fields: names.join(', ') }), fields);
}
