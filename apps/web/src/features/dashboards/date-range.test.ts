import { describe, expect, it } from 'vitest';
import { bucketCount, effectiveGrain, grainAllowed, presetRange, todayIn } from './date-range.ts';

describe('dashboard date range', () => {
  it('reads "today" in the brand time zone', () => {
    const lateEvening = Date.parse('2026-03-10T23:30:00Z');
    expect(todayIn('Europe/Paris', lateEvening)).toBe('2026-03-11');
    expect(todayIn('America/New_York', lateEvening)).toBe('2026-03-10');
    expect(todayIn('Not/AZone', lateEvening)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('turns each preset into whole days ending today (last month: the whole previous month)', () => {
    const today = '2026-03-10';
    expect(presetRange('today', today)).toEqual({ from: today, to: today });
    expect(presetRange('7d', today)).toEqual({ from: '2026-03-04', to: today });
    expect(presetRange('30d', today)).toEqual({ from: '2026-02-09', to: today });
    expect(presetRange('90d', today)).toEqual({ from: '2025-12-11', to: today });
    expect(presetRange('this_month', today)).toEqual({ from: '2026-03-01', to: today });
    expect(presetRange('last_month', today)).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(presetRange('last_month', '2026-01-15')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(presetRange('12m', today)).toEqual({ from: '2025-04-01', to: today });
  });

  it('counts the buckets of a range at each grain (weeks start on Monday)', () => {
    const march = { from: '2026-03-01', to: '2026-03-31' };
    expect(bucketCount(march, 'hour')).toBe(31 * 24);
    expect(bucketCount(march, 'day')).toBe(31);
    // Sunday 1 March is in the week of Monday 23 February; then 5 more Mondays.
    expect(bucketCount(march, 'week')).toBe(6);
    expect(bucketCount(march, 'month')).toBe(1);
    expect(bucketCount({ from: '2025-11-15', to: '2026-02-01' }, 'month')).toBe(4);
  });

  it('chooses the grain: the automatic one by default, the viewer’s when the range allows it', () => {
    const today = { from: '2026-03-10', to: '2026-03-10' };
    const month = { from: '2026-02-09', to: '2026-03-10' };
    const year = { from: '2025-04-01', to: '2026-03-10' };
    const threeYears = { from: '2023-03-12', to: '2026-03-10' };
    expect(effectiveGrain(today, 'auto')).toBe('hour');
    expect(effectiveGrain(month, 'auto')).toBe('day');
    expect(effectiveGrain(year, 'auto')).toBe('week');
    expect(effectiveGrain(month, 'week')).toBe('week');
    expect(effectiveGrain(month, 'hour')).toBe('hour');
    // Hours only up to 31 days, and never under a filter (hour rollups keep brand totals only).
    expect(grainAllowed(year, 'hour')).toBe(false);
    expect(effectiveGrain(year, 'hour')).toBe('week');
    expect(grainAllowed(month, 'hour', true)).toBe(false);
    expect(effectiveGrain(today, 'auto', true)).toBe('day');
    expect(effectiveGrain(today, 'hour', true)).toBe('day');
    // Never more than 1,000 points: three years of days is too many.
    expect(grainAllowed(threeYears, 'day')).toBe(false);
    expect(effectiveGrain(threeYears, 'day')).toBe('week');
    expect(effectiveGrain(threeYears, 'month')).toBe('month');
  });
});
