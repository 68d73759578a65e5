import type { Role } from '@parta/protocol';
import { expect, it } from 'vitest';
import type { Actor } from '../../infra/actor.js';
import { abilitiesFor, type ChatAccess, canCreateChat, canLeaveChat, canPostMessage } from './policy.js';

const person = (...roles: Role[]): Actor => ({ kind: 'person', userId: 7, schoolId: 1, roles, sessionId: 1 });
const member: ChatAccess['membership'] = { role: 'member' };
const owner: ChatAccess['membership'] = { role: 'owner' };
const chat = (kind: string, membership: ChatAccess['membership'], archived = false): ChatAccess => ({
  kind,
  membership,
  archived,
});

/** Posting (and so typing, realtime/typing.ts): who may write where. */
it.each([
  ['member, group', person('parent'), chat('group', member), { ok: true }],
  [
    'member, announcement',
    person('parent'),
    chat('announcement', member),
    { ok: false, code: 'chats.owners_only' },
  ],
  ['owner, announcement', person('teacher'), chat('announcement', owner), { ok: true }],
  ['admin member, announcement', person('admin'), chat('announcement', member), { ok: true }],
  [
    'member, graduated class',
    person('parent'),
    chat('group', member, true),
    { ok: false, code: 'chats.read_only' },
  ],
  ['not a member', person('admin'), chat('group', null), { ok: false, code: 'chats.not_found' }],
  ['anonymous', { kind: 'anonymous' } as Actor, chat('group', member), { ok: false, code: 'auth.required' }],
] as const)('canPostMessage: %s', (_, actor, access, verdict) => {
  expect(canPostMessage(actor, access)).toEqual(verdict);
});

const none = {
  post: false,
  react: false,
  addMembers: false,
  pin: false,
  moderate: false,
  seeWhoRead: false,
  leave: false,
};

/** A chat's `policies`. */
it.each([
  [
    'parent, group',
    person('parent'),
    chat('group', member),
    { ...none, post: true, react: true, leave: true },
  ],
  [
    'parent, announcement',
    person('parent'),
    chat('announcement', member),
    { ...none, react: true, leave: true },
  ],
  [
    'teacher member, group',
    person('teacher'),
    chat('group', member),
    { ...none, post: true, react: true, seeWhoRead: true, leave: true },
  ],
  [
    'teacher owner, announcement',
    person('teacher'),
    chat('announcement', owner),
    { post: true, react: true, addMembers: true, pin: true, moderate: true, seeWhoRead: true, leave: true },
  ],
  [
    'admin member, announcement',
    person('admin'),
    chat('announcement', member),
    { post: true, react: true, addMembers: true, pin: true, moderate: true, seeWhoRead: true, leave: true },
  ],
  [
    'parent, direct',
    person('parent'),
    chat('direct', member),
    { ...none, post: true, react: true, pin: true },
  ],
  [
    'owner, graduated class',
    person('teacher'),
    chat('group', owner, true),
    { ...none, moderate: true, seeWhoRead: true, leave: true },
  ],
] as const)('abilitiesFor: %s', (_, actor, access, abilities) => {
  expect(abilitiesFor(actor, access)).toEqual(abilities);
});

const hosts = (owners: number) => ({ ...chat('group', owner), owners });
it.each([
  ['a member of a group chat', person('parent'), chat('group', member), { ok: true }],
  ['a host while another stays', person('teacher'), hosts(2), { ok: true }],
  ['the last host', person('teacher'), hosts(1), { ok: false, code: 'chats.last_owner' }],
  [
    'a class chat',
    person('parent'),
    chat('class_parents', member),
    { ok: false, code: 'chats.leave_structural' },
  ],
  ['a direct chat', person('parent'), chat('direct', member), { ok: false, code: 'chats.leave_structural' }],
  ['not a member', person('admin'), chat('group', null), { ok: false, code: 'chats.not_found' }],
] as const)('canLeaveChat: %s', (_, actor, access, verdict) => {
  expect(canLeaveChat(actor, access)).toEqual(verdict);
});

it.each([
  ['admin', person('admin'), true],
  ['teacher', person('teacher'), true],
  ['staff', person('staff'), true],
  ['parent', person('parent'), false],
  ['student', person('student'), false],
  ['applicant', person(), false],
] as const)('canCreateChat: %s', (_, actor, createChats) => {
  expect(canCreateChat(actor).ok).toBe(createChats);
});
