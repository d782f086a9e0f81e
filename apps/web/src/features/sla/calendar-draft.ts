import {
  BUSINESS_HOURS_LIMITS,
  businessCalendarSchema,
  isCalendarDate,
  isTimeZone,
  type BusinessCalendar,
} from '@perch/shared';

/**
 * The business-hours editor's working copy of a brand calendar (docs/business-hours.md). Ranges carry a key so
 * React keeps each row's inputs while ranges are added and removed; `calendarOf` gives what the server stores.
 */
export interface RangeDraft {
  key: number;
  start: string;
  end: string;
}

export interface CalendarDraft {
  timeZone: string;
  /** Monday first, Sunday last; an empty day is closed. */
  week: RangeDraft[][];
  holidays: string[];
}

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

let nextKey = 1;
export const range = (start: string, end: string): RangeDraft => ({ key: nextKey++, start, end });

export type WeekPreset = 'office' | 'always';

/** Monday to Friday 9:00–18:00, or around the clock: the two weeks most teams start from. */
export function presetWeek(preset: WeekPreset): RangeDraft[][] {
  return WEEKDAYS.map((_, day) =>
    preset === 'always' ? [range('00:00', '24:00')] : day < 5 ? [range('09:00', '18:00')] : [],
  );
}

/** The stored calendar to edit, or (when the brand has none) office hours in the brand's time zone. */
export function draftOf(calendar: BusinessCalendar | null, brandTimeZone: string): CalendarDraft {
  if (!calendar) return { timeZone: brandTimeZone, week: presetWeek('office'), holidays: [] };
  return {
    timeZone: calendar.timeZone,
    week: calendar.week.map((day) => day.map((r) => range(r.start, r.end))),
    holidays: [...calendar.holidays].sort(),
  };
}

/** A new range on a day: the hour after its last range (or 09:00–18:00 on a closed day). */
export function nextRange(day: readonly RangeDraft[]): RangeDraft {
  const last = day.at(-1);
  const hour = last && CLOCK.test(last.end) ? Number(last.end.slice(0, 2)) : null;
  if (hour === null) return range('09:00', '18:00');
  if (hour >= 23) return range(last!.end === '24:00' ? '23:00' : last!.end, '24:00');
  return range(last!.end, `${String(hour + 1).padStart(2, '0')}:${last!.end.slice(3)}`);
}

/** Why a field is refused: the rules of businessCalendarSchema, plus a week that is never open (no due time). */
export type CalendarError =
  | 'timeZone'
  | 'start'
  | 'end'
  | 'endAfterStart'
  | 'overlap'
  | 'tooManyRanges'
  | 'neverOpen'
  | 'date'
  | 'duplicateDate'
  | 'tooManyHolidays';

/** Where an error shows: 'timeZone', 'week', `day.<d>`, `range.<key>.start`, `range.<key>.end`, 'holidays'. */
export type CalendarErrors = Map<string, CalendarError[]>;

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;
const isEnd = (value: string) => value === '24:00' || CLOCK.test(value);
/** As businessCalendarSchema: an IANA name, never an offset ("+01:00" would not follow daylight-saving time). */
const isZoneName = (name: string) =>
  name.length <= BUSINESS_HOURS_LIMITS.timeZone &&
  /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(name) &&
  isTimeZone(name);

/** Accepts "9:00" and "9h30" as a person types them; anything else is left for the check to refuse. */
export function normalizeTime(value: string): string {
  const match = /^\s*(\d{1,2})\s*[:h.]\s*(\d{2})\s*$/i.exec(value) ?? /^\s*(\d{1,2})\s*h?\s*$/i.exec(value);
  if (!match) return value.trim();
  return `${match[1]!.padStart(2, '0')}:${match[2] ?? '00'}`;
}

/** Every refusal, at the field that causes it (the editor shows each next to its input). */
export function calendarErrors(draft: CalendarDraft): CalendarErrors {
  const errors: CalendarErrors = new Map();
  const add = (at: string, error: CalendarError) => errors.set(at, [...(errors.get(at) ?? []), error]);
  if (!isZoneName(draft.timeZone)) add('timeZone', 'timeZone');
  draft.week.forEach((day, d) => {
    if (day.length > BUSINESS_HOURS_LIMITS.rangesPerDay) add(`day.${d}`, 'tooManyRanges');
    const valid: RangeDraft[] = [];
    for (const r of day) {
      const startOk = CLOCK.test(r.start);
      const endOk = isEnd(r.end);
      if (!startOk) add(`range.${r.key}.start`, 'start');
      if (!endOk) add(`range.${r.key}.end`, 'end');
      if (startOk && endOk && r.end <= r.start) add(`range.${r.key}.end`, 'endAfterStart');
      if (startOk && endOk && r.end > r.start) valid.push(r);
    }
    // Ranges are saved in order (calendarOf sorts them): only an overlap is the manager's to fix.
    valid.sort((a, b) => a.start.localeCompare(b.start));
    for (let i = 1; i < valid.length; i++) {
      if (valid[i]!.start < valid[i - 1]!.end) add(`range.${valid[i]!.key}.start`, 'overlap');
    }
  });
  if (draft.week.every((day) => day.length === 0)) add('week', 'neverOpen');
  if (draft.holidays.length > BUSINESS_HOURS_LIMITS.holidays) add('holidays', 'tooManyHolidays');
  return errors;
}

/** Why a date cannot be added to the holidays, or null. */
export function holidayError(draft: CalendarDraft, date: string): CalendarError | null {
  if (!isCalendarDate(date)) return 'date';
  if (draft.holidays.includes(date)) return 'duplicateDate';
  if (draft.holidays.length >= BUSINESS_HOURS_LIMITS.holidays) return 'tooManyHolidays';
  return null;
}

/**
 * The calendar to save: each day's ranges in order, holidays sorted; null while the draft has errors, or when the
 * shared schema (the server's own check) still refuses it.
 */
export function calendarOf(draft: CalendarDraft): BusinessCalendar | null {
  if (calendarErrors(draft).size > 0) return null;
  const calendar: BusinessCalendar = {
    timeZone: draft.timeZone,
    week: draft.week.map((day) =>
      [...day].sort((a, b) => a.start.localeCompare(b.start)).map(({ start, end }) => ({ start, end })),
    ),
    holidays: [...draft.holidays].sort(),
  };
  return businessCalendarSchema.safeParse(calendar).success ? calendar : null;
}
