import type { ExportFilters } from '@/features/reports/export-url.ts';
import { addDays } from './date-range.ts';
import type { DashboardScope } from './drilldown.ts';

/** Milliseconds `timeZone` is ahead of UTC at `at`. */
function zoneOffset(at: number, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(new Date(at))
      .map((p) => [p.type, Number(p.value)]),
  );
  const part = (type: string) => parts[type] ?? 0;
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return wall - Math.floor(at / 1000) * 1000;
}

/** The instant a local day starts in `timeZone` (UTC when null: brands in several zones). */
export function localMidnight(date: string, timeZone: string | null): number {
  const utc = Date.parse(`${date}T00:00:00Z`);
  if (!timeZone) return utc;
  try {
    // Twice: the offset at the first guess may differ from the offset at the answer across a DST change.
    const guess = utc - zoneOffset(utc, timeZone);
    return utc - zoneOffset(guess, timeZone);
  } catch {
    return utc;
  }
}

const FILTER_FIELDS = {
  agent: 'assigneeUserIds',
  team: 'teamIds',
  channel: 'channelIds',
  priority: 'priorities',
  tag: 'tagIds',
  sentiment: 'sentiments',
  language: 'languages',
} as const;

/**
 * The conversation export (features/reports' ExportButton) of what the dashboard shows: the conversations created
 * in the period's days (read in the brands' zone), of its brands, under its filter (an agent filter exports that
 * agent's assigned conversations).
 */
export function dashboardExportFilters(scope: DashboardScope, timeZone: string | null): ExportFilters {
  const filters: ExportFilters = {
    brandIds: scope.brandIds,
    createdFrom: new Date(localMidnight(scope.from, timeZone)).toISOString(),
    createdTo: new Date(localMidnight(addDays(scope.to, 1), timeZone) - 1).toISOString(),
  };
  return scope.filter ? { ...filters, [FILTER_FIELDS[scope.filter.dimension]]: [scope.filter.value] } : filters;
}
