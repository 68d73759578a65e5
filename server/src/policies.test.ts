import type { Role } from '@parta/protocol';
import { describe, expect, it } from 'vitest';
import { canAddMembers, canPostMessage, canReadChat, canSeeWhoRead } from './domains/chats/policy.js';
import type { Actor } from './infra/actor.js';
import { can } from './policies.js';

const person = (...roles: Role[]): Actor => ({ kind: 'person', userId: 7, schoolId: 1, roles, sessionId: 1 });
const anonymous: Actor = { kind: 'anonymous' };

describe('route gates', () => {
  it.each([
    ['people.manage', person('admin'), true],
    ['people.manage', person('administration'), false],
    ['people.manage', person('teacher', 'parent'), false],
    ['people.list', person('teacher'), true],
    ['people.list', person('parent'), false],
    ['people.list', person('student'), false],
    ['chats.create', person('administration'), true],
    ['chats.create', person('class_teacher'), true],
    ['chats.create', person('parent'), false],
    ['chats.create', person('student'), false],
    ['auth.own_account', person('student'), true],
    ['auth.anyone', anonymous, true],
  ] as const)('%s for %o → %s', (policy, actor, ok) => {
    expect(can(actor, policy).ok).toBe(ok);
  });

  it('asks anonymous visitors to log in rather than saying "forbidden"', () => {
    expect(can(anonymous, 'chats.read')).toEqual({ ok: false, code: 'auth.required' });
    expect(can(anonymous, 'people.manage')).toEqual({ ok: false, code: 'auth.required' });
  });
});

describe('chat rules with the loaded chat', () => {
  const member = { membership: { role: 'member' as const } };
  const owner = { membership: { role: 'owner' as const } };
  const outsider = { membership: null };

  it('hides a chat one is not in exactly like a missing one', () => {
    expect(canReadChat(person('teacher'), outsider)).toEqual({ ok: false, code: 'chats.not_found' });
    expect(canPostMessage(person('admin'), outsider)).toEqual({ ok: false, code: 'chats.not_found' });
  });

  it('lets owners and admins add members, and tells other members they may not', () => {
    expect(canAddMembers(person('teacher'), owner).ok).toBe(true);
    expect(canAddMembers(person('admin'), outsider).ok).toBe(true);
    expect(canAddMembers(person('parent'), member)).toEqual({ ok: false, code: 'access.denied' });
    expect(canAddMembers(person('parent'), outsider)).toEqual({ ok: false, code: 'chats.not_found' });
  });

  it.each([
    ['a teacher in the chat', person('teacher'), member, true],
    ['non-teaching staff in the chat', person('staff'), member, true],
    ["the chat's owner", person('class_teacher'), owner, true],
    ['an admin in the chat', person('admin'), member, true],
    ['a parent', person('parent'), member, false],
    ['a parent who owns the chat', person('parent'), owner, true],
    ['a student', person('student'), member, false],
    ['a teacher outside the chat', person('teacher'), outsider, false],
  ] as const)('who read: %s → %s', (_, actor, chat, ok) => {
    expect(canSeeWhoRead(actor, chat).ok).toBe(ok);
  });
});
