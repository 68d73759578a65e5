import { defaultWorkingHours } from '@parta/protocol';
import { expect, it } from 'vitest';
import { mayNotify, type NotifyChat, type NotifyMessage } from './notify.js';

const school = {
  hours: { ...defaultWorkingHours, holidays: [{ from: '2026-12-31', to: '2027-01-08', name: '' }] },
  timeZone: 'Europe/Moscow',
};
const reader = { userId: 7 };
const study: NotifyChat = { study: true, muted: false };
const staff: NotifyChat = { study: false, muted: false };
const plain: NotifyMessage = { authorId: 3, delivery: null };
const urgent: NotifyMessage = { authorId: 3, delivery: 'urgent' };
/** Thursday 3 December 2026 in Moscow. */
const at = (time: string, date = '2026-12-03') => new Date(`${date}T${time}+03:00`);

it.each([
  ['study chat inside the hours', reader, study, plain, at('10:00'), true],
  ['study chat at the opening, 07:30:00', reader, study, plain, at('07:30'), true],
  ['study chat just before the opening', reader, study, plain, at('07:29:59'), false],
  ['study chat at the closing, 20:00:00', reader, study, plain, at('20:00'), false],
  ['study chat at night', reader, study, plain, at('23:10'), false],
  ['study chat on Sunday', reader, study, plain, at('12:00', '2026-12-06'), false],
  ['study chat on a holiday', reader, study, plain, at('12:00', '2027-01-05'), false],
  [
    'a held message, delivered at the opening',
    reader,
    study,
    { ...plain, delivery: 'held' },
    at('07:30'),
    true,
  ],
  ['urgent, in a study chat at night', reader, study, urgent, at('23:10'), true],
  ['urgent, on a holiday', reader, study, urgent, at('12:00', '2027-01-05'), true],
  ['staff chat at night', reader, staff, plain, at('23:10'), true],
  ['the author, inside the hours', { userId: 3 }, study, plain, at('10:00'), false],
  ['the author of an urgent message', { userId: 3 }, study, urgent, at('23:10'), false],
  ['the author in a staff chat', { userId: 3 }, staff, plain, at('10:00'), false],
  ['a muted study chat, inside the hours', reader, { ...study, muted: true }, plain, at('10:00'), false],
  ['a muted chat, urgent', reader, { ...study, muted: true }, urgent, at('23:10'), false],
  ['a muted staff chat', reader, { ...staff, muted: true }, plain, at('10:00'), false],
])('%s → %s', (_, person, chat, message, now, expected) => {
  expect(mayNotify(person, chat, message, school, now)).toBe(expected);
});

it('reads the hours in the school’s zone', () => {
  // 06:00 in Berlin is 08:00 in Moscow: open for a Moscow school, closed for a Berlin one.
  const now = new Date('2026-12-03T06:00:00+01:00');
  expect(mayNotify(reader, study, plain, school, now)).toBe(true);
  expect(mayNotify(reader, study, plain, { ...school, timeZone: 'Europe/Berlin' }, now)).toBe(false);
});
