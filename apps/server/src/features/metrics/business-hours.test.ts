import { describe, expect, it } from 'vitest';
import { ALWAYS_OPEN, businessCalendarSchema, type BusinessCalendar, type BusinessRange } from '@perch/shared';
import { addBusinessMs, businessMs } from './business-hours.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const at = (iso: string) => new Date(iso);

const officeDay: BusinessRange[] = [
  { start: '09:00', end: '12:00' },
  { start: '13:00', end: '18:00' },
];
/** Monday–Friday 09:00–12:00 + 13:00–18:00 in Paris, 1 May 2026 (a Friday) off. */
const office: BusinessCalendar = {
  timeZone: 'Europe/Paris',
  week: [officeDay, officeDay, officeDay, officeDay, officeDay, [], []],
  holidays: ['2026-05-01'],
};
/** Open only on Sundays, in the given ranges: the DST transitions of 2026 all fall on Sundays. */
const sundays = (timeZone: string, ...ranges: BusinessRange[]): BusinessCalendar => ({
  timeZone,
  week: [[], [], [], [], [], [], ranges],
  holidays: [],
});

describe('businessMs on an office calendar (Paris, summer: UTC+2)', () => {
  it('counts the ranges inside one day and skips lunch', () => {
    // Monday 1 June 10:00 → 15:00: 10–12 and 13–15.
    expect(businessMs(office, at('2026-06-01T08:00:00Z'), at('2026-06-01T13:00:00Z'))).toBe(4 * HOUR);
  });

  it('skips the night', () => {
    // Monday 17:00 → Tuesday 10:00: 17–18 and 09–10.
    expect(businessMs(office, at('2026-06-01T15:00:00Z'), at('2026-06-02T08:00:00Z'))).toBe(2 * HOUR);
  });

  it('skips the weekend', () => {
    // Friday 5 June 16:00 → Monday 8 June 11:00: 16–18 and 09–11.
    expect(businessMs(office, at('2026-06-05T14:00:00Z'), at('2026-06-08T09:00:00Z'))).toBe(4 * HOUR);
  });

  it('skips a holiday', () => {
    // Thursday 30 April 17:00 → Monday 4 May 10:00; Friday 1 May is off: 17–18 and 09–10.
    expect(businessMs(office, at('2026-04-30T15:00:00Z'), at('2026-05-04T08:00:00Z'))).toBe(2 * HOUR);
  });

  it('counts a whole week as 40 hours, a closed stretch as 0, and a reversed span as 0', () => {
    expect(businessMs(office, at('2026-06-01T00:00:00Z'), at('2026-06-08T00:00:00Z'))).toBe(40 * HOUR);
    expect(businessMs(office, at('2026-06-06T00:00:00Z'), at('2026-06-07T12:00:00Z'))).toBe(0);
    expect(businessMs(office, at('2026-06-02T00:00:00Z'), at('2026-06-01T00:00:00Z'))).toBe(0);
  });

  it('keeps wall-clock hours over the spring-forward weekend (CET → CEST)', () => {
    // Friday 27 March 17:00 CET (16:00Z) → Monday 30 March 10:00 CEST (08:00Z): 17–18 and 09–10.
    expect(businessMs(office, at('2026-03-27T16:00:00Z'), at('2026-03-30T08:00:00Z'))).toBe(2 * HOUR);
  });

  it('sums a year in one pass: 52 weeks of 40 h, less the Friday holiday', () => {
    // Thursday 1 January 2026 → Friday 1 January 2027: 261 weekdays, one of them off.
    const started = performance.now();
    expect(businessMs(office, at('2025-12-31T23:00:00Z'), at('2026-12-31T23:00:00Z'))).toBe(260 * 8 * HOUR);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('addBusinessMs on an office calendar', () => {
  it('carries over the night and the weekend', () => {
    // Friday 17:00 + 3 h → 1 h on Friday, 2 h on Monday morning → Monday 11:00 (09:00Z).
    expect(addBusinessMs(office, at('2026-06-05T15:00:00Z'), 3 * HOUR)).toEqual(at('2026-06-08T09:00:00Z'));
  });

  it('starts counting at the next opening when asked at a closed time', () => {
    // Saturday noon + 30 min → Monday 09:30.
    expect(addBusinessMs(office, at('2026-06-06T10:00:00Z'), 30 * MINUTE)).toEqual(at('2026-06-08T07:30:00Z'));
  });

  it('skips a holiday', () => {
    // Thursday 30 April 17:30 + 1 h → 30 min on Thursday, Friday off, Monday 09:30.
    expect(addBusinessMs(office, at('2026-04-30T15:30:00Z'), HOUR)).toEqual(at('2026-05-04T07:30:00Z'));
  });

  it('ends at the closing time when the amount runs out exactly there', () => {
    // Monday 09:00 + 3 h → 12:00, not 13:00.
    expect(addBusinessMs(office, at('2026-06-01T07:00:00Z'), 3 * HOUR)).toEqual(at('2026-06-01T10:00:00Z'));
  });

  it('returns the start itself for 0, even when closed', () => {
    expect(addBusinessMs(office, at('2026-06-06T10:00:00Z'), 0)).toEqual(at('2026-06-06T10:00:00Z'));
  });

  it('refuses a negative amount and a calendar that is never open', () => {
    expect(() => addBusinessMs(office, at('2026-06-01T07:00:00Z'), -1)).toThrow(RangeError);
    expect(() => addBusinessMs(office, at('2026-06-01T07:00:00Z'), Number.NaN)).toThrow(RangeError);
    const closed: BusinessCalendar = { timeZone: 'Europe/Paris', week: [[], [], [], [], [], [], []], holidays: [] };
    expect(() => addBusinessMs(closed, at('2026-06-01T07:00:00Z'), HOUR)).toThrow(/never open/);
    expect(businessMs(closed, at('2026-06-01T07:00:00Z'), at('2026-06-30T07:00:00Z'))).toBe(0);
  });
});

describe('around the clock', () => {
  it('ALWAYS_OPEN equals elapsed time, over a year and over minutes', () => {
    const [a, b] = [at('2026-01-01T00:00:00Z'), at('2027-01-01T00:00:00Z')];
    expect(businessMs(ALWAYS_OPEN, a, b)).toBe(b.getTime() - a.getTime());
    expect(businessMs(ALWAYS_OPEN, a, at('2026-01-01T00:07:00.250Z'))).toBe(7 * MINUTE + 250);
    expect(addBusinessMs(ALWAYS_OPEN, a, 36 * HOUR)).toEqual(at('2026-01-02T12:00:00Z'));
  });

  it('a 24/7 calendar in a DST zone still equals elapsed time (23 h and 25 h days)', () => {
    const paris = { ...ALWAYS_OPEN, timeZone: 'Europe/Paris' };
    // The whole spring-forward Sunday in Paris: 29 March 00:00 CET → 30 March 00:00 CEST.
    expect(businessMs(paris, at('2026-03-28T23:00:00Z'), at('2026-03-29T22:00:00Z'))).toBe(23 * HOUR);
    // The whole fall-back Sunday: 25 October 00:00 CEST → 26 October 00:00 CET.
    expect(businessMs(paris, at('2026-10-24T22:00:00Z'), at('2026-10-25T23:00:00Z'))).toBe(25 * HOUR);
    expect(addBusinessMs(paris, at('2026-10-24T22:00:00Z'), 25 * HOUR)).toEqual(at('2026-10-25T23:00:00Z'));
  });
});

describe('Europe/Paris DST transitions (2026)', () => {
  it('spring forward, 29 March: 01:30–03:30 lasts 1 h; a range inside the skipped hour lasts 0', () => {
    // 01:30 CET = 00:30Z; the clock jumps 02:00 → 03:00 at 01:00Z; 03:30 CEST = 01:30Z.
    const night = sundays('Europe/Paris', { start: '01:30', end: '03:30' });
    expect(businessMs(night, at('2026-03-28T22:00:00Z'), at('2026-03-29T22:00:00Z'))).toBe(HOUR);
    const skipped = sundays('Europe/Paris', { start: '02:15', end: '02:45' });
    expect(businessMs(skipped, at('2026-03-28T22:00:00Z'), at('2026-03-29T22:00:00Z'))).toBe(0);
    // 02:30 does not exist: the range starts at the jump (01:00Z) and ends at 04:00 CEST (02:00Z).
    const late = sundays('Europe/Paris', { start: '02:30', end: '04:00' });
    expect(businessMs(late, at('2026-03-28T22:00:00Z'), at('2026-03-29T22:00:00Z'))).toBe(HOUR);
  });

  it('spring forward, 29 March: addBusinessMs counts across the jump', () => {
    // From Sunday 01:00 CET (00:00Z): work starts 00:30Z; 45 min later is 01:15Z, which reads 03:15 CEST.
    const night = sundays('Europe/Paris', { start: '01:30', end: '03:30' });
    expect(addBusinessMs(night, at('2026-03-29T00:00:00Z'), 45 * MINUTE)).toEqual(at('2026-03-29T01:15:00Z'));
    // 1 h 30 min is more than this Sunday holds (1 h): the rest is taken on 5 April, 01:30 CEST (23:30Z on the 4th).
    expect(addBusinessMs(night, at('2026-03-29T00:00:00Z'), 90 * MINUTE)).toEqual(at('2026-04-05T00:00:00Z'));
  });

  it('fall back, 25 October: 02:00–03:00 lasts 2 h; 01:30–03:30 lasts 3 h', () => {
    // 02:00 first occurs at 02:00 CEST = 00:00Z; 03:00 CET = 02:00Z.
    const repeated = sundays('Europe/Paris', { start: '02:00', end: '03:00' });
    expect(businessMs(repeated, at('2026-10-24T22:00:00Z'), at('2026-10-25T23:00:00Z'))).toBe(2 * HOUR);
    // 01:30 CEST = 23:30Z on the 24th; 03:30 CET = 02:30Z.
    const night = sundays('Europe/Paris', { start: '01:30', end: '03:30' });
    expect(businessMs(night, at('2026-10-24T22:00:00Z'), at('2026-10-25T23:00:00Z'))).toBe(3 * HOUR);
  });

  it('fall back, 25 October: addBusinessMs runs through both passes of the repeated hour', () => {
    const repeated = sundays('Europe/Paris', { start: '02:00', end: '03:00' });
    // From 02:00 CEST (00:00Z) + 90 min → 01:30Z, the second 02:30 (CET).
    expect(addBusinessMs(repeated, at('2026-10-25T00:00:00Z'), 90 * MINUTE)).toEqual(at('2026-10-25T01:30:00Z'));
    expect(addBusinessMs(repeated, at('2026-10-25T00:00:00Z'), 2 * HOUR)).toEqual(at('2026-10-25T02:00:00Z'));
  });

  it('keeps office hours the same wall-clock hours over the fall-back weekend', () => {
    // Friday 23 October 17:00 CEST (15:00Z) → Monday 26 October 10:00 CET (09:00Z): 17–18 and 09–10.
    expect(businessMs(office, at('2026-10-23T15:00:00Z'), at('2026-10-26T09:00:00Z'))).toBe(2 * HOUR);
    expect(addBusinessMs(office, at('2026-10-23T15:00:00Z'), 2 * HOUR)).toEqual(at('2026-10-26T09:00:00Z'));
  });
});

describe('America/New_York DST transitions (2026)', () => {
  it('spring forward, 8 March: 00:00–06:00 lasts 5 h; 02:00–03:00 does not exist', () => {
    // 00:00 EST = 05:00Z; the clock jumps 02:00 → 03:00 at 07:00Z; 06:00 EDT = 10:00Z.
    const early = sundays('America/New_York', { start: '00:00', end: '06:00' });
    expect(businessMs(early, at('2026-03-08T05:00:00Z'), at('2026-03-09T04:00:00Z'))).toBe(5 * HOUR);
    const skipped = sundays('America/New_York', { start: '02:00', end: '03:00' });
    expect(businessMs(skipped, at('2026-03-08T05:00:00Z'), at('2026-03-09T04:00:00Z'))).toBe(0);
    // From 00:00 EST + 4 h → 09:00Z, which reads 05:00 EDT.
    expect(addBusinessMs(early, at('2026-03-08T05:00:00Z'), 4 * HOUR)).toEqual(at('2026-03-08T09:00:00Z'));
  });

  it('fall back, 1 November: 00:00–06:00 lasts 7 h; 01:00–02:00 lasts 2 h', () => {
    // 00:00 EDT = 04:00Z; 06:00 EST = 11:00Z.
    const early = sundays('America/New_York', { start: '00:00', end: '06:00' });
    expect(businessMs(early, at('2026-11-01T04:00:00Z'), at('2026-11-02T05:00:00Z'))).toBe(7 * HOUR);
    // 01:00 first occurs at 01:00 EDT = 05:00Z; 02:00 EST = 07:00Z.
    const repeated = sundays('America/New_York', { start: '01:00', end: '02:00' });
    expect(businessMs(repeated, at('2026-11-01T04:00:00Z'), at('2026-11-02T05:00:00Z'))).toBe(2 * HOUR);
    // From 00:00 EDT + 6 h → 10:00Z, which reads 05:00 EST.
    expect(addBusinessMs(early, at('2026-11-01T04:00:00Z'), 6 * HOUR)).toEqual(at('2026-11-01T10:00:00Z'));
    expect(addBusinessMs(repeated, at('2026-11-01T05:30:00Z'), HOUR)).toEqual(at('2026-11-01T06:30:00Z'));
  });
});

describe('businessCalendarSchema', () => {
  const valid = { timeZone: 'Europe/Paris', week: office.week, holidays: ['2026-12-25'] };
  const messages = (value: unknown) =>
    businessCalendarSchema.safeParse(value).error?.issues.map((issue) => issue.message) ?? [];

  it('accepts a calendar, ALWAYS_OPEN, and 24:00 as an end', () => {
    expect(businessCalendarSchema.parse(valid)).toEqual(valid);
    expect(businessCalendarSchema.parse(ALWAYS_OPEN)).toEqual(ALWAYS_OPEN);
  });

  it('refuses unknown or offset time zones', () => {
    expect(messages({ ...valid, timeZone: 'Mars/Olympus' })).toEqual([
      'must be an IANA time zone such as Europe/Paris',
    ]);
    expect(messages({ ...valid, timeZone: '+01:00' })).toHaveLength(1);
  });

  it('refuses bad ranges: format, order, overlap, too many', () => {
    const day = (...ranges: BusinessRange[]) => ({ ...valid, week: [ranges, [], [], [], [], [], []] });
    expect(messages(day({ start: '9:00', end: '12:00' }))).toEqual(['must be a time HH:MM between 00:00 and 23:59']);
    expect(messages(day({ start: '24:00', end: '24:00' }))).toEqual(['must be a time HH:MM between 00:00 and 23:59']);
    expect(messages(day({ start: '12:00', end: '09:00' }))).toEqual(['must end after it starts']);
    expect(messages(day({ start: '09:00', end: '12:00' }, { start: '11:00', end: '13:00' }))).toEqual([
      'ranges must be in order and must not overlap',
    ]);
    const many = Array.from({ length: 7 }, (_, i) => ({ start: `0${i}:00`, end: `0${i}:30` }));
    expect(messages(day(...many))).toEqual(['at most 6 ranges a day']);
  });

  it('refuses a week that is not 7 days, impossible or repeated holidays, and too many holidays', () => {
    expect(messages({ ...valid, week: valid.week.slice(0, 6) })).toEqual(['must list 7 days, Monday to Sunday']);
    expect(messages({ ...valid, holidays: ['2026-02-30'] })).toEqual(['must be a date YYYY-MM-DD']);
    expect(messages({ ...valid, holidays: ['2026-12-25', '2026-12-25'] })).toEqual(['must not list a date twice']);
    const days = Array.from({ length: 367 }, (_, i) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10));
    expect(messages({ ...valid, holidays: days })).toEqual(['at most 366 holidays']);
  });
});
