import { z } from 'zod';
import { isCalendarDate } from './business-hours.ts';
import type { Priority } from './conversation.ts';
import { idSchema, isoDateTime, LIMITS } from './limits.ts';
import type { DashboardRetention } from './retention.ts';
import type { SlaTarget } from './sla.ts';

/**
 * Managers' dashboards (docs/dashboards.md), read from the metric rollups (docs/metrics.md). A range is whole local
 * days of each brand's time zone, `from` and `to` included. Figures are medians and p90 (from log-scale histograms,
 * within 5 % of exact), counts, and SLA achievement; every figure has a drill-down to its conversations.
 */

/** Duration metrics, as defined in docs/metrics.md. */
export const DURATION_METRICS = ['first_response', 'reply', 'resolution', 'full_resolution', 'requester_wait'] as const;
export type DurationMetric = (typeof DURATION_METRICS)[number];

/** Counted facts: inbound messages, sent replies, episodes started (new and reopened conversations), resolutions. */
export const COUNT_METRICS = ['inbound', 'outbound', 'episode_start', 'resolution_count'] as const;
export type CountMetric = (typeof COUNT_METRICS)[number];

/** One dimension at a time: rollups keep each dimension on its own (docs/metrics.md, "Rollups"). */
export const DASHBOARD_DIMENSIONS = [
  'brand',
  'agent',
  'team',
  'channel',
  'priority',
  'tag',
  'sentiment',
  'language',
] as const;
export type DashboardDimension = (typeof DASHBOARD_DIMENSIONS)[number];

export const DASHBOARD_GRAINS = ['hour', 'day', 'week', 'month'] as const;
export type DashboardGrain = (typeof DASHBOARD_GRAINS)[number];

export const DASHBOARD_LIMITS = {
  /** Longest range: three years of days. */
  rangeDaysMax: 3 * 366,
  /** Hour buckets only up to this many days (so a series stays under ~1,000 points). */
  hourGrainDaysMax: 31,
  pointsMax: 1000,
  dimensionValue: 64,
  drilldownPageMax: 100,
  /** A drill-down counts its facts up to this many (then "10,000+"). */
  drilldownCountMax: 10_000,
} as const;

const localDate = z.string().max(10, 'must be a date YYYY-MM-DD').refine(isCalendarDate, 'must be a date YYYY-MM-DD');

/**
 * What every dashboard query is about (its fields sit at the top level of every dashboard input, beside
 * `organizationId`). `brandIds` empty: every brand the caller may see. `filter`: at most one dimension value (e.g.
 * one team, one agent, or '' for none of them); an agent's queries are always filtered to themself.
 */
export const dashboardScopeShape = {
  organizationId: idSchema,
  brandIds: z.array(idSchema).max(LIMITS.brandIdsMax).default([]),
  from: localDate,
  to: localDate,
  businessHours: z.boolean().default(false),
  filter: z
    .strictObject({
      dimension: z.enum(DASHBOARD_DIMENSIONS).exclude(['brand']),
      // '' = none: no assignee, no team, no tag, no sentiment or language detected (the breakdowns' "none" rows).
      value: z.string().trim().max(DASHBOARD_LIMITS.dimensionValue),
    })
    .nullable()
    .default(null),
};

function checkRange(scope: { from: string; to: string }, ctx: z.RefinementCtx): void {
  if (!isCalendarDate(scope.from) || !isCalendarDate(scope.to)) return;
  if (scope.from > scope.to) ctx.addIssue({ code: 'custom', message: 'must not end before it starts', path: ['to'] });
  else if (daysBetween(scope.from, scope.to) >= DASHBOARD_LIMITS.rangeDaysMax) {
    ctx.addIssue({
      code: 'custom',
      message: `must span at most ${DASHBOARD_LIMITS.rangeDaysMax} days`,
      path: ['from'],
    });
  }
}

