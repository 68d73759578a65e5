import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  defaultWorkingHours,
  instantOf,
  isWorkingTime,
  localTime,
  nextOpening,
  type TWorkingHours,
} from './hours.js';

const MOSCOW = 'Europe/Moscow';
const at = (iso: string) => new Date(iso);
const open = (iso: string, zone = MOSCOW, hours = defaultWorkingHours) => isWorkingTime(hours, zone, at(iso));

describe('working hours', () => {
  it('open at 07:30:00 and until 19:59:59, closed at 07:29:59 and from 20:00:00 (Moscow, a Wednesday)', () => {
    expect(open('2026-12-02T07:29:59+03:00')).toBe(false);
    expect(open('2026-12-02T07:30:00+03:00')).toBe(true);
    expect(open('2026-12-02T19:59:59+03:00')).toBe(true);
    expect(open('2026-12-02T20:00:00+03:00')).toBe(false);
  });

  it('keep Saturday and close on Sunday by default', () => {
    expect(open('2026-12-05T10:00:00+03:00')).toBe(true);
    expect(open('2026-12-06T10:00:00+03:00')).toBe(false);
  });

  it('send a message written after hours to the next opening: the same morning, the next day, Monday', () => {
    const next = (iso: string) => nextOpening(defaultWorkingHours, MOSCOW, at(iso))?.toISOString();
    expect(next('2026-12-02T06:00:00+03:00')).toBe('2026-12-02T04:30:00.000Z');
    expect(next('2026-12-02T21:04:00+03:00')).toBe('2026-12-03T04:30:00.000Z');
    expect(next('2026-12-05T20:00:00+03:00')).toBe('2026-12-07T04:30:00.000Z');
    expect(next('2026-12-02T12:00:00+03:00')).toBe('2026-12-02T09:00:00.000Z');
  });

  it('skip a holiday and the winter break', () => {
    const hours: TWorkingHours = {
      ...defaultWorkingHours,
      holidays: [
        { from: '2026-12-31', to: '2026-12-31', name: '' },
        { from: '2027-01-01', to: '2027-01-08', name: 'Зимние каникулы' },
      ],
    };
    expect(open('2026-12-31T10:00:00+03:00', MOSCOW, hours)).toBe(false);
    expect(nextOpening(hours, MOSCOW, at('2026-12-30T20:30:00+03:00'))?.toISOString()).toBe(
      '2027-01-09T04:30:00.000Z',
    );
  });

  it('follow daylight saving where a zone has it (Berlin): 07:30 is 06:30 UTC in summer, 05:30 in winter', () => {
    const berlin = 'Europe/Berlin';
    // Clocks go forward on Sunday 28 March 2027; a Saturday evening message waits for Monday.
    expect(nextOpening(defaultWorkingHours, berlin, at('2027-03-27T21:00:00+01:00'))?.toISOString()).toBe(
      '2027-03-29T05:30:00.000Z',
    );
    expect(nextOpening(defaultWorkingHours, berlin, at('2027-03-26T21:00:00+01:00'))?.toISOString()).toBe(
      '2027-03-27T06:30:00.000Z',
    );
    expect(open('2027-07-01T05:29:59Z', berlin)).toBe(false);
    expect(open('2027-07-01T05:30:00Z', berlin)).toBe(true);
  });

  it('take a wall time the clocks skip as the moment after the skip', () => {
    expect(instantOf('2027-03-28', 2 * 60 + 30, 'Europe/Berlin').toISOString()).toBe(
      '2027-03-28T01:00:00.000Z',
    );
    expect(instantOf('2027-10-31', 7 * 60 + 30, 'Europe/Berlin').toISOString()).toBe(
      '2027-10-31T06:30:00.000Z',
    );
  });

  it('stay open round the clock from 00:00 to 24:00 on every day', () => {
    const always: TWorkingHours = {
      ...defaultWorkingHours,
      opensAt: '00:00',
      closesAt: '24:00',
      days: [1, 2, 3, 4, 5, 6, 7],
    };
    for (const time of [
      '2026-12-06T00:00:00+03:00',
      '2026-12-06T23:59:59+03:00',
      '2026-12-07T00:00:00+03:00',
    ]) {
      expect(isWorkingTime(always, MOSCOW, at(time)), time).toBe(true);
    }
  });

  it('answer null for a calendar with no working day in two years', () => {
    const never: TWorkingHours = {
      ...defaultWorkingHours,
      holidays: [{ from: '2026-01-01', to: '2030-12-31', name: '' }],
    };
    expect(nextOpening(never, MOSCOW, at('2026-12-02T21:00:00+03:00'))).toBeNull();
  });
});

const zones = [
  'Europe/Moscow',
  'Europe/Berlin',
  'America/New_York',
  'Asia/Kamchatka',
  'Australia/Lord_Howe',
  'UTC',
];
const clock = fc.integer({ min: 0, max: 23 * 60 + 58 });
const calendar = fc
  .record({
    opens: clock,
    length: fc.integer({ min: 1, max: 12 * 60 }),
    days: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
    holidays: fc.array(
      fc.record({ start: fc.integer({ min: 0, max: 60 }), length: fc.integer({ min: 0, max: 12 }) }),
      { maxLength: 3 },
    ),
  })
  .map(({ opens, length, days, holidays }): TWorkingHours => {
    const hhmm = (m: number) =>
      `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    const day = (offset: number) => new Date(Date.UTC(2027, 2, 1 + offset)).toISOString().slice(0, 10);
    return {
      ...defaultWorkingHours,
      opensAt: hhmm(opens),
      closesAt: hhmm(Math.min(opens + length, 23 * 60 + 59)),
      days,
      holidays: holidays.map(({ start, length: n }) => ({ from: day(start), to: day(start + n), name: '' })),
    };
  });

describe('the next opening, for any calendar and zone', () => {
  it('is inside the hours, not before the message, and no minute between them is', () => {
    const MINUTE = 60_000;
    fc.assert(
      fc.property(
        calendar,
        fc.constantFrom(...zones),
        // February to May 2027: both spring clock changes of the zones above fall inside.
        fc.integer({ min: Date.UTC(2027, 1, 1), max: Date.UTC(2027, 4, 1) }),
        (hours, zone, sentAt) => {
          const sent = new Date(sentAt);
          const opening = nextOpening(hours, zone, sent)!;
          expect(opening).not.toBeNull();
          expect(opening.getTime()).toBeGreaterThanOrEqual(sent.getTime());
          expect(isWorkingTime(hours, zone, opening)).toBe(true);
          // Every minute boundary before the opening is outside the hours.
          for (let t = Math.ceil(sentAt / MINUTE) * MINUTE; t < opening.getTime(); t += MINUTE) {
            if (isWorkingTime(hours, zone, new Date(t))) {
              throw new Error(`open at ${new Date(t).toISOString()} (${localTime(new Date(t), zone).date})`);
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
