/**
 * Snooze presets. "Tomorrow 9:00" and "next week" are 9:00 in the brand's time zone when known (a French brand's
 * morning, not the agent's), else in the browser's.
 */
export type SnoozePreset = '1h' | '4h' | 'tomorrow' | 'nextWeek';
export const SNOOZE_PRESETS: readonly SnoozePreset[] = ['1h', '4h', 'tomorrow', 'nextWeek'];

interface Wall {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  weekday: number; // 0 = Sunday
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function validZone(timeZone: string | null | undefined): string | undefined {
  if (!timeZone) return undefined;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return timeZone;
  } catch {
    return undefined;
  }
}

/** The wall-clock time of `instant` in `timeZone` (the browser's when undefined). */
function wallTime(instant: number, timeZone: string | undefined): Wall {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    weekday: 'short',
  }).formatToParts(new Date(instant));
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '0';
  return {
    year: Number(get('year')),
    month: Number(get('month')),
    day: Number(get('day')),
    hour: Number(get('hour')) % 24,
    minute: Number(get('minute')),
    weekday: WEEKDAYS.indexOf(get('weekday')),
  };
}

/** The instant at which the wall clock of `timeZone` shows year-month-day hour:00. */
export function zonedInstant(
  date: { year: number; month: number; day: number; hour: number },
  timeZone: string | undefined,
): Date {
  const target = Date.UTC(date.year, date.month - 1, date.day, date.hour);
  let guess = target;
  // Two corrections settle the offset, across a DST change too.
  for (let i = 0; i < 2; i++) {
    const w = wallTime(guess, timeZone);
    const shown = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
    guess += target - shown;
  }
  return new Date(guess);
}

export function snoozeUntil(preset: SnoozePreset, now: Date, timeZone?: string | null): Date {
  const zone = validZone(timeZone);
  if (preset === '1h') return new Date(now.getTime() + 3_600_000);
  if (preset === '4h') return new Date(now.getTime() + 4 * 3_600_000);
  const today = wallTime(now.getTime(), zone);
  // Calendar arithmetic on a UTC date avoids the local zone's DST.
  const base = new Date(Date.UTC(today.year, today.month - 1, today.day));
  const days = preset === 'tomorrow' ? 1 : (8 - today.weekday) % 7 || 7; // next Monday
  base.setUTCDate(base.getUTCDate() + days);
  return zonedInstant(
    { year: base.getUTCFullYear(), month: base.getUTCMonth() + 1, day: base.getUTCDate(), hour: 9 },
    zone,
  );
}

/** A `datetime-local` value (the browser's zone) as an instant, or null when empty/invalid. */
export function parseLocalDateTime(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}
