import { beforeAll, describe, expect, it } from 'vitest';
import { initI18n, t } from '../i18n/index.js';
import { calendarDate, clock, dayFor, dayTitle, fullDate, listTime, whenNear, whenShort } from './time.js';

const zone = 'Europe/Moscow';
// 12 December 2025, 10:00 in Moscow.
const now = new Date('2025-12-12T07:00:00Z');

beforeAll(() => initI18n());

describe('dates in the school zone, Russian style', () => {
  it('says «сегодня в», «вчера в» and the date', () => {
    expect(whenShort('2025-12-12T04:30:00Z', zone, now)).toBe('сегодня в 07:30');
    expect(whenShort('2025-12-11T18:04:00Z', zone, now)).toBe('вчера в 21:04');
    expect(whenShort('2025-12-01T09:00:00Z', zone, now)).toBe('1 декабря');
    expect(whenShort('2024-12-12T09:00:00Z', zone, now)).toBe('12 декабря 2024');
  });

  it('keeps the chat list short: the time today, «вчера», then the date', () => {
    expect(listTime('2025-12-12T10:10:00Z', zone, now)).toBe('13:10');
    expect(listTime('2025-12-11T18:04:00Z', zone, now)).toBe('вчера');
    expect(listTime('2025-12-01T09:00:00Z', zone, now)).toBe('1 дек.');
    expect(listTime('2024-12-12T09:00:00Z', zone, now)).toMatch(/^12 дек\.? 24$/);
  });

  it('uses the school day, not the UTC day', () => {
    // 22:30 UTC on the 11th is already 01:30 on the 12th in Moscow.
    expect(whenShort('2025-12-11T22:30:00Z', zone, now)).toBe('сегодня в 01:30');
    expect(dayTitle('2025-12-11T20:59:00Z', zone, now)).toBe('Вчера');
  });

  it('keeps a 24-hour clock and the genitive month', () => {
    expect(clock(new Date('2025-12-12T15:05:00Z'), zone)).toBe('18:05');
    expect(calendarDate(new Date('2025-03-08T09:00:00Z'), zone, now)).toBe('8 марта');
  });
});

describe('when a waiting message goes, and when a held one was written', () => {
  // Friday 12 December 2025, 10:00 in Moscow.
  const at = (iso: string) => new Date(iso);
  it('says today, tomorrow, the weekday with its preposition within six days, then the date', () => {
    expect(whenNear(at('2025-12-12T16:59:00Z'), zone, now)).toBe('сегодня в 19:59');
    expect(whenNear(at('2025-12-13T04:30:00Z'), zone, now)).toBe('завтра в 07:30');
    expect(whenNear(at('2025-12-15T04:30:00Z'), zone, now)).toBe('в понедельник в 07:30');
    expect(whenNear(at('2025-12-16T04:30:00Z'), zone, now)).toBe('во вторник в 07:30');
    expect(whenNear(at('2025-12-17T04:30:00Z'), zone, now)).toBe('в среду в 07:30');
    expect(whenNear(at('2025-12-18T04:30:00Z'), zone, now)).toBe('в четверг в 07:30');
    expect(whenNear(at('2025-12-19T04:30:00Z'), zone, now)).toBe('19 декабря в 07:30');
    expect(whenNear(at('2026-01-03T04:30:00Z'), zone, now)).toBe('3 января 2026 в 07:30');
  });

  it('names the past the same way: «вчера в 21:04», «в пятницу в 21:04»', () => {
    expect(whenNear(at('2025-12-11T18:04:00Z'), zone, now)).toBe('вчера в 21:04');
    expect(whenNear(at('2025-12-06T18:04:00Z'), zone, now)).toBe('в субботу в 21:04');
    expect(whenNear(at('2025-12-07T18:04:00Z'), zone, now)).toBe('в воскресенье в 21:04');
    expect(whenNear(at('2025-12-05T18:04:00Z'), zone, now)).toBe('5 декабря в 21:04');
  });

  it('counts the days in the school zone', () => {
    // 21:30 UTC on the 12th is already 00:30 on the 13th in Moscow: tomorrow.
    expect(whenNear(at('2025-12-12T21:30:00Z'), zone, now)).toBe('завтра в 00:30');
  });

  it('says the day after «Запланировано на»: сегодня, завтра, среду, the date', () => {
    expect(dayFor(at('2025-12-12T16:00:00Z'), zone, now)).toBe('сегодня');
    expect(dayFor(at('2025-12-13T06:00:00Z'), zone, now)).toBe('завтра');
    expect(dayFor(at('2025-12-17T06:00:00Z'), zone, now)).toBe('среду');
    expect(dayFor(at('2025-12-14T06:00:00Z'), zone, now)).toBe('воскресенье');
    expect(dayFor(at('2025-12-25T06:00:00Z'), zone, now)).toBe('25 декабря');
  });
});

describe('Russian plurals through Intl.PluralRules', () => {
  it('picks one, few and many', () => {
    expect(t('chat.members', { count: 1 })).toBe('1 участник');
    expect(t('chat.members', { count: 3 })).toBe('3 участника');
    expect(t('chat.members', { count: 5 })).toBe('5 участников');
    expect(t('chat.members', { count: 21 })).toBe('21 участник');
    expect(t('chats.unread', { count: 12 })).toBe('12 непрочитанных сообщений');
  });

  it('writes a calendar day with its year: «Можно начать с 1 июля 2027 года»', () => {
    expect(fullDate('2027-07-01')).toBe('1 июля 2027');
    expect(fullDate('2026-12-31')).toBe('31 декабря 2026');
  });
});
