import { DateTime, IANAZone } from 'luxon';

/**
 * Local calendar days of a time zone, the one implementation the metrics' rollups (which day an instant falls in)
 * and the dashboards (which instants a range of days covers) share. Dates are 'YYYY-MM-DD' strings: plain calendar
 * days, free of any zone until a zone turns them into instants; a day lasts 23 or 25 hours across a DST change.
 */

const DAY_MS = 86_400_000;

/** `date` shifted by `days` calendar days. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The Monday starting the week of `date` (weeks start on Monday, ISO 8601). */
export function mondayOf(date: string): string {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addDays(date, -((weekday + 6) % 7));
}

/** The first day of `date`'s month. */
export const monthOf = (date: string) => `${date.slice(0, 7)}-01`;

/** The first day of the month after `date`'s. */
export function nextMonth(date: string): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/**
 * The instant of local midnight starting `date` in `zone` (a day of 23 or 25 hours across a DST change). From the
 * zone's offset (cheap: series compute hundreds of these per call), checked; luxon where midnight itself is skipped.
 */
export function localMidnight(date: string, zone: string): Date {
  const key = `${zone}|${date}`;
  const known = midnights.get(key);
  if (known !== undefined) return new Date(known);
  if (midnights.size >= 100_000) midnights.clear();
  const at = computeMidnight(date, zone);
  midnights.set(key, at.getTime());
  return at;
}

/** Local midnights already computed: a pure function of (zone, date), and zone offsets cost a formatToParts. */
const midnights = new Map<string, number>();

function computeMidnight(date: string, zone: string): Date {
  const z = IANAZone.create(zone);
  const utc = Date.parse(`${date}T00:00:00Z`);
  const first = utc - z.offset(utc) * 60_000;
  const offset = z.offset(first);
  const t = utc - offset * 60_000;
  if (z.isValid && z.offset(t) === offset) return new Date(t);
  return DateTime.fromISO(date, { zone }).startOf('day').toJSDate();
}

/** The local calendar date of an instant in `zone`. */
export function localDate(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).toISODate() ?? at.toISOString().slice(0, 10);
}
