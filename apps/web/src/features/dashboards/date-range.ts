import { autoGrain, daysBetween, DASHBOARD_LIMITS, type DashboardGrain } from '@perch/shared';

/**
 * The dashboard's date range: a preset relative to today (kept as the preset in the URL, so a bookmarked "last 30
 * days" stays relative) or custom days. Days are calendar days of the brand's time zone (docs/dashboards.md):
 * "today" is read in that zone, and the server reads every day in each brand's own zone.
 */
export const RANGE_PRESETS = ['today', '7d', '30d', '90d', 'this_month', 'last_month', '12m', 'custom'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];
export const DEFAULT_PRESET: RangePreset = '30d';

export interface DayRange {
  from: string;
  to: string;
}

/** A grain the viewer picked, or 'auto' (the finest one the range allows, autoGrain). */
export type GrainChoice = 'auto' | DashboardGrain;

/** The calendar day (YYYY-MM-DD) at `now` in `timeZone` (the viewer's zone when null or unknown). */
export function todayIn(timeZone: string | null, now: number): string {
  const options: Intl.DateTimeFormatOptions = { year: 'numeric', month: '2-digit', day: '2-digit' };
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-CA', timeZone ? { ...options, timeZone } : options);
  } catch {
    format = new Intl.DateTimeFormat('en-CA', options);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(now)).map((p) => [p.type, p.value]));
  return `${parts['year']}-${parts['month']}-${parts['day']}`;
}

/** `date` moved by `days` whole days. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The first day of the month `months` months from `date`'s month (0 = its own month). */
function monthStart(date: string, months = 0): string {
  const [year, month] = date.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, month - 1 + months, 1)).toISOString().slice(0, 10);
}

/** The days a preset covers, ending today (last month: the whole previous month). */
export function presetRange(preset: Exclude<RangePreset, 'custom'>, today: string): DayRange {
  switch (preset) {
    case 'today':
      return { from: today, to: today };
    case '7d':
      return { from: addDays(today, -6), to: today };
    case '30d':
      return { from: addDays(today, -29), to: today };
    case '90d':
      return { from: addDays(today, -89), to: today };
    case 'this_month':
      return { from: monthStart(today), to: today };
    case 'last_month':
      return { from: monthStart(today, -1), to: addDays(monthStart(today), -1) };
    case '12m':
      // Twelve calendar months, the current one included (so each month bucket is whole but the last).
      return { from: monthStart(today, -11), to: today };
  }
}

/** A custom range the server accepts (dashboardScopeSchema): in order, at most DASHBOARD_LIMITS.rangeDaysMax days. */
export function isValidRange(range: DayRange): boolean {
  return range.from <= range.to && daysBetween(range.from, range.to) < DASHBOARD_LIMITS.rangeDaysMax;
}

/** How many buckets a series of the range has at `grain` (weeks start on Monday, as the server's do). */
export function bucketCount(range: DayRange, grain: DashboardGrain): number {
  const days = daysBetween(range.from, range.to) + 1;
  switch (grain) {
    case 'hour':
      return days * 24;
    case 'day':
      return days;
    case 'week': {
      // 0 = Monday: the days of the first partial week count towards its bucket.
      const weekday = (new Date(`${range.from}T00:00:00Z`).getUTCDay() + 6) % 7;
      return Math.ceil((days + weekday) / 7);
    }
    case 'month': {
      const [y1, m1] = range.from.split('-').map(Number) as [number, number];
      const [y2, m2] = range.to.split('-').map(Number) as [number, number];
      return (y2 - y1) * 12 + (m2 - m1) + 1;
    }
  }
}

/**
 * Whether the server draws the range at `grain`: never more than pointsMax points, and hours only over short
 * ranges without a dimension filter (hour rollups keep brand totals only; an agent's figures are always filtered).
 */
export function grainAllowed(range: DayRange, grain: DashboardGrain, filtered = false): boolean {
  if (grain === 'hour' && (filtered || daysBetween(range.from, range.to) + 1 > DASHBOARD_LIMITS.hourGrainDaysMax)) {
    return false;
  }
  return bucketCount(range, grain) <= DASHBOARD_LIMITS.pointsMax;
}

/** The grain the series are asked at: the viewer's choice when the range allows it, else the automatic one. */
export function effectiveGrain(range: DayRange, choice: GrainChoice, filtered = false): DashboardGrain {
  if (choice !== 'auto' && grainAllowed(range, choice, filtered)) return choice;
  const auto = autoGrain(range.from, range.to);
  return auto === 'hour' && filtered ? 'day' : auto;
}
