import type { Role } from '@parta/protocol';
import { expect, it } from 'vitest';
import type { Actor } from '../../infra/actor.js';
import { abilitiesFor, type ChatAccess, canCreateChat, canPostMessage } from './policy.js';

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

const none = { post: false, react: false, addMembers: false, pin: false, moderate: false, seeWhoRead: false };

/** A chat's `policies`. */
it.each([
  ['parent, group', person('parent'), chat('group', member), { ...none, post: true, react: true }],
  ['parent, announcement', person('parent'), chat('announcement', member), { ...none, react: true }],
  [
    'teacher member, group',
    person('teacher'),
    chat('group', member),
    { ...none, post: true, react: true, seeWhoRead: true },
  ],
  [
    'teacher owner, announcement',
    person('teacher'),
    chat('announcement', owner),
    { post: true, react: true, addMembers: true, pin: true, moderate: true, seeWhoRead: true },
  ],
  [
    'admin member, announcement',
    person('admin'),
    chat('announcement', member),
    { post: true, react: true, addMembers: true, pin: true, moderate: true, seeWhoRead: true },
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
    { ...none, moderate: true, seeWhoRead: true },
  ],
] as const)('abilitiesFor: %s', (_, actor, access, abilities) => {
  expect(abilitiesFor(actor, access)).toEqual(abilities);
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
