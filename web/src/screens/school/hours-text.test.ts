import { beforeAll, describe, expect, it } from 'vitest';
import { addTranslations } from '../../i18n/index.js';
import ru from '../../i18n/school/ru.json';
import { daysPhrase, holidayDates, hoursSummary, weekdayName } from './hours-text.js';

beforeAll(() => addTranslations({ ru, en: () => import('../../i18n/school/en.json') }));

describe('the working hours in words', () => {
  it('name the weekdays short and in full', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((day) => weekdayName(day, 'short'))).toEqual([
      'пн',
      'вт',
      'ср',
      'чт',
      'пт',
      'сб',
      'вс',
    ]);
    expect(weekdayName(6, 'long')).toBe('суббота');
  });

  it('say runs of days with a dash, single days and pairs with commas', () => {
    expect(daysPhrase([6, 1, 2, 3, 4, 5])).toBe('пн–сб');
    expect(daysPhrase([1, 3, 5])).toBe('пн, ср, пт');
    expect(daysPhrase([1, 2, 3, 4, 5, 7])).toBe('пн–пт, вс');
    expect(daysPhrase([6, 7])).toBe('сб, вс');
  });

  it('sum the hours up in one line', () => {
    expect(hoursSummary({ days: [1, 2, 3, 4, 5, 6], opensAt: '07:30', closesAt: '20:00' })).toEqual({
      before: 'Рабочее время школы: ',
      when: 'пн–сб, 07:30–20:00',
      after: '',
    });
  });

  it('give a holiday’s days, with the year only when it is not this one', () => {
    expect(holidayDates({ from: '2026-11-04', to: '2026-11-04' }, 2026)).toBe('4 ноября');
    expect(holidayDates({ from: '2026-12-30', to: '2027-01-08' }, 2026)).toBe('30 декабря – 8 января 2027');
    expect(holidayDates({ from: '2027-03-23', to: '2027-03-31' }, 2026)).toBe('23 марта – 31 марта 2027');
    expect(holidayDates({ from: '2027-12-30', to: '2028-01-08' }, 2026)).toBe(
      '30 декабря 2027 – 8 января 2028',
    );
  });
});
