import { useTranslation } from 'react-i18next';

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
