import type { CountMetric, DashboardGrain, DurationMetric, SlaTarget } from '@perch/shared';
import type { FilterDimension } from './dashboard-url.ts';

/**
 * What a click on a figure asks the server (dashboards.drilldown): the figure's metric, and — depending on where
 * the click was — one bucket of a series, only the values at or above a threshold (a p90 point: everything at or
 * above p90), one SLA target, one breakdown row (a dimension value, '' for none, or a brand), one heatmap cell, or
 * the backlog (conversations open at the end of a bucket, or of the period).
 */
export type DrilldownMetric = DurationMetric | CountMetric | 'sla_breach' | 'sla_hit' | 'backlog';

export interface DashboardScope {
  organizationId: string;
  brandIds: string[];
  from: string;
  to: string;
  businessHours: boolean;
  filter: { dimension: FilterDimension; value: string } | null;
}

export interface DrillTarget {
  metric: DrilldownMetric;
  bucket: { start: string; grain: DashboardGrain } | null;
  minMs: number | null;
  slaTarget: SlaTarget | null;
  /** A breakdown row: its dimension value replaces the page's filter (brand rows narrow the brands instead). */
  row: { dimension: FilterDimension | 'brand'; value: string } | null;
  /** A heatmap cell: local weekday (0 = Monday) and hour; inbound only. */
  cell: { weekday: number; hour: number } | null;
  /** The panel's heading ("First response p90 · Nov 3, 2026"). */
  title: string;
}

export const DRILLDOWN_PAGE = 50;

export function drillTarget(target: Partial<DrillTarget> & Pick<DrillTarget, 'metric' | 'title'>): DrillTarget {
  return { bucket: null, minMs: null, slaTarget: null, row: null, cell: null, ...target };
}

/** The drilldown input of a target within the page's scope (without the page cursor, which the query adds). */
export function drilldownInput(scope: DashboardScope, target: DrillTarget) {
  const row = target.row;
  return {
    ...scope,
    brandIds: row?.dimension === 'brand' ? [row.value] : scope.brandIds,
    filter: row && row.dimension !== 'brand' ? { dimension: row.dimension, value: row.value } : scope.filter,
    metric: target.metric,
    bucket: target.bucket,
    cell: target.cell,
    // The server compares whole milliseconds; a percentile read from a histogram may carry a fraction.
    minMs: target.minMs === null ? null : Math.floor(target.minMs),
    slaTarget: target.slaTarget,
    limit: DRILLDOWN_PAGE,
  };
}

/**
 * Whether a breakdown row can be drilled into: only one dimension filter exists ('' = none, e.g. unassigned, is one),
 * so a row of another dimension than the page's filter (or, for an agent, whose figures are always filtered to
 * themself) cannot be narrowed further — except a brand row.
 */
export function rowDrillable(
  dimension: FilterDimension | 'brand',
  value: string,
  pageFilter: DashboardScope['filter'],
  isAgent: boolean,
): boolean {
  if (dimension === 'brand') return value !== '';
  if (isAgent) return false;
  return pageFilter === null || (pageFilter.dimension === dimension && pageFilter.value === value);
}

/**
 * Whether the server can break the scope down by `dimension`: rollups keep each dimension on its own, so under a
 * filter only the brands and the filter's own dimension can be (an agent is always filtered to themself).
 */
export function breakdownAllowed(
  dimension: FilterDimension | 'brand',
  pageFilter: DashboardScope['filter'],
  isAgent: boolean,
): boolean {
  if (dimension === 'brand') return true;
  if (isAgent) return dimension === 'agent';
  return pageFilter === null || pageFilter.dimension === dimension;
}
