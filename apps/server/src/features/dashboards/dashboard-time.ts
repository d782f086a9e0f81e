import { DASHBOARD_LIMITS, daysBetween, type DashboardGrain } from '@perch/shared';
import { addDays, localDate, localMidnight, mondayOf, monthOf, nextMonth } from '../../lib/local-days.ts';

export { addDays, localDate, localMidnight, mondayOf, monthOf, nextMonth };

/**
 * Calendar arithmetic of the dashboards (docs/dashboards.md, "Ranges and time zones"). A range is whole local days
 * of each brand's zone; day and month rollups are keyed by local midnight, hour rollups by UTC hours. Dates are
 * 'YYYY-MM-DD' strings: plain calendar days, free of any zone until a brand's zone turns them into instants.
 */

/** Today in `zone`. */
export const todayIn = (zone: string, now: Date) => localDate(now, zone);

/** A span of rollup rows of one brand: `grain` rows whose bucket is in [lo, hi). */
export interface RollupPiece {
  brandId: string;
  zone: string;
  grain: 'hour' | 'day' | 'month';
  lo: Date;
  hi: Date;
}

/**
 * The rollup rows covering the local days [from, to] of one brand with the fewest rows: month rows for whole months
 * inside, day rows for the days around them.
 */
export function coveringPieces(brandId: string, zone: string, from: string, to: string): RollupPiece[] {
  const end = addDays(to, 1);
  const firstWhole = from.endsWith('-01') ? from : nextMonth(from);
  const lastWholeEnd = monthOf(end);
  const at = (date: string) => localMidnight(date, zone);
  const piece = (grain: 'day' | 'month', a: string, b: string): RollupPiece[] =>
    a < b ? [{ brandId, zone, grain, lo: at(a), hi: at(b) }] : [];
  if (firstWhole >= lastWholeEnd) return piece('day', from, end);
  return [
    ...piece('day', from, firstWhole),
    ...piece('month', firstWhole, lastWholeEnd),
    ...piece('day', lastWholeEnd, end),
  ];
}

/** Every rollup row of one brand before local day `date` (month rows, then the days of `date`'s month). */
export function historyBefore(brandId: string, zone: string, date: string): RollupPiece[] {
  const month = monthOf(date);
  const pieces: RollupPiece[] = [
    { brandId, zone, grain: 'month', lo: new Date('1970-01-01T00:00:00Z'), hi: localMidnight(month, zone) },
  ];
  if (month < date)
    pieces.push({ brandId, zone, grain: 'day', lo: localMidnight(month, zone), hi: localMidnight(date, zone) });
  return pieces;
}

/**
 * The grain a series is built at: the one asked, made coarser while it would give more than pointsMax points (or
 * hours over more than hourGrainDaysMax days). Hour rollups have no dimension rows: with a filter, hours become days.
 */
export function effectiveGrain(grain: DashboardGrain, from: string, to: string, filtered: boolean): DashboardGrain {
  const days = daysBetween(from, to) + 1;
  let g = grain;
  if (g === 'hour' && (days > DASHBOARD_LIMITS.hourGrainDaysMax || filtered)) g = 'day';
  if (g === 'day' && days > DASHBOARD_LIMITS.pointsMax) g = 'week';
  if (g === 'week' && Math.ceil(days / 7) + 1 > DASHBOARD_LIMITS.pointsMax) g = 'month';
  return g;
}

/** The key of the point a local day belongs to at a day, week or month grain. */
export function pointKey(grain: Exclude<DashboardGrain, 'hour'>, date: string): string {
  if (grain === 'week') return mondayOf(date);
  if (grain === 'month') return monthOf(date);
  return date;
}

/** The keys of every point of the range [from, to] at a day, week or month grain, in order. */
export function pointKeys(grain: Exclude<DashboardGrain, 'hour'>, from: string, to: string): string[] {
  const keys: string[] = [];
  for (let key = pointKey(grain, from); key <= to;) {
    keys.push(key);
    key = grain === 'day' ? addDays(key, 1) : grain === 'week' ? addDays(key, 7) : nextMonth(key);
  }
  return keys;
}

/** The local days [from, to] of the point keyed `key`, clipped to the range. */
export function pointDays(grain: Exclude<DashboardGrain, 'hour'>, key: string, range: { from: string; to: string }) {
  const last = grain === 'day' ? key : grain === 'week' ? addDays(key, 6) : addDays(nextMonth(key), -1);
  return { from: key < range.from ? range.from : key, to: last > range.to ? range.to : last };
}

/** The UTC hours [lo, hi) as ISO instants, in order. */
export function hourKeys(lo: Date, hi: Date): string[] {
  const keys: string[] = [];
  const first = Math.floor(lo.getTime() / 3_600_000) * 3_600_000;
  for (let t = first; t < hi.getTime(); t += 3_600_000) keys.push(new Date(t).toISOString());
  return keys;
}
