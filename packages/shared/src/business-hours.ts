import { z } from 'zod';
import { isTimeZone } from './i18n-locales.ts';

/**
 * A business-hours calendar (docs/business-hours.md): the opening ranges of each weekday, in wall-clock time of the
 * calendar's own time zone, and whole days off. Metrics' business-hours twins and SLA due times count only the
 * time inside these ranges.
 */
export const BUSINESS_HOURS_LIMITS = { rangesPerDay: 6, holidays: 366, timeZone: 64 } as const;

const clockTime = /^([01]\d|2[0-3]):[0-5]\d$/;
const isClock = (value: string) => value === '24:00' || clockTime.test(value);

/** An IANA name the runtime knows; offset forms ("+01:00") are refused so a calendar always follows DST. */
const isZoneName = (name: string) => /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(name) && isTimeZone(name);

/** A real calendar date written YYYY-MM-DD. */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export const businessRangeSchema = z
  .strictObject({
    start: z.string().regex(clockTime, { message: 'must be a time HH:MM between 00:00 and 23:59' }),
    end: z
      .string()
      .max(5, 'must be a time HH:MM between 00:01 and 24:00')
      .refine(isClock, 'must be a time HH:MM between 00:01 and 24:00'),
  })
  // Zero-padded HH:MM strings order like the times they name; a malformed time already has its own message.
  .refine((range) => !clockTime.test(range.start) || !isClock(range.end) || range.end > range.start, {
    message: 'must end after it starts',
    path: ['end'],
  });

const businessDaySchema = z
  .array(businessRangeSchema)
  .max(BUSINESS_HOURS_LIMITS.rangesPerDay, { message: `at most ${BUSINESS_HOURS_LIMITS.rangesPerDay} ranges a day` })
  .superRefine((ranges, ctx) => {
    for (let i = 1; i < ranges.length; i++) {
      if (ranges[i]!.start < ranges[i - 1]!.end) {
        ctx.addIssue({
          code: 'custom',
          message: 'ranges must be in order and must not overlap',
          path: [i, 'start'],
        });
      }
    }
  });

export const businessCalendarSchema = z.strictObject({
  timeZone: z
    .string()
    .max(BUSINESS_HOURS_LIMITS.timeZone)
    .refine(isZoneName, 'must be an IANA time zone such as Europe/Paris'),
  /** Monday first, Sunday last. */
  week: z.array(businessDaySchema).length(7, { message: 'must list 7 days, Monday to Sunday' }),
  /** Whole local days off in the calendar's zone. */
  holidays: z
    .array(z.string().max(10, 'must be a date YYYY-MM-DD').refine(isCalendarDate, 'must be a date YYYY-MM-DD'))
    .max(BUSINESS_HOURS_LIMITS.holidays, { message: `at most ${BUSINESS_HOURS_LIMITS.holidays} holidays` })
    .refine((days) => new Set(days).size === days.length, 'must not list a date twice'),
});

export type BusinessRange = z.infer<typeof businessRangeSchema>;
export type BusinessCalendar = z.infer<typeof businessCalendarSchema>;

/** Open around the clock: business time equals elapsed time. */
export const ALWAYS_OPEN: BusinessCalendar = {
  timeZone: 'UTC',
  week: Array.from({ length: 7 }, () => [{ start: '00:00', end: '24:00' }]),
  holidays: [],
};
