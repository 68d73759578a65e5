import type { THoliday, TWorkingHours } from '@parta/protocol';
import { language, t } from '../../i18n/index.js';

/** Monday … Sunday as ISO weekdays. */
export const weekdays = [1, 2, 3, 4, 5, 6, 7] as const;

/** 2026-11-30 was a Monday: the noon of its week in UTC names each weekday. */
const mondayNoon = Date.UTC(2026, 10, 30, 12);

/** «пн» (`short`) or «понедельник» (`long`), in the reader's language. */
export function weekdayName(day: number, width: 'short' | 'long'): string {
  const date = new Date(mondayNoon + (day - 1) * 86_400_000);
  const name = new Intl.DateTimeFormat(language.value, { weekday: width, timeZone: 'UTC' }).format(date);
  return width === 'short' ? name.replace(/\.$/, '') : name;
}

/** Runs of days as the school says them: «пн–сб», «пн, ср, пт», «пн–пт, вс». */
export function daysPhrase(days: readonly number[]): string {
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const day of sorted) {
    const last = runs.at(-1);
    if (last && last[1] === day - 1) last[1] = day;
    else runs.push([day, day]);
  }
  return runs
    .map(([first, last]) => {
      if (first === last) return weekdayName(first, 'short');
      const joint = last === first + 1 ? ', ' : '–';
      return `${weekdayName(first, 'short')}${joint}${weekdayName(last, 'short')}`;
    })
    .join(', ');
}

type Window = Pick<TWorkingHours, 'days' | 'opensAt' | 'closesAt'>;

/** «пн–сб, 07:30–20:00». */
export function hoursWhen(hours: Window): string {
  return t('workHours.when', { days: daysPhrase(hours.days), from: hours.opensAt, to: hours.closesAt });
}

/** «Рабочее время школы: пн–сб, 07:30–20:00», split where the days and hours go (kept on one line). */
export function hoursSummary(hours: Window): { before: string; when: string; after: string } {
  const [before = '', after = ''] = t('workHours.summary', { when: '\u0001' }).split('\u0001');
  return { before, when: hoursWhen(hours), after };
}

function calendarDay(day: string, withYear: boolean): string {
  const [year, month, date] = day.split('-').map(Number);
  const options: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', timeZone: 'UTC' };
  if (withYear) options.year = 'numeric';
  return new Intl.DateTimeFormat(language.value, options)
    .format(new Date(Date.UTC(year!, month! - 1, date!, 12)))
    .replace(/\s*г\.$/, '');
}

/**
 * The days of a holiday: «4 ноября» or «30 декабря – 8 января 2027», the
 * year said only where it is not `thisYear` (once, at the end, when both ends share it).
 */
export function holidayDates(holiday: Pick<THoliday, 'from' | 'to'>, thisYear: number): string {
  return holidayEnds(holiday, thisYear).join(' – ');
}

/** The first and the last day of a holiday as `holidayDates` says them; one for a single day. */
export function holidayEnds(holiday: Pick<THoliday, 'from' | 'to'>, thisYear: number): string[] {
  const fromYear = Number(holiday.from.slice(0, 4));
  const toYear = Number(holiday.to.slice(0, 4));
  if (holiday.to === holiday.from) return [calendarDay(holiday.from, fromYear !== thisYear)];
  return [
    calendarDay(holiday.from, fromYear !== toYear && fromYear !== thisYear),
    calendarDay(holiday.to, toYear !== thisYear),
  ];
}
