import { describe, expect, it } from 'vitest';
import { startOfDayIn } from './channel-health.ts';

describe('startOfDayIn (events today, in the brand time zone)', () => {
  it.each([
    ['Europe/Paris', '2026-11-29T10:00:00.000Z', '2026-11-28T23:00:00.000Z'],
    ['Europe/Paris', '2026-11-28T23:30:00.000Z', '2026-11-28T23:00:00.000Z'], // 00:30 in Paris
    ['Europe/Paris', '2026-07-01T21:59:00.000Z', '2026-06-30T22:00:00.000Z'], // summer time
    ['Europe/Paris', '2026-03-29T12:00:00.000Z', '2026-03-28T23:00:00.000Z'], // the day clocks go forward
    ['Europe/Paris', '2026-10-25T12:00:00.000Z', '2026-10-24T22:00:00.000Z'], // the day clocks go back
    ['America/New_York', '2026-11-29T03:00:00.000Z', '2026-11-28T05:00:00.000Z'], // still the 28th there
    ['Asia/Kolkata', '2026-11-29T20:00:00.000Z', '2026-11-29T18:30:00.000Z'],
    ['Pacific/Kiritimati', '2026-11-29T09:00:00.000Z', '2026-11-28T10:00:00.000Z'],
    ['UTC', '2026-11-29T23:59:59.999Z', '2026-11-29T00:00:00.000Z'],
    ['Not/A_Zone', '2026-11-29T10:00:00.000Z', '2026-11-29T00:00:00.000Z'], // unknown: UTC
  ])('%s at %s → %s', (zone, now, expected) => {
    expect(startOfDayIn(zone, new Date(now)).toISOString()).toBe(expected);
  });
});
