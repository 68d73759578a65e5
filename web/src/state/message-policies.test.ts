import type { TChat, TMessage } from '@parta/protocol';
import { expect, it } from 'vitest';
import { mayDelete, messagePolicies } from './compose.js';

const chat = (moderate: boolean) =>
  ({
    policies: { post: true, react: true, addMembers: false, pin: false, moderate, seeWhoRead: false },
  }) as TChat;
const message = (policies?: TMessage['policies']) => ({ id: 1, deletedAt: null, policies }) as TMessage;
const until = '2025-12-13T07:00:00.000Z';
const acts = { reply: true, react: true, pin: false };

/** «Удалить» and «Изменить» come from the server's answer; the web only reads the instant it named. */
it.each([
  [
    'allowed, before the instant',
    message({ ...acts, edit: true, delete: true, deleteUntil: until }),
    false,
    Date.parse(until) - 1,
    true,
  ],
  [
    'allowed, at the instant',
    message({ ...acts, edit: true, delete: true, deleteUntil: until }),
    false,
    Date.parse(until),
    true,
  ],
  [
    'allowed, after the instant',
    message({ ...acts, edit: true, delete: true, deleteUntil: until }),
    false,
    Date.parse(until) + 1,
    false,
  ],
  [
    'allowed for good',
    message({ ...acts, edit: false, delete: true, deleteUntil: null }),
    false,
    Date.parse(until) * 2,
    true,
  ],
  ['refused', message({ ...acts, edit: false, delete: false, deleteUntil: null }), true, 0, false],
  ['known only from the live stream, in a chat one moderates', message(), true, 0, true],
  ['known only from the live stream', message(), false, 0, false],
] as const)('mayDelete: %s', (_, msg, moderate, now, expected) => {
  expect(mayDelete(msg, chat(moderate), now)).toBe(expected);
});

it('offers editing only when the server said so', () => {
  expect(messagePolicies(message(), chat(true)).edit).toBe(false);
  expect(
    messagePolicies(message({ ...acts, edit: true, delete: false, deleteUntil: null }), chat(false)).edit,
  ).toBe(true);
});

it('lets the chat stand for a message known only from the live stream', () => {
  expect(messagePolicies(message(), chat(false))).toEqual({
    reply: true,
    react: true,
    pin: false,
    edit: false,
    delete: false,
    deleteUntil: null,
  });
});
