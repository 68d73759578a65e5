import { daysBetween, localTime } from '@parta/protocol';
import { language, t } from '../i18n/index.js';

const formats = new Map<string, Intl.DateTimeFormat>();

function format(
  timeZone: string,
  options: Intl.DateTimeFormatOptions,
  locale: string = language.value,
): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let found = formats.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    formats.set(key, found);
  }
  return found;
}

/** The calendar day in the school's zone, as `YYYY-MM-DD`. */
export function dayKey(date: Date, timeZone: string): string {
  return format(timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' }, 'en-CA').format(date);
}

function shiftDay(key: string, days: number): string {
  const [year, month, day] = key.split('-').map(Number);
  return new Date(Date.UTC(year!, month! - 1, day! + days)).toISOString().slice(0, 10);
}

/** «07:30», 24-hour clock, in the school's zone. */
export function clock(date: Date, timeZone: string): string {
  return format(timeZone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(date);
}

/** «12 декабря», or «12 декабря 2024» for another year. */
export function calendarDate(date: Date, timeZone: string, now = new Date()): string {
  const sameYear = dayKey(date, timeZone).slice(0, 4) === dayKey(now, timeZone).slice(0, 4);
  const options: Intl.DateTimeFormatOptions = sameYear
    ? { day: 'numeric', month: 'long' }
    : { day: 'numeric', month: 'long', year: 'numeric' };
  return format(timeZone, options)
    .format(date)
    .replace(/\s*г\.$/, '');
}

/** «сегодня в 07:30», «вчера в 21:04», «12 декабря». */
export function whenShort(iso: string, timeZone: string, now = new Date()): string {
  const date = new Date(iso);
  const day = dayKey(date, timeZone);
  const today = dayKey(now, timeZone);
  if (day === today) return t('time.todayAt', { time: clock(date, timeZone) });
  if (day === shiftDay(today, -1)) return t('time.yesterdayAt', { time: clock(date, timeZone) });
  return calendarDate(date, timeZone, now);
}

/**
 * The chat list's time, short so that titles keep their room: «13:10» today,
 * «вчера», then «12 дек.» (with the year when it is another one).
 */
export function listTime(iso: string, timeZone: string, now = new Date()): string {
  const date = new Date(iso);
  const day = dayKey(date, timeZone);
  const today = dayKey(now, timeZone);
  if (day === today) return clock(date, timeZone);
  if (day === shiftDay(today, -1)) return t('time.yesterdayShort');
  const sameYear = day.slice(0, 4) === today.slice(0, 4);
  return format(
    timeZone,
    sameYear ? { day: 'numeric', month: 'short' } : { day: 'numeric', month: 'short', year: '2-digit' },
  )
    .format(date)
    .replace(/\s*г\.$/, '');
}

/** A day separator in a chat: «Сегодня», «Вчера», «12 декабря». */
export function dayTitle(iso: string, timeZone: string, now = new Date()): string {
  const date = new Date(iso);
  const day = dayKey(date, timeZone);
  const today = dayKey(now, timeZone);
  if (day === today) return t('time.today');
  if (day === shiftDay(today, -1)) return t('time.yesterday');
  return calendarDate(date, timeZone, now);
}

/** «12 декабря в 18:00» (for deadlines and sessions). */
export function whenFull(iso: string, timeZone: string, now = new Date()): string {
  const date = new Date(iso);
  return t('time.dateAt', { date: calendarDate(date, timeZone, now), time: clock(date, timeZone) });
}

/** A calendar day given as `YYYY-MM-DD`, with its year: «1 июля 2027». */
export function fullDate(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return format('UTC', { day: 'numeric', month: 'long', year: 'numeric' })
    .format(new Date(Date.UTC(year!, month! - 1, date!, 12)))
    .replace(/\s*г\.$/, '');
}

/** How a day ahead or behind is named: today, tomorrow/yesterday, a weekday within six days, else its date. */
function nearDay(
  date: Date,
  timeZone: string,
  now: Date,
): { kind: 'today' | 'tomorrow' | 'yesterday' | 'weekday' | 'date'; weekday: number } {
  const days = daysBetween(now, date, timeZone);
  const weekday = localTime(date, timeZone).weekday;
  if (days === 0) return { kind: 'today', weekday };
  if (days === 1) return { kind: 'tomorrow', weekday };
  if (days === -1) return { kind: 'yesterday', weekday };
  if (Math.abs(days) <= 6) return { kind: 'weekday', weekday };
  return { kind: 'date', weekday };
}

/**
 * A moment near `now`, either way: «сегодня в 07:30», «завтра в 07:30»,
 * «вчера в 21:04», «в понедельник в 07:30» / «во вторник в 21:04» (within
 * six days), else «3 января в 07:30».
 */
export function whenNear(date: Date, timeZone: string, now: Date): string {
  const time = clock(date, timeZone);
  const day = nearDay(date, timeZone, now);
  if (day.kind === 'today') return t('time.todayAt', { time });
  if (day.kind === 'tomorrow') return t('time.tomorrowAt', { time });
  if (day.kind === 'yesterday') return t('time.yesterdayAt', { time });
  if (day.kind === 'weekday') return t(`time.weekdayAt.${day.weekday}`, { time });
  return t('time.dateAt', { date: calendarDate(date, timeZone, now), time });
}

/** The day a thing is set for, as after «на»: «сегодня», «завтра», «понедельник», «среду», «3 января». */
export function dayFor(date: Date, timeZone: string, now: Date): string {
  const day = nearDay(date, timeZone, now);
  if (day.kind === 'today') return t('time.onDay.today');
  if (day.kind === 'tomorrow') return t('time.onDay.tomorrow');
  if (day.kind === 'weekday') return t(`time.onDay.${day.weekday}`);
  return calendarDate(date, timeZone, now);
}
