import { describe, expect, it } from 'vitest';
import { nextRunAt, reportPeriod } from './schedule.ts';

const at = (iso: string) => new Date(iso);

describe('nextRunAt: the local hour in the report’s time zone, DST-correct', () => {
  it('daily: later today when the hour is still ahead, else tomorrow', () => {
    const s = { frequency: 'daily' as const, weekday: null, hour: 8, timeZone: 'Europe/Paris' };
    expect(nextRunAt(s, at('2026-11-30T06:00:00Z'))).toEqual(at('2026-11-30T07:00:00Z'));
    expect(nextRunAt(s, at('2026-11-30T07:00:00Z'))).toEqual(at('2026-12-01T07:00:00Z'));
  });

  it('weekly: the next chosen weekday (Monday = 1), a week later when it is today and past', () => {
    const s = { frequency: 'weekly' as const, weekday: 1, hour: 9, timeZone: 'America/New_York' };
    // Monday 30 Nov 2026, 10:00 in New York (15:00Z): next Monday 7 Dec, 09:00 EST = 14:00Z.
    expect(nextRunAt(s, at('2026-11-30T15:00:00Z'))).toEqual(at('2026-12-07T14:00:00Z'));
    expect(nextRunAt(s, at('2026-11-30T13:00:00Z'))).toEqual(at('2026-11-30T14:00:00Z'));
    const friday = { ...s, weekday: 5 };
    expect(nextRunAt(friday, at('2026-11-30T15:00:00Z'))).toEqual(at('2026-12-04T14:00:00Z'));
  });

  it('keeps the wall-clock hour across the March and October changes (Paris, New York)', () => {
    const paris = { frequency: 'daily' as const, weekday: null, hour: 8, timeZone: 'Europe/Paris' };
    // Europe/Paris goes to summer time on 29 March 2026: 08:00 is 07:00Z the day before and 06:00Z that day.
    expect(nextRunAt(paris, at('2026-03-28T07:30:00Z'))).toEqual(at('2026-03-29T06:00:00Z'));
    // …and back on 25 October 2026: 08:00 is 06:00Z on the 24th, 07:00Z on the 25th.
    expect(nextRunAt(paris, at('2026-10-24T06:30:00Z'))).toEqual(at('2026-10-25T07:00:00Z'));
    const ny = { frequency: 'daily' as const, weekday: null, hour: 8, timeZone: 'America/New_York' };
    expect(nextRunAt(ny, at('2026-03-07T14:00:00Z'))).toEqual(at('2026-03-08T12:00:00Z'));
    expect(nextRunAt(ny, at('2026-10-31T13:00:00Z'))).toEqual(at('2026-11-01T13:00:00Z'));
  });

  it('an hour the clocks skip is sent just after the gap; a repeated hour at its first occurrence', () => {
    const skipped = { frequency: 'daily' as const, weekday: null, hour: 2, timeZone: 'Europe/Paris' };
    expect(nextRunAt(skipped, at('2026-03-28T12:00:00Z'))).toEqual(at('2026-03-29T01:00:00Z')); // 03:00 CEST
    const repeated = { ...skipped, timeZone: 'America/New_York', hour: 1 };
    expect(nextRunAt(repeated, at('2026-10-31T12:00:00Z'))).toEqual(at('2026-11-01T05:00:00Z')); // 01:00 EDT
  });
});

describe('reportPeriod', () => {
  it('daily: the previous local day; weekly: the 7 local days before', () => {
    const d = reportPeriod('daily', 'Europe/Paris', at('2026-11-30T07:00:00Z'));
    expect(d).toMatchObject({
      dates: ['2026-11-29'],
      from: at('2026-11-28T23:00:00Z'),
      to: at('2026-11-29T23:00:00Z'),
    });
    const w = reportPeriod('weekly', 'Europe/Paris', at('2026-11-30T07:00:00Z'));
    expect(w.dates).toEqual([
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
      '2026-11-28',
      '2026-11-29',
    ]);
    expect(w.label).toBe('2026-11-23 – 2026-11-29');
  });

  it('a day of 23 hours (spring forward) is the whole local day', () => {
    const p = reportPeriod('daily', 'Europe/Paris', at('2026-03-30T06:00:00Z'));
    expect(p.to.getTime() - p.from.getTime()).toBe(23 * 3600_000);
  });
});
