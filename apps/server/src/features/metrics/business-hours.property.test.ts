import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALWAYS_OPEN, businessCalendarSchema, type BusinessCalendar, type BusinessRange } from '@perch/shared';
import { addBusinessMs, businessMs } from './business-hours.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Zones with 1 h DST both ways, a 30 min DST (Lord Howe), odd offsets, DST at midnight (Santiago), and none. */
const ZONES = [
  'UTC',
  'Europe/Paris',
  'America/New_York',
  'Australia/Lord_Howe',
  'America/St_Johns',
  'America/Santiago',
  'Pacific/Chatham',
  'Asia/Kolkata',
];
/** Instants near the 2026 transitions, where the mapping from wall clock to instants is hardest. */
const TRANSITIONS = [
  '2026-03-08T07:00:00Z',
  '2026-03-29T01:00:00Z',
  '2026-04-04T15:00:00Z',
  '2026-04-05T03:00:00Z',
  '2026-09-06T04:00:00Z',
  '2026-10-03T15:30:00Z',
  '2026-10-25T01:00:00Z',
  '2026-11-01T06:00:00Z',
].map((iso) => Date.parse(iso));

const clock = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** Up to 6 sorted, non-overlapping ranges, from distinct boundaries taken in pairs; sometimes the whole day. */
const day = fc.oneof(
  fc.uniqueArray(fc.integer({ min: 0, max: 1440 }), { maxLength: 12 }).map((bounds): BusinessRange[] => {
    const sorted = [...bounds].sort((a, b) => a - b);
    const ranges: BusinessRange[] = [];
    for (let i = 0; i + 1 < sorted.length; i += 2)
      ranges.push({ start: clock(sorted[i]!), end: clock(sorted[i + 1]!) });
    return ranges;
  }),
  fc.constant([{ start: '00:00', end: '24:00' }]),
);

const calendar: fc.Arbitrary<BusinessCalendar> = fc
  .record({
    timeZone: fc.constantFrom(...ZONES),
    week: fc.array(day, { minLength: 7, maxLength: 7 }),
    holidays: fc.uniqueArray(
      fc.integer({ min: 0, max: 500 }).map((i) => new Date(Date.UTC(2025, 11, 1 + i)).toISOString().slice(0, 10)),
      { maxLength: 30 },
    ),
  })
  .filter((c) => c.week.some((ranges) => ranges.length > 0))
  .map((c) => businessCalendarSchema.parse(c));

const instant = fc
  .oneof(
    fc.integer({ min: Date.UTC(2025, 11, 1), max: Date.UTC(2027, 1, 1) }),
    fc.tuple(fc.constantFrom(...TRANSITIONS), fc.integer({ min: -30 * HOUR, max: 30 * HOUR })).map(([t, d]) => t + d),
  )
  .map((ms) => new Date(ms));

describe('business time properties', () => {
  it('adding x business ms then measuring gives back x', () => {
    fc.assert(
      fc.property(calendar, instant, fc.integer({ min: 0, max: 3 * DAY }), (c, from, x) => {
        const due = addBusinessMs(c, from, x);
        expect(due.getTime()).toBeGreaterThanOrEqual(from.getTime());
        expect(businessMs(c, from, due)).toBe(x);
      }),
      { numRuns: 1_000 },
    );
  }, 30_000);

  it('is additive: a→b plus b→c equals a→c, and never exceeds elapsed time', () => {
    const gap = fc.integer({ min: 0, max: 60 * DAY });
    fc.assert(
      fc.property(calendar, instant, gap, gap, (c, a, ab, bc) => {
        const [b, d] = [new Date(a.getTime() + ab), new Date(a.getTime() + ab + bc)];
        expect(businessMs(c, a, b) + businessMs(c, b, d)).toBe(businessMs(c, a, d));
        expect(businessMs(c, a, d)).toBeLessThanOrEqual(ab + bc);
      }),
      { numRuns: 1_000 },
    );
  }, 30_000);

  it('open around the clock in any zone equals elapsed time', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), instant, instant, (timeZone, a, b) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        expect(businessMs({ ...ALWAYS_OPEN, timeZone }, from, to)).toBe(to.getTime() - from.getTime());
      }),
      { numRuns: 1_000 },
    );
  }, 30_000);
});
