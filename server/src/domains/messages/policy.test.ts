import type { Role } from '@parta/protocol';
import { expect, it } from 'vitest';
import type { Actor } from '../../infra/actor.js';
import type { ChatAccess } from '../chats/policy.js';
import { abilitiesFor, DELETE_WINDOW_MS } from './policy.js';

const person = (userId: number, ...roles: Role[]): Actor => ({
  kind: 'person',
  userId,
  schoolId: 1,
  roles,
  sessionId: 1,
});
const sent = new Date('2026-09-01T08:00:00Z');
const later = (ms: number) => new Date(sent.getTime() + ms);
const until = later(DELETE_WINDOW_MS).toISOString();
const group: ChatAccess = { kind: 'group', membership: { role: 'member' } };
const owned: ChatAccess = { kind: 'group', membership: { role: 'owner' } };
const graduated: ChatAccess = { ...group, archived: true };
const mine = { authorId: 7, createdAt: sent, deleted: false };
const theirs = { authorId: 8, createdAt: sent, deleted: false };

const member = { reply: true, react: true, pin: false };
const moderator = { reply: true, react: true, pin: true };
const nothing = { reply: false, react: false, pin: false };

/** A message's `policies`: the author edits, and deletes within the window (which the answer names); moderators delete. */
it.each([
  [
    'author, at once',
    person(7, 'parent'),
    group,
    mine,
    later(1000),
    { ...member, edit: true, delete: true, deleteUntil: until },
  ],
  [
    'author, at the window',
    person(7, 'parent'),
    group,
    mine,
    later(DELETE_WINDOW_MS),
    { ...member, edit: true, delete: true, deleteUntil: until },
  ],
  [
    'author, after the window',
    person(7, 'parent'),
    group,
    mine,
    later(DELETE_WINDOW_MS + 1),
    { ...member, edit: true, delete: false, deleteUntil: null },
  ],
  [
    'another member',
    person(9, 'parent'),
    group,
    theirs,
    later(1000),
    { ...member, edit: false, delete: false, deleteUntil: null },
  ],
  [
    'the chat owner, another’s message',
    person(9, 'teacher'),
    owned,
    theirs,
    later(DELETE_WINDOW_MS * 3),
    { ...moderator, edit: false, delete: true, deleteUntil: null },
  ],
  [
    'an admin, another’s message',
    person(9, 'admin'),
    group,
    theirs,
    later(1000),
    { ...moderator, edit: false, delete: true, deleteUntil: null },
  ],
  [
    'the owner, own message',
    person(7, 'teacher'),
    owned,
    mine,
    later(1000),
    { ...moderator, edit: true, delete: true, deleteUntil: null },
  ],
  [
    'author, a tombstone',
    person(7, 'parent'),
    group,
    { ...mine, deleted: true },
    later(1000),
    { ...nothing, edit: false, delete: false, deleteUntil: null },
  ],
  [
    'author, a graduated class',
    person(7, 'parent'),
    graduated,
    mine,
    later(1000),
    { ...nothing, edit: false, delete: false, deleteUntil: null },
  ],
] as const)('abilitiesFor: %s', (_, actor, chat, message, now, abilities) => {
  expect(abilitiesFor(actor, chat, message, now)).toEqual(abilities);
});
