import type { DashboardGrain } from '@perch/shared';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/lib/trpc.ts';
import type { DashboardUrlState } from '../dashboard-url.ts';
import { effectiveGrain, presetRange, todayIn, type DayRange } from '../date-range.ts';
import type { DashboardScope } from '../drilldown.ts';

export interface ResolvedScope {
  scope: DashboardScope;
  range: DayRange;
  grain: DashboardGrain;
  /** A dimension filter applies (always for an agent): no hour buckets. */
  filtered: boolean;
  /** The brands' time zone, or null when the brands shown are in several zones (each brand's days are its own). */
  timeZone: string | null;
}

/** The one time zone of these brands, or null when they have several (or none is known). */
export function sharedTimeZone(zones: readonly string[]): string | null {
  const distinct = [...new Set(zones)];
  return distinct.length === 1 ? distinct[0]! : null;
}

/**
 * What every dashboard query is about, from the URL state: the days of the range ("today" read in the brands'
 * zone), the brands, the filter, business hours, and the grain the series are asked at.
 */
export function useDashboardScope(organizationId: string, state: DashboardUrlState, isAgent: boolean) {
  const trpc = useTRPC();
  const brands = useQuery(trpc.brands.list.queryOptions({ organizationId }));
  // Read once per page visit: the range's days stay put while the page is open (a reload moves them).
  const [now] = useState(() => Date.now());
  const shown = (brands.data ?? []).filter((b) => !state.brandIds.length || state.brandIds.includes(b.id));
  const timeZone = sharedTimeZone(shown.map((b) => b.timeZone));
  const range: DayRange =
    state.preset === 'custom' && state.from && state.to
      ? { from: state.from, to: state.to }
      : presetRange(state.preset === 'custom' ? '30d' : state.preset, todayIn(timeZone, now));
  const resolved: ResolvedScope = {
    scope: {
      organizationId,
      brandIds: state.brandIds,
      from: range.from,
      to: range.to,
      businessHours: state.businessHours,
      filter: state.filter,
    },
    range,
    grain: effectiveGrain(range, state.grain, isAgent || state.filter !== null),
    filtered: isAgent || state.filter !== null,
    timeZone,
  };
  return { brands, resolved };
}
