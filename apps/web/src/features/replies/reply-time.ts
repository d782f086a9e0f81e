/** A delivery time: "2:05 PM" today, with the date otherwise; in the brand's time zone when known. */
export function deliveryTime(at: string, locale: string, timeZone?: string, now: Date = new Date()): string {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return '';
  const zone = (options: Intl.DateTimeFormatOptions) => {
    try {
      return new Intl.DateTimeFormat(locale, { ...options, ...(timeZone ? { timeZone } : {}) });
    } catch {
      // An unknown time zone: the viewer's.
      return new Intl.DateTimeFormat(locale, options);
    }
  };
  const day = zone({ year: 'numeric', month: '2-digit', day: '2-digit' });
  const sameDay = day.format(date) === day.format(now);
  return zone(
    sameDay
      ? { hour: 'numeric', minute: '2-digit' }
      : { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' },
  ).format(date);
}
