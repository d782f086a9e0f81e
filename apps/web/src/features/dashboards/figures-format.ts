import type { DashboardGrain } from '@perch/shared';

/** How the dashboard writes its figures (pure, so they are tested without rendering). */

const unit = (locale: string, name: string, value: number) =>
  new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'narrow' }).format(value);

/**
 * A duration in two units at most, in the interface language: "45s", "12min", "3h 20min", "2d 4h". Medians of
 * response times span seconds to days, so one fixed unit would read badly at one end or the other.
 */
export function formatMs(ms: number | null, locale: string): string {
  if (ms === null || !Number.isFinite(ms)) return '—';
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return unit(locale, 'second', seconds);
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return unit(locale, 'minute', minutes);
  const hours = Math.floor(minutes / 60);
  if (hours < 48) {
    const rest = minutes % 60;
    return rest ? `${unit(locale, 'hour', hours)} ${unit(locale, 'minute', rest)}` : unit(locale, 'hour', hours);
  }
  const days = Math.floor(hours / 24);
  const rest = hours % 24;
  return rest ? `${unit(locale, 'day', days)} ${unit(locale, 'hour', rest)}` : unit(locale, 'day', days);
}

/** A duration in minutes (the charts' axis: one unit for the whole axis). */
export function msToMinutes(ms: number | null): number | null {
  return ms === null ? null : Math.round((ms / 60_000) * 10) / 10;
}

export function formatCount(value: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(value);
}

/** 0.923 → "92.3 %" (or "92,3 %" in French); null → "—". */
export function formatRatio(value: number | null, locale: string): string {
  if (value === null || !Number.isFinite(value)) return '—';
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value);
}

/**
 * A bucket's label in the brand's time zone: the hour for hour buckets, the day for days and weeks (a week is
 * named by its Monday), the month for months. The drill-down buttons are named with it.
 */
export function formatBucket(start: string, grain: DashboardGrain, locale: string, timeZone: string | null): string {
  const date = new Date(start);
  if (Number.isNaN(date.getTime())) return start;
  const options: Intl.DateTimeFormatOptions =
    grain === 'hour'
      ? { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }
      : grain === 'month'
        ? { month: 'long', year: 'numeric' }
        : { year: 'numeric', month: 'short', day: 'numeric' };
  try {
    return new Intl.DateTimeFormat(locale, timeZone ? { ...options, timeZone } : options).format(date);
  } catch {
    return new Intl.DateTimeFormat(locale, options).format(date);
  }
}

/** A short axis tick for a bucket (day and month, or the hour). */
export function formatTick(start: string, grain: DashboardGrain, locale: string, timeZone: string | null): string {
  const options: Intl.DateTimeFormatOptions =
    grain === 'hour'
      ? { hour: 'numeric' }
      : grain === 'month'
        ? { month: 'short', year: '2-digit' }
        : { month: 'short', day: 'numeric' };
  try {
    return new Intl.DateTimeFormat(locale, timeZone ? { ...options, timeZone } : options).format(new Date(start));
  } catch {
    return new Intl.DateTimeFormat(locale, options).format(new Date(start));
  }
}

/** The relative change from `previous` to `current`; null when there is nothing to compare with. */
export function relativeChange(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null || previous === 0) return null;
  return (current - previous) / previous;
}
