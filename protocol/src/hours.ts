import { z } from 'zod/mini';
import { type Role, staffRoles, ZId, ZMessageId, ZTimestamp } from './common.js';
import { ZAttachment } from './files.js';
import { MAX_MESSAGE_LENGTH, ZQuote } from './messages.js';
import { ZLine, ZMultilineText } from './text-input.js';

/*
 * Working hours of study chats (regulation §6.2: questions are dealt with
 * from 07:30 to 20:00). The server decides with these functions whether a
 * message goes now or waits for the next opening; the web uses the same ones
 * to say so in the composer before anything is sent.
 */

/** The chat kinds a school may count as study chats (staff-only chats never are). */
export const studyChatKinds = [
  'class_parents',
  'class_students',
  'direct',
  'group',
  'announcement',
  'director_committee',
] as const;
export type StudyChatKind = (typeof studyChatKinds)[number];

const ZClockTime = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM'));
/** A closing time: up to '24:00', the end of the day (a school open round the clock). */
const ZClosingTime = z.string().check(z.regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'HH:MM'));
const ZCalendarDate = z.iso.date();

/** A day or a run of days off (holidays, «каникулы»), both ends included. */
export const ZHoliday = z.strictObject({
  from: ZCalendarDate,
  to: ZCalendarDate,
  name: z._default(ZLine.check(z.trim(), z.maxLength(80)), ''),
});
export type THoliday = z.infer<typeof ZHoliday>;

export const ZWorkingHours = z.object({
  /** local time of the school's zone, 'HH:MM' */
  opensAt: ZClockTime,
  closesAt: ZClosingTime,
  /** ISO weekdays: 1 Monday … 7 Sunday */
  days: z.array(z.int().check(z.gte(1), z.lte(7))).check(z.minLength(1), z.maxLength(7)),
  holidays: z.array(ZHoliday).check(z.maxLength(200)),
  studyKinds: z.array(z.enum(studyChatKinds)),
  /** class teachers may send urgently outside the hours too (administration always may) */
  classTeachersUrgent: z.boolean(),
});
export type TWorkingHours = z.infer<typeof ZWorkingHours>;

export const defaultWorkingHours: TWorkingHours = {
  opensAt: '07:30',
  closesAt: '20:00',
  days: [1, 2, 3, 4, 5, 6],
  holidays: [],
  studyKinds: ['class_parents', 'class_students', 'direct', 'group', 'announcement'],
  classTeachersUrgent: false,
};

/** What the administration changes; what is left out stays. */
export const ZWorkingHoursRequest = z.strictObject({
  opensAt: z.optional(ZClockTime),
  closesAt: z.optional(ZClosingTime),
  days: z.optional(
    z.array(z.int().check(z.gte(1), z.lte(7))).check(
      z.minLength(1),
      z.maxLength(7),
      z.refine((list) => new Set(list).size === list.length, 'each day once'),
    ),
  ),
  holidays: z.optional(
    z.array(ZHoliday.check(z.refine((day) => day.from <= day.to, 'from ≤ to'))).check(z.maxLength(200)),
  ),
  studyKinds: z.optional(
    z
      .array(z.enum(studyChatKinds))
      .check(z.refine((list) => new Set(list).size === list.length, 'each kind once')),
  ),
  classTeachersUrgent: z.optional(z.boolean()),
});
export type TWorkingHoursRequest = z.infer<typeof ZWorkingHoursRequest>;

export const ZWorkingHoursAnswer = z.object({
  hours: ZWorkingHours,
  timeZone: z.string(),
  /** the server's time when it answered: what «сегодня» and «завтра» are counted from */
  now: z.string(),
  policies: z.object({ edit: z.boolean(), seeReport: z.boolean() }),
});
export type TWorkingHoursAnswer = z.infer<typeof ZWorkingHoursAnswer>;

/**
 * A message written but not delivered yet: only its author sees it, at the
 * end of the chat, and may change or cancel it until `deliverAt`. 'hours':
 * written outside the working hours; 'scheduled': its author chose the time.
 */
export const ZPendingMessage = z.object({
  id: ZMessageId,
  chatId: ZId,
  clientId: z.string(),
  body: z.string(),
  replyTo: z.nullable(ZQuote),
  reason: z.enum(['hours', 'scheduled']),
  writtenAt: ZTimestamp,
  deliverAt: ZTimestamp,
  editedAt: z.nullable(ZTimestamp),
  attachments: z.optional(z.array(ZAttachment)),
  policies: z.object({ edit: z.boolean(), cancel: z.boolean() }),
});
export type TPendingMessage = z.infer<typeof ZPendingMessage>;

/** The reader's own waiting messages of one chat, soonest first. */
export const ZPendingList = z.object({ messages: z.array(ZPendingMessage) });
export type TPendingList = z.infer<typeof ZPendingList>;

/** A new text, or a new time (which makes it scheduled), or both. */
export const ZEditPendingRequest = z
  .strictObject({
    body: z.optional(ZMultilineText.check(z.trim(), z.minLength(1), z.maxLength(MAX_MESSAGE_LENGTH))),
    sendAt: z.optional(z.iso.datetime({ offset: true })),
  })
  .check(z.refine((edit) => edit.body !== undefined || edit.sendAt !== undefined, 'a text or a time'));
export type TEditPendingRequest = z.infer<typeof ZEditPendingRequest>;

