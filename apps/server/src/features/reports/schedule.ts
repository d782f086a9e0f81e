import { DateTime } from 'luxon';
import type { ReportFrequency } from './reports.schemas.ts';

export interface Schedule {
  frequency: ReportFrequency;
  /** 1 = Monday … 7 = Sunday (weekly). */
  weekday: number | null;
  hour: number;
  timeZone: string;
}

/**
 * The first sending time strictly after `after`: the schedule's local hour in its time zone, every day or on its
 * weekday. Computed on local calendar days with luxon, so it stays at the same wall-clock hour across daylight
 * saving changes; an hour the clocks skip (02:00 on the spring-forward night) is sent at the first instant after
 * the gap (03:00), an hour that happens twice (autumn) at its first occurrence.
 */
export function nextRunAt(schedule: Schedule, after: Date): Date {
  const start = DateTime.fromJSDate(after, { zone: schedule.timeZone }).startOf('day');
  for (let days = 0; days <= 8; days++) {
    const day = start.plus({ days });
    if (schedule.frequency === 'weekly' && day.weekday !== schedule.weekday) continue;
    const at = day.set({ hour: schedule.hour, minute: 0, second: 0, millisecond: 0 });
    if (at.toMillis() > after.getTime()) return at.toJSDate();
  }
  throw new Error('unreachable: a matching day exists within a week');
}

/** The period a report sent at `at` covers: the previous local day, or the 7 local days before that day. */
export interface ReportPeriod {
  /** Local calendar dates (ISO, yyyy-mm-dd) in the report's time zone, oldest first. */
  dates: string[];
  from: Date;
  to: Date;
  label: string;
}

export function reportPeriod(frequency: ReportFrequency, timeZone: string, at: Date): ReportPeriod {
  const today = DateTime.fromJSDate(at, { zone: timeZone }).startOf('day');
  const days = frequency === 'daily' ? 1 : 7;
  const first = today.minus({ days });
  const dates = Array.from({ length: days }, (_, i) => first.plus({ days: i }).toISODate()!);
  const label = days === 1 ? dates[0]! : `${dates[0]} – ${dates[days - 1]}`;
  return { dates, from: first.toJSDate(), to: today.toJSDate(), label };
}
