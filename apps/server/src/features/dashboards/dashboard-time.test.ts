import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import {
  addDays,
  coveringPieces,
  effectiveGrain,
  historyBefore,
  hourKeys,
  localMidnight,
  mondayOf,
  pointDays,
  pointKeys,
} from './dashboard-time.ts';

const iso = (d: Date) => d.toISOString();

describe('dashboard time: local days, weeks and months of a brand', () => {
  it('local midnight across the DST changes of Paris and New York', () => {
    expect(iso(localMidnight('2026-03-29', 'Europe/Paris'))).toBe('2026-03-28T23:00:00.000Z');
    expect(iso(localMidnight('2026-03-30', 'Europe/Paris'))).toBe('2026-03-29T22:00:00.000Z');
    expect(iso(localMidnight('2026-10-26', 'Europe/Paris'))).toBe('2026-10-25T23:00:00.000Z');
    expect(iso(localMidnight('2026-03-08', 'America/New_York'))).toBe('2026-03-08T05:00:00.000Z');
    expect(iso(localMidnight('2026-03-09', 'America/New_York'))).toBe('2026-03-09T04:00:00.000Z');
    // A 23-hour and a 25-hour day as hour points.
    const hours = (date: string, next: string, zone: string) =>
      hourKeys(localMidnight(date, zone), localMidnight(next, zone)).length;
    expect(hours('2026-03-29', '2026-03-30', 'Europe/Paris')).toBe(23);
    expect(hours('2026-10-25', '2026-10-26', 'Europe/Paris')).toBe(25);
    expect(hours('2026-11-01', '2026-11-02', 'America/New_York')).toBe(25);
  });

  it('local midnight equals luxon start of day for every day of two years in zones with unusual changes', () => {
    const zones = [
      'Europe/Paris',
      'America/New_York',
      'America/Santiago',
      'Australia/Lord_Howe',
      'Asia/Kolkata',
      'UTC',
    ];
    for (const zone of zones) {
      for (let d = '2025-01-01'; d < '2027-01-01'; d = addDays(d, 1)) {
        expect([zone, iso(localMidnight(d, zone))]).toEqual([
          zone,
          DateTime.fromISO(d, { zone }).startOf('day').toJSDate().toISOString(),
        ]);
      }
    }
  });

  it('covers a range with month rows for whole months and day rows around them', () => {
    const pieces = coveringPieces('b', 'Europe/Paris', '2026-01-15', '2026-04-10');
    expect(pieces.map((p) => [p.grain, iso(p.lo), iso(p.hi)])).toEqual([
      ['day', '2026-01-14T23:00:00.000Z', '2026-01-31T23:00:00.000Z'],
      ['month', '2026-01-31T23:00:00.000Z', '2026-03-31T22:00:00.000Z'],
      ['day', '2026-03-31T22:00:00.000Z', '2026-04-10T22:00:00.000Z'],
    ]);
    expect(coveringPieces('b', 'UTC', '2026-03-01', '2026-03-31').map((p) => p.grain)).toEqual(['month']);
    expect(coveringPieces('b', 'UTC', '2026-03-02', '2026-03-30').map((p) => p.grain)).toEqual(['day']);
    expect(historyBefore('b', 'UTC', '2026-03-01').map((p) => p.grain)).toEqual(['month']);
    expect(historyBefore('b', 'UTC', '2026-03-05').map((p) => [p.grain, iso(p.lo), iso(p.hi)])[1]).toEqual([
      'day',
      '2026-03-01T00:00:00.000Z',
      '2026-03-05T00:00:00.000Z',
    ]);
  });

  it('weeks start on Monday and points are clipped to the range', () => {
    expect(mondayOf('2026-03-01')).toBe('2026-02-23');
    expect(mondayOf('2026-03-02')).toBe('2026-03-02');
    expect(pointKeys('week', '2026-03-01', '2026-03-16')).toEqual([
      '2026-02-23',
      '2026-03-02',
      '2026-03-09',
      '2026-03-16',
    ]);
    expect(pointDays('week', '2026-02-23', { from: '2026-03-01', to: '2026-03-16' })).toEqual({
      from: '2026-03-01',
      to: '2026-03-01',
    });
    expect(pointKeys('month', '2026-01-31', '2026-03-01')).toEqual(['2026-01-01', '2026-02-01', '2026-03-01']);
    expect(pointDays('month', '2026-02-01', { from: '2026-01-31', to: '2026-12-31' })).toEqual({
      from: '2026-02-01',
      to: '2026-02-28',
    });
  });

  it('keeps every series under 1,000 points by coarsening the grain', () => {
    expect(effectiveGrain('hour', '2026-03-01', '2026-03-31', false)).toBe('hour');
    expect(effectiveGrain('hour', '2026-03-01', '2026-04-01', false)).toBe('day');
    expect(effectiveGrain('hour', '2026-03-01', '2026-03-01', true)).toBe('day');
    expect(effectiveGrain('day', '2024-01-01', '2026-09-26', false)).toBe('day');
    expect(effectiveGrain('day', '2024-01-01', '2026-12-31', false)).toBe('week');
    expect(pointKeys('week', '2024-01-01', '2026-12-31').length).toBeLessThanOrEqual(1000);
  });
});
