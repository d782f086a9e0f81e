import { describe, expect, it } from 'vitest';
import { formatBucket, formatMs, formatRatio, relativeChange } from './figures-format.ts';
import { formatWait } from './components/wallboard-page.tsx';
import { wallboardRefreshes } from './wallboard-refresh.ts';

describe('dashboard figures', () => {
  it('writes durations in at most two units, in the interface language', () => {
    expect(formatMs(45_000, 'en')).toBe('45s');
    expect(formatMs(12 * 60_000, 'en')).toBe('12m');
    expect(formatMs(125 * 60_000, 'en')).toBe('2h 5m');
    expect(formatMs(50 * 3_600_000, 'en')).toBe('2d 2h');
    expect(formatMs(null, 'en')).toBe('—');
    expect(formatMs(125 * 60_000, 'fr')).toMatch(/^2\s?h 5\s?min$/);
    expect(formatRatio(0.9234, 'en')).toBe('92.3%');
    expect(relativeChange(90, 120)).toBe(-0.25);
    expect(relativeChange(90, 0)).toBeNull();
  });

  it('names buckets in the brand time zone (a Paris midnight is that day, not the day before)', () => {
    expect(formatBucket('2026-03-02T23:00:00.000Z', 'day', 'en', 'Europe/Paris')).toBe('Mar 3, 2026');
    expect(formatBucket('2026-02-28T23:00:00.000Z', 'month', 'en', 'Europe/Paris')).toBe('March 2026');
    expect(formatBucket('2026-03-03T13:00:00.000Z', 'hour', 'en', 'Europe/Paris')).toBe('Mar 3, 2:00 PM');
  });

  it('ticks the oldest wait as hours:minutes:seconds', () => {
    expect(formatWait(0)).toBe('0:00:00');
    expect(formatWait((62 * 60 + 5) * 1000)).toBe('1:02:05');
    expect(formatWait(30 * 3_600_000)).toBe('30:00:00');
  });

  it('refetches the wallboard on changes to what it shows, reconnections and dropped events', () => {
    for (const type of [
      'sla.changed',
      'conversation.updated',
      'conversation.created',
      'mention.received',
      'agents.changed',
      'resync',
    ]) {
      expect(wallboardRefreshes(type, false), type).toBe(true);
    }
    expect(wallboardRefreshes('ready', false)).toBe(false);
    expect(wallboardRefreshes('ready', true)).toBe(true);
    expect(wallboardRefreshes('tags.changed', true)).toBe(false);
    expect(wallboardRefreshes('presence.changed', true)).toBe(false);
  });
});
