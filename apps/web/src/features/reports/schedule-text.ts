/** Weekday names in the interface language, 1 = Monday … 7 = Sunday (1 January 2024 was a Monday). */
export function weekdayNames(locale: string): string[] {
  const format = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' });
  return Array.from({ length: 7 }, (_, i) => format.format(new Date(Date.UTC(2024, 0, 1 + i))));
}

export const hourText = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

/** Recipients as typed: commas, semicolons, spaces or new lines between addresses. */
export function splitRecipients(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The browser's time zone, the default of a new report. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