function scoped<T extends z.core.$ZodLooseShape>(extra: T) {
  return z
    .strictObject({ ...dashboardScopeShape, ...extra })
    .superRefine((value, ctx) => checkRange(value as { from: string; to: string }, ctx));
}

export const dashboardScopeSchema = scoped({});
export type DashboardScope = z.infer<typeof dashboardScopeSchema>;

/** Whole days from `from` to `to` (YYYY-MM-DD), 0 when equal. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The period of the same length just before the range (the "compare" control). */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const days = daysBetween(from, to) + 1;
  const shift = (date: string, by: number) =>
    new Date(Date.parse(`${date}T00:00:00Z`) + by * 86_400_000).toISOString().slice(0, 10);
  return { from: shift(from, -days), to: shift(to, -days) };
}

/** The finest grain keeping a series of the range under DASHBOARD_LIMITS.pointsMax points. */
export function autoGrain(from: string, to: string): DashboardGrain {
  const days = daysBetween(from, to) + 1;
  if (days <= 2) return 'hour';
  if (days <= 180) return 'day';
  if (days <= 3 * 366) return 'week';
  return 'month';
}

// ───────────────────────────── Inputs ─────────────────────────────

export const dashboardSummaryInput = scoped({ compare: z.boolean().default(false) });

export const dashboardSeriesInput = scoped({
  /** A duration metric (median and p90 per bucket) or a count metric (count per bucket). */
  metric: z.enum([...DURATION_METRICS, ...COUNT_METRICS]),
  grain: z.enum(DASHBOARD_GRAINS),
  compare: z.boolean().default(false),
});

export const dashboardVolumeInput = scoped({ grain: z.enum(DASHBOARD_GRAINS) });
export const dashboardSlaInput = scoped({ grain: z.enum(DASHBOARD_GRAINS) });
export const dashboardHeatmapInput = dashboardScopeSchema;

export const dashboardBreakdownInput = scoped({
  dimension: z.enum(DASHBOARD_DIMENSIONS),
});

/**
 * The conversations behind a figure: the facts of `metric` in the scope, optionally only one bucket of a series
 * (`bucketStart`, ISO instant, with the grain it came from), one dimension value of a breakdown, or only the values
 * at or above `minMs` (the p90 point: everything at or above p90). Slowest first, then keyset pages.
 * `backlog`: the conversations open at the end of the bucket (of the range without one), latest started first.
 * `cell`: one heatmap cell (local weekday 0 = Monday, hour), inbound only.
 */
export const dashboardDrilldownInput = z
  .strictObject({
    ...dashboardScopeShape,
    metric: z.enum([...DURATION_METRICS, ...COUNT_METRICS, 'sla_breach', 'sla_hit', 'backlog']),
    bucket: z
      .strictObject({ start: isoDateTime(), grain: z.enum(DASHBOARD_GRAINS) })
      .nullable()
      .default(null),
    cell: z
      .strictObject({ weekday: z.number().int().min(0).max(6), hour: z.number().int().min(0).max(23) })
      .nullable()
      .default(null),
    minMs: z.number().min(0).max(1e12).nullable().default(null),
    slaTarget: z.enum(['first_response', 'next_response', 'resolution']).nullable().default(null),
    cursor: z.string().max(200).nullable().default(null),
    limit: z.number().int().min(1).max(DASHBOARD_LIMITS.drilldownPageMax).default(50),
  })
  .superRefine((value, ctx) => {
    checkRange(value, ctx);
    if (value.cell && value.metric !== 'inbound') {
      ctx.addIssue({ code: 'custom', message: 'a heatmap cell holds inbound messages only', path: ['cell'] });
    }
    if (value.cell && value.bucket) {
      ctx.addIssue({ code: 'custom', message: 'a heatmap cell spans the whole range', path: ['cell'] });
    }
    if (value.metric === 'backlog' && value.minMs !== null) {
      ctx.addIssue({ code: 'custom', message: 'the backlog has no duration', path: ['minMs'] });
    }
  });

