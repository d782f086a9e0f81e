import { useTranslation } from '@/lib/use-translation.tsx';

export interface DateFormatOptions {
  /** IANA time zone (a brand's); the browser's when omitted. */
  timeZone?: string | undefined;
  /** 'datetime' (default) or 'date'. */
  style?: 'datetime' | 'date';
}

const DATE: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'short', day: 'numeric' };
const TIME: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit' };

/**
 * A date (and time) in `locale`. With a brand's `timeZone`, the time is the brand's local time and says which
 * zone it is in ("Jan 5, 2026, 10:30 AM EST"); without, it is the viewer's.
 */
export function formatDate(value: string | Date, locale: string, options: DateFormatOptions = {}): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return '';
  const withTime = (options.style ?? 'datetime') === 'datetime';
  const parts: Intl.DateTimeFormatOptions = withTime ? { ...DATE, ...TIME } : { ...DATE };
  try {
    return new Intl.DateTimeFormat(locale, {
      ...parts,
      ...(options.timeZone ? { timeZone: options.timeZone, ...(withTime ? { timeZoneName: 'short' } : {}) } : {}),
    }).format(date);
  } catch {
    // An unknown time zone: fall back to the viewer's.
    return new Intl.DateTimeFormat(locale, parts).format(date);
  }
}

/** Dates in the interface language (the user's profile locale). */
export function useFormatDate() {
  const { i18n } = useTranslation();
  return (value: string | Date, options?: DateFormatOptions) => formatDate(value, i18n.language, options);
}

const RELATIVE_UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400],
  ['month', 30 * 86_400],
  ['week', 7 * 86_400],
  ['day', 86_400],
  ['hour', 3600],
  ['minute', 60],
];

/** "5 minutes ago" / "il y a 5 minutes" in `locale`; "now" under a minute. */
export function formatRelative(value: string | Date, locale: string, now: number = Date.now()): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return '';
  const seconds = Math.round((date.getTime() - now) / 1000);
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of RELATIVE_UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.trunc(seconds / size), unit);
  }
  return format.format(0, 'second');
}
