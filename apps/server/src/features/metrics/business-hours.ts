import { IANAZone } from 'luxon';
import type { BusinessCalendar } from '@perch/shared';

/**
 * Business-time arithmetic on a calendar (docs/business-hours.md). Each weekday's ranges are wall-clock times on
 * each local date of the calendar's zone. A wall-clock time becomes an instant as "the first moment the clock on
 * the wall reads that time or later": on a spring-forward day a time the clock skips becomes the instant of the
 * jump, and on a fall-back day a repeated time is its first occurrence. One monotonic mapping for starts and ends
 * keeps adjacent ranges adjacent and makes a range last exactly as long as the team at the wall clock works it
 * (01:30–03:30 on the spring-forward day is 1 h, 02:00–03:00 on the fall-back day is 2 h).
 *
 * The work is one step and at most one time-zone lookup per local day (plus a binary search on the transition
 * days), so a year costs a few hundred steps, a few milliseconds.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** [start, end) in milliseconds: from local midnight in a prepared week, epoch instants once mapped. */
type Interval = readonly [number, number];

function minutesOf(clock: string): number {
  return Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
}

/** A calendar prepared once per call: the zone, the ranges in ms from local midnight, the holidays as day numbers. */
interface Prepared {
  zone: IANAZone;
  week: readonly (readonly Interval[])[];
  holidays: ReadonlySet<number>;
  /** Zone offsets sampled once per local day (see `sample`), memoised: consecutive days share them. */
  samples: Map<number, number>;
}

function prepare(calendar: BusinessCalendar): Prepared {
  const zone = IANAZone.create(calendar.timeZone);
  if (!zone.isValid) throw new RangeError(`unknown time zone: ${calendar.timeZone}`);
  const week = calendar.week.map((ranges) =>
    ranges.map(({ start, end }) => [minutesOf(start) * MINUTE, minutesOf(end) * MINUTE] as const),
  );
  return { zone, week, holidays: new Set(calendar.holidays.map((date) => Date.parse(date))), samples: new Map() };
}

function offsetMs(zone: IANAZone, instant: number): number {
  return Math.round(zone.offset(instant) * MINUTE);
}

/** The local date (as the epoch ms of its UTC midnight, a plain day counter) on which `instant` falls. */
function localDay(zone: IANAZone, instant: number): number {
  const wall = instant + offsetMs(zone, instant);
  return wall - (((wall % DAY) + DAY) % DAY);
}

/** Monday 0 … Sunday 6; day 0 of the epoch was a Thursday. */
function weekday(day: number): number {
  return (((Math.round(day / DAY) + 3) % 7) + 7) % 7;
}

/** The zone's offset 16 h before the day's wall-clock midnight read as UTC: earlier than any instant of the day. */
function sample(calendar: Prepared, day: number): number {
  let offset = calendar.samples.get(day);
  if (offset === undefined) {
    offset = offsetMs(calendar.zone, day - 16 * HOUR);
    calendar.samples.set(day, offset);
  }
  return offset;
}

/**
 * The mapping from wall-clock readings (epoch ms as if the wall clock were UTC) to instants for one local day.
 * Any reading of the day, at any offset from -14 h to +14 h, is an instant between the samples of this day and of
 * three days later; time zones change offset at most once in such 72 hours, so equal samples mean no transition.
 */
function wallToInstant(calendar: Prepared, day: number): (wall: number) => number {
  const before = sample(calendar, day);
  const after = sample(calendar, day + 3 * DAY);
  if (before === after) return (wall) => wall - before;
  const { zone } = calendar;
  return (wall) => {
    const early = wall - before;
    if (offsetMs(zone, early) === before) return early; // before the transition (first occurrence if repeated)
    const late = wall - after;
    if (offsetMs(zone, late) === after) return late;
    // The clock skips this reading: it is reached at the jump, between `late` (old offset) and `early` (new one).
    let [lo, hi] = [late, early];
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (offsetMs(zone, mid) === before) lo = mid;
      else hi = mid;
    }
    return hi;
  };
}

/** The open intervals of one local day, in order; none on a holiday. */
function openIntervals(calendar: Prepared, day: number): Interval[] {
  const ranges = calendar.week[weekday(day)] ?? [];
  if (ranges.length === 0 || calendar.holidays.has(day)) return [];
  const toInstant = wallToInstant(calendar, day);
  return ranges.map(([start, end]) => [toInstant(day + start), toInstant(day + end)] as const);
}

/** The business milliseconds between two instants; 0 when `to` is not after `from`. */
export function businessMs(calendar: BusinessCalendar, from: Date, to: Date): number {
  const [start, end] = [from.getTime(), to.getTime()];
  if (!(end > start)) return 0;
  const prepared = prepare(calendar);
  // One day of margin each side: where a transition sits at midnight, a day's ranges may begin before it.
  const lastDay = localDay(prepared.zone, end) + DAY;
  let total = 0;
  for (let day = localDay(prepared.zone, start) - DAY; day <= lastDay; day += DAY) {
    for (const [open, close] of openIntervals(prepared, day)) {
      total += Math.max(0, Math.min(close, end) - Math.max(open, start));
    }
  }
  return total;
}

/**
 * The instant at which `ms` business milliseconds have passed since `from` (an SLA due time). Time is counted,
 * not opening hours: `ms = 0` returns `from` itself even when closed (nothing is due later than it is owed), and
 * an amount that runs out exactly at a closing time returns that closing time, not the next opening.
 */
export function addBusinessMs(calendar: BusinessCalendar, from: Date, ms: number): Date {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError('business time to add must be a finite number ≥ 0');
  if (ms === 0) return new Date(from.getTime());
  if (!calendar.week.some((ranges) => ranges.length > 0)) {
    throw new RangeError('the business calendar is never open: no due time can be computed');
  }
  const prepared = prepare(calendar);
  const start = from.getTime();
  let remaining = ms;
  // Terminates: the week has open ranges and holidays are finite (the schema allows 366).
  for (let day = localDay(prepared.zone, start) - DAY; ; day += DAY) {
    for (const [open, close] of openIntervals(prepared, day)) {
      const begin = Math.max(open, start);
      if (close <= begin) continue;
      if (remaining <= close - begin) return new Date(begin + remaining);
      remaining -= close - begin;
    }
  }
}