export const wallboardInput = z.strictObject({
  organizationId: idSchema,
  brandIds: z.array(idSchema).max(LIMITS.brandIdsMax).default([]),
});

// ───────────────────────────── Outputs ─────────────────────────────

/** Medians and p90 in milliseconds; null when nothing was measured. */
export interface DurationFigure {
  count: number;
  median: number | null;
  p90: number | null;
  mean: number | null;
}

export interface SlaFigure {
  target: SlaTarget;
  hits: number;
  breaches: number;
  /** hits / (hits + breaches), null when neither. */
  achievement: number | null;
}

export interface DashboardSummary {
  durations: Record<DurationMetric, DurationFigure>;
  counts: Record<CountMetric, number>;
  sla: SlaFigure[];
  /** Open (not resolved) conversations at the end of the range. */
  backlogAtEnd: number;
  /** The same figures over the previous period, when asked. */
  previous: Omit<DashboardSummary, 'previous'> | null;
  /** The time zone the days were read in (the brand's; "mixed" across brands in different zones). */
  timeZone: string;
  /** When the rollups were last brought up to date (ISO). */
  freshAt: string | null;
  /** Present when the range started before the history a brand's plan keeps and was read from later (retention.ts). */
  retention?: DashboardRetention;
}

export interface SeriesPoint {
  /** Start of the bucket (ISO instant). */
  start: string;
  count: number;
  median: number | null;
  p90: number | null;
}

export interface DashboardSeries {
  grain: DashboardGrain;
  points: SeriesPoint[];
  /** The previous period's points, aligned by position, when asked (null too when every brand's plan hides it). */
  previous: SeriesPoint[] | null;
  retention?: DashboardRetention;
}

export interface VolumePoint {
  start: string;
  inbound: number;
  outbound: number;
  /** Conversations open (not resolved) at the end of the bucket. */
  backlog: number;
}

export interface SlaPoint {
  start: string;
  targets: SlaFigure[];
}

/** inbound messages by local weekday (0 = Monday) and hour (0–23). */
export interface DashboardHeatmap {
  cells: { weekday: number; hour: number; count: number }[];
  timeZone: string;
  retention?: DashboardRetention;
}

export interface BreakdownRow {
  /** Dimension value: a brand, user, team, channel or tag id; a priority, sentiment or language code; '' for none. */
  value: string;
  label: string;
  durations: Record<DurationMetric, DurationFigure>;
  inbound: number;
  outbound: number;
  sla: { hits: number; breaches: number; achievement: number | null };
  /** dimension agent only: conversations assigned now (not resolved), and online. */
  load: { assignedOpen: number; online: boolean } | null;
}

export interface DashboardBreakdown {
  dimension: DashboardDimension;
  rows: BreakdownRow[];
  retention?: DashboardRetention;
}

export interface DrilldownRow {
  conversationId: string;
  brandId: string;
  customerName: string;
  status: string;
  priority: Priority;
  assigneeName: string | null;
  /** When the fact became known (ISO). */
  at: string;
  /** The measured value in ms (calendar or business, as the scope asks); null for counts. */
  ms: number | null;
  /** SLA facts: the target and whether it was met. */
  slaTarget: SlaTarget | null;
  hit: boolean | null;
  excerpt: string;
}

export interface DashboardDrilldown {
  rows: DrilldownRow[];
  /**
   * Facts matching in all (not only this page), counted up to DASHBOARD_LIMITS.drilldownCountMax: beyond it
   * `totalCapped` is true and `total` is that bound ("10,000+"), so a list over years of facts stays fast.
   */
  total: number;
  totalCapped: boolean;
  nextCursor: string | null;
  retention?: DashboardRetention;
}

export interface Wallboard {
  waitingNow: number;
  /** The oldest unanswered inbound message waiting (ISO), null when none. */
  oldestWaitingSince: string | null;
  agentsOnline: number;
  breachesToday: number;
  /** First response today (brand-local day), median and p90 in ms. */
  firstResponseToday: DurationFigure;
  at: string;
}