/** Last week's count per class chat, for the administration: the hours are kept, and seen to be. */
export const ZHoursReport = z.object({
  from: ZTimestamp,
  to: ZTimestamp,
  chats: z.array(
    z.object({
      chatId: ZId,
      title: z.string(),
      held: z.int().check(z.nonnegative()),
      urgent: z.int().check(z.nonnegative()),
      scheduled: z.int().check(z.nonnegative()),
    }),
  ),
});
export type THoursReport = z.infer<typeof ZHoursReport>;

/** A person only of a family (a parent, a student): a chat with one is a study chat. */
export function isFamilyOnly(roles: readonly Role[]): boolean {
  return roles.length > 0 && roles.every((role) => !staffRoles.includes(role));
}

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

interface LocalTime {
  /** 'YYYY-MM-DD' */
  date: string;
  /** ISO weekday, 1 Monday … 7 Sunday */
  weekday: number;
  /** minutes since local midnight */
  minutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let made = formatters.get(timeZone);
  if (!made) {
    made = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, made);
  }
  return made;
}

function wallClock(
  at: Date,
  timeZone: string,
): { y: number; m: number; d: number; h: number; mi: number; s: number } {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(at)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    y: parts.year!,
    m: parts.month!,
    d: parts.day!,
    h: parts.hour!,
    mi: parts.minute!,
    s: parts.second!,
  };
}

/** The date, weekday and minute of the day at `at` in `timeZone`. */
export function localTime(at: Date, timeZone: string): LocalTime {
  const { y, m, d, h, mi } = wallClock(at, timeZone);
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay() || 7;
  return { date: isoDate(y, m, d), weekday, minutes: h * 60 + mi };
}

const isoDate = (y: number, m: number, d: number) =>
  `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** How far the zone's wall clock is ahead of UTC at `at`, in ms. */
function offsetAt(at: Date, timeZone: string): number {
  const { y, m, d, h, mi, s } = wallClock(at, timeZone);
  return Date.UTC(y, m - 1, d, h, mi, s) - Math.floor(at.getTime() / 1000) * 1000;
}

/**
 * The instant the zone's clocks show `minutes` past midnight of `date`. A
 * time the clocks skip (the hour lost to summer time) is taken as the
 * first instant after the skip.
 */
export function instantOf(date: string, minutes: number, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, 0, minutes);
  let guess = wall - offsetAt(new Date(wall), timeZone);
  guess = wall - offsetAt(new Date(guess), timeZone);
  const shown = localTime(new Date(guess), timeZone);
  if (shown.date === date && shown.minutes === minutes) return new Date(guess);
  // The wall time does not exist: find, minute by minute across the skip, when the clocks pass it.
  const HALF_DAY = 12 * 60 * 60 * 1000;
  const offsets = [
    offsetAt(new Date(wall - HALF_DAY), timeZone),
    offsetAt(new Date(wall + HALF_DAY), timeZone),
  ];
  const latest = wall - Math.min(...offsets);
  for (let t = wall - Math.max(...offsets); t < latest; t += 60_000) {
    const local = localTime(new Date(t), timeZone);
    if (local.date > date || (local.date === date && local.minutes >= minutes)) return new Date(t);
  }
  return new Date(latest);
}

function isWorkingDay(hours: TWorkingHours, day: LocalTime): boolean {
  return (
    hours.days.includes(day.weekday) &&
    !hours.holidays.some((holiday) => holiday.from <= day.date && day.date <= holiday.to)
  );
}

/** Inside the working hours at `at`: 07:30:00 is, 19:59:59 is, 20:00:00 is not. */
export function isWorkingTime(hours: TWorkingHours, timeZone: string, at: Date): boolean {
  const local = localTime(at, timeZone);
  return (
    isWorkingDay(hours, local) &&
    minutesOf(hours.opensAt) <= local.minutes &&
    local.minutes < minutesOf(hours.closesAt)
  );
}

/** Two years of days off in a row means a calendar nobody meant: deliver rather than hold forever. */
const LONGEST_LOOKAHEAD_DAYS = 2 * 366;

/**
 * When a message written at `at` may go: `at` itself inside the hours, else
 * the next opening; null when the calendar has no working day for two years.
 */
export function nextOpening(hours: TWorkingHours, timeZone: string, at: Date): Date | null {
  if (isWorkingTime(hours, timeZone, at)) return at;
  const today = localTime(at, timeZone);
  const opens = minutesOf(hours.opensAt);
  const [y, m, d] = today.date.split('-').map(Number) as [number, number, number];
  for (let ahead = 0; ahead <= LONGEST_LOOKAHEAD_DAYS; ahead++) {
    const day = new Date(Date.UTC(y, m - 1, d + ahead));
    const date = isoDate(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate());
    if (!isWorkingDay(hours, { date, weekday: day.getUTCDay() || 7, minutes: 0 })) continue;
    const opening = instantOf(date, opens, timeZone);
    if (opening.getTime() >= at.getTime()) return opening;
  }
  return null;
}

/** Days from `from`'s local date to `to`'s (0: the same day, 1: the next …) in the zone. */
export function daysBetween(from: Date, to: Date, timeZone: string): number {
  const a = localTime(from, timeZone).date;
  const b = localTime(to, timeZone).date;
  return Math.round((Date.parse(b) - Date.parse(a)) / (24 * 60 * 60 * 1000));
}
