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
  'auth.password_too_short': 'The password is too short: it needs at least {{min}} characters.',
  'auth.password_common':
    'This password is too common and easy to guess. Choose another one, for example a few words together.',
  'auth.registration_refused':
    'You cannot register with these details. If you already have a Parta account, log in with your login and password. If not, choose another login or give another phone and e-mail.',
  'auth.session_not_found': 'This session has already ended.',
  'access.denied': 'You may not do this.',
  'setup.already_done': 'The school is already set up. Log in with your account.',
  'setup.token_invalid':
    'This first-run code does not match. The server printed it at start, in the line «First run»: open the address from that line.',
  'request.wrong_host': "This school's Parta is at {{url}}.",
  'people.not_found': 'Person not found.',
  'classes.not_found': 'Class not found.',
  'classes.duplicate': 'Class {{name}} already exists this school year.',
  'classes.archived': 'Class {{name}} has graduated and is archived: nobody can be moved into it.',
  'org.self_guardian': 'A person cannot be their own parent.',
  'org.last_admin': 'This is the last admin of the school. Appoint another admin first.',
  'org.not_a_student': 'This person is not marked as a student.',
  'org.not_a_parent': 'This person is not marked as a parent.',
  'org.not_a_teacher': 'This person is not marked as a teacher.',
  'org.not_class_parent': 'This parent has no child in this class.',
  'org.person_left': 'This person has already left the school.',
  'school.rollover_too_early': 'The new school year can be started from 1 July {{year}}.',
  'invites.invalid':
    'This invite link does not work. Check that it was copied whole, or ask the class teacher for a new one.',
  'invites.code_invalid':
    'There is no such code. Check that it is typed exactly as on the slip (9 characters), or ask the class teacher for a new one.',
  'invites.expired': 'This invite link has expired. Ask the class teacher or the school admin for a new one.',
  'invites.revoked':
    'This invite link was cancelled. Ask the class teacher or the school admin for a new one.',
  'invites.exhausted': 'Someone has already joined with this link. If it was not you, ask for a new one.',
  'invites.rate_limited': 'Too many attempts. Try again in {{minutes}} min.',
  'invites.child_required': 'Choose your child from the class list.',
  'invites.login_required': 'Register or log in to join.',
  'invites.password_required': 'Choose a password: you will log in to Parta with it.',
  'invites.structural_chat':
    'People join this chat through the school structure: inviting them into the class is enough.',
  'invites.person_has_account':
    'This person already has a password and needs no personal invite. If they forgot it, the admin can issue a login link.',
  'invites.role_mismatch': 'A personal invite can only be for a role the person already has.',
  'invites.account_exists':
    'A password is already set for this account. Log in with your login and password; if you forgot it, ask the school admin.',
  'joins.not_found': 'Join request not found.',
  'joins.class_required': 'Choose the class.',
  'joins.child_name_required': "Type your child's surname and first name, for example «Petrov Misha».",
  'joins.child_not_found':
    'We found no student with this name in {{className}}. Check how the surname and first name are spelt, or ask the class teacher for an invite link.',
  'schools.code_invalid':
    'No school has this code. Check it: it is eight digits, given by the class teacher.',
  'joins.already_decided': 'This join request has already been decided.',
  'joins.account_closed':
    'Your request was declined, and this account cannot ask again. If this is a mistake, contact the class teacher or the school admin.',
  'chats.not_found': 'Chat not found.',
  'chats.member_not_found': 'Some of the people are not in your school.',
  'chats.read_only': 'This chat is archived: you can read it but not write in it.',
  'chats.owners_only': 'Only the people who run this chat post here. You can read and react.',
  'chats.direct_denied': 'Your school does not allow direct messages to this person.',
  'chats.direct_self': 'You cannot message yourself.',
  'chats.leave_structural':
    'You cannot leave this chat: its members follow the school (a class, the staff). You can mute it instead.',
  'chats.last_owner':
    'You are the only host of this chat: without you nobody could post in it. You cannot leave, but you can mute it.',
  'chats.member_not_allowed':
    'You can only add people you may message directly: colleagues, and the students and parents of the classes you teach.',
  'messages.not_found': 'Message not found.',
  'messages.not_author': 'Only the author can edit or delete this message.',
  'messages.delete_expired': 'You can delete your own message within 24 hours. Ask the chat’s moderator.',
  'messages.deleted': 'This message has been deleted.',
  'messages.mention_all_denied': 'Only the people who run this chat can mention everyone (@all).',
  'messages.reply_not_found': 'The message you are replying to is not in this chat.',
  'rate.limited': 'Too many actions in a row. Try again in {{seconds}} s.',
  'server.unavailable': 'The server is temporarily unavailable. Try again in a minute.',
  'server.storage_full':
    'The server cannot save changes: its disk is full. Tell the school’s administrator; nothing already saved is lost.',
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
  replyToId: 'message you reply to',
  toChatId: 'chat',
  chatId: 'chat',
  classId: 'class',
  personId: 'person',
  userId: 'person',
  teacherId: 'teacher',
  parentId: 'parent',
  childId: 'child',
  ids: 'requests',
  subject: 'subject',
  letter: 'class letter',
  code: 'school code',
  q: 'search text',
};
