import { describe, expect, it } from 'vitest';
import { cellWindows } from './drilldown.service.ts';

const iso = (w: { lo: Date; hi: Date }) => [w.lo.toISOString(), w.hi.toISOString()];

describe('heatmap cell windows', () => {
  it('each occurrence of the local weekday and hour in the range, newest first', () => {
    // Mondays 09:00–10:00 in Paris (UTC+1 in winter) from Monday 2 to Sunday 15 March 2026.
    const windows = cellWindows('Europe/Paris', new Date('2026-03-01T23:00:00Z'), new Date('2026-03-15T23:00:00Z'), {
      weekday: 0,
      hour: 9,
    });
    expect(windows.map(iso)).toEqual([
      ['2026-03-09T08:00:00.000Z', '2026-03-09T09:00:00.000Z'],
      ['2026-03-02T08:00:00.000Z', '2026-03-02T09:00:00.000Z'],
    ]);
  });

  it('the repeated autumn hour is one two-hour window, the skipped spring hour none', () => {
    const sunday2 = { weekday: 6, hour: 2 };
    // 25 October 2026: Paris goes from UTC+2 to UTC+1 at 03:00, so 02:00–03:00 happens twice.
    const autumn = cellWindows(
      'Europe/Paris',
      new Date('2026-10-24T22:00:00Z'),
      new Date('2026-10-25T23:00:00Z'),
      sunday2,
    );
    expect(autumn.map(iso)).toEqual([['2026-10-25T00:00:00.000Z', '2026-10-25T02:00:00.000Z']]);
    // 29 March 2026: 02:00 does not exist in Paris.
    const spring = cellWindows(
      'Europe/Paris',
      new Date('2026-03-28T23:00:00Z'),
      new Date('2026-03-29T22:00:00Z'),
      sunday2,
    );
    expect(spring).toEqual([]);
  });

  it('clips the first and last windows to the range', () => {
    const windows = cellWindows('UTC', new Date('2026-03-02T09:30:00Z'), new Date('2026-03-02T09:45:00Z'), {
      weekday: 0,
      hour: 9,
    });
    expect(windows.map(iso)).toEqual([['2026-03-02T09:30:00.000Z', '2026-03-02T09:45:00.000Z']]);
  });
});
