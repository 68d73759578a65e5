import type { ErrorCode } from '@parta/protocol';

export const en: Record<ErrorCode | 'validation.failed_request', string> = {
  'validation.failed': 'Please check these fields: {{fields}}.',
  'validation.failed_request': 'The request is not well-formed: {{reason}}',
  'request.malformed_json': 'The request body is not valid JSON.',
  'request.too_large': 'The request is too large.',
  'request.unsupported_media_type': 'This request format is not supported.',
  'request.not_found': 'There is no such page.',
  'auth.required': 'Please log in to continue.',
  'auth.invalid_credentials': 'Wrong login or password.',
  'auth.rate_limited': 'Too many login attempts. Try again in {{minutes}} min.',
  'auth.csrf_failed': 'This page is out of date. Reload it and try again.',
  'auth.wrong_password': 'The current password is wrong.',
  'auth.reset_link_invalid':
    'This link is no longer valid: it was used already or has expired. Ask the school admin for a new one.',
  'auth.login_taken': 'This login, e-mail or phone is already taken.',
  'access.denied': 'You may not do this.',
  'setup.already_done': 'The school is already set up. Log in with your account.',
  'people.not_found': 'Person not found.',
  'chats.not_found': 'Chat not found.',
  'chats.member_not_found': 'Some of the people are not in your school.',
  'messages.not_found': 'Message not found.',
  'events.cursor_expired': 'Your data is out of date; reloading.',
  'server.unavailable': 'The server is temporarily unavailable. Try again in a minute.',
  'server.internal': 'Something went wrong on the server. The error was logged; please try again.',
};

export const enFields: Record<string, string> = {
  clientId: 'message id',
  memberIds: 'members',
  userIds: 'members',
  messageId: 'message',
  newPassword: 'new password',
  currentPassword: 'current password',
  token: 'link',
  schoolName: 'school name',
  timeZone: 'time zone',
  adminName: "admin's full name",
  fullName: 'full name',
  email: 'e-mail',
};
