import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { localDate, localMidnight } from './local-days.ts';

// Zones with DST, half- and quarter-hour offsets, a 30-minute DST shift (Lord Howe) and a skipped day (Apia, 2011).
const ZONES = [
  'UTC',
  'Europe/Paris',
  'America/New_York',
  'America/St_Johns',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'Pacific/Apia',
  'America/Santiago',
];

describe('local calendar days', () => {
  it("an instant's local date is the one luxon gives, in every zone, 1971–2100", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.integer({ min: Date.parse('1971-01-01T00:00:00Z'), max: Date.parse('2100-12-31T23:59:59Z') }),
        (zone, ms) => {
          const at = new Date(ms);
          expect(localDate(at, zone)).toBe(DateTime.fromJSDate(at, { zone }).toISODate());
        },
      ),
      { numRuns: 5_000 },
    );
  });

  it('changes date exactly at local midnight, across DST changes', () => {
    // Paris, the night clocks go forward (UTC+1 until 01:00 UTC): midnight is 23:00 UTC the day before.
    expect(localDate(new Date('2026-03-28T22:59:59.999Z'), 'Europe/Paris')).toBe('2026-03-28');
    expect(localDate(new Date('2026-03-28T23:00:00.000Z'), 'Europe/Paris')).toBe('2026-03-29');
    // New York, the day clocks go back: that day's midnight is still daylight time (UTC−4).
    expect(localDate(new Date('2026-11-01T03:59:59.999Z'), 'America/New_York')).toBe('2026-10-31');
    expect(localDate(new Date('2026-11-01T04:00:00.000Z'), 'America/New_York')).toBe('2026-11-01');
    // Each local midnight falls on its own date, and the instant before it on the day before.
    for (const zone of ZONES) {
      for (const date of ['2026-03-08', '2026-03-29', '2026-04-05', '2026-10-04', '2026-10-25', '2026-11-01']) {
        const midnight = localMidnight(date, zone);
        expect(localDate(midnight, zone)).toBe(date);
        expect(localDate(new Date(midnight.getTime() - 1), zone)).not.toBe(date);
      }
    }
  });

  it('reads a fixed offset as luxon does, and an unknown zone as UTC', () => {
    expect(localDate(new Date('2026-12-01T22:30:00Z'), 'UTC+3')).toBe('2026-12-02');
    expect(localDate(new Date('2026-12-01T22:30:00Z'), 'Not/A_Zone')).toBe('2026-12-01');
  });
});
