import {
  previousPeriod,
  type CountMetric,
  type DashboardGrain,
  type DashboardRetention,
  type DashboardHeatmap,
  type DashboardScope,
  type DashboardSeries,
  type DashboardSummary,
  type DurationMetric,
  type SeriesPoint,
  type SlaPoint,
  type VolumePoint,
} from '@perch/shared';
import type { Db, DbOrTx } from '../../db/database.ts';
import { metricsFreshAt } from '../metrics/metrics.service.ts';
import type { WorkspaceActor } from '../teams/workspace-actor.ts';
import { anyVisible, brandRange, retentionOf } from './dashboard-retention.ts';
import { resolveScope, type ResolvedScope } from './dashboard-scope.ts';
import {
  addDays,
  coveringPieces,
  effectiveGrain,
  historyBefore,
  hourKeys,
  localMidnight,
  pointKey,
  pointKeys,
  type RollupPiece,
} from './dashboard-time.ts';
import { heatmapFromHours, rollupRows, rollupSums, type RollupSum } from './dashboards.repository.ts';
import { heatmapFromFacts } from './fact-lists.repository.ts';
import { ALL_KINDS, KindTotals, SLA_KINDS, SLA_TARGETS, totalsBy } from './figures.ts';

/**
 * The dashboard queries (docs/dashboards.md). Every figure is read from MetricRollup: a range of whole local days is
 * month rows for the whole months inside it and day rows around them (hour rows only for hour series and the
 * heatmap), summed per brand in the brand's own zone, each brand from the first day its plan's history keeps
 * (dashboard-retention.ts). Raw events are never read here. Breakdowns: breakdown.service.ts.
 */

export type ScopeInput = Pick<DashboardScope, 'brandIds' | 'from' | 'to' | 'businessHours' | 'filter'>;

/** The rollup dimension a scope reads: the filter's, else the brand totals. */
export function dimOf(scope: ResolvedScope) {
  return scope.filter
    ? { dim: scope.filter.dimension, dimValues: [scope.filter.value] }
    : { dim: '', dimValues: null as string[] | null };
}

/** Each brand's hours of the range: [its local midnight of `from` (or of its first visible day), its after `to`). */
function hourPieces(scope: ResolvedScope, range: { from: string; to: string } = scope): RollupPiece[] {
  return scope.brands.flatMap((b) => {
    const days = brandRange(b, range);
    if (!days) return [];
    return [
      {
        brandId: b.id,
        zone: b.timeZone,
        grain: 'hour' as const,
        lo: localMidnight(days.from, b.timeZone),
        hi: localMidnight(addDays(days.to, 1), b.timeZone),
      },
    ];
  });
}

export function rangePieces(scope: ResolvedScope, range: { from: string; to: string }, grain: 'day' | 'cover') {
  return scope.brands.flatMap((b): RollupPiece[] => {
    const days = brandRange(b, range);
    if (!days) return [];
    return grain === 'cover'
      ? coveringPieces(b.id, b.timeZone, days.from, days.to)
      : [
          {
            brandId: b.id,
            zone: b.timeZone,
            grain: 'day' as const,
            lo: localMidnight(days.from, b.timeZone),
            hi: localMidnight(addDays(days.to, 1), b.timeZone),
          },
        ];
  });
}

interface Bucketed {
  grain: DashboardGrain;
  /** Point keys in order with their start instants (ISO). */
  points: { key: string; start: string }[];
  /** Totals per point key. */
  totals: Map<string, KindTotals>;
}

/**
 * Rollup rows of `kinds` bucketed at `grain` over a range: hour points from hour rows (UTC hours), day and week
 * points from day rows (weeks start on Monday, local), month points from month rows plus the days of partial months.
 */
async function bucketed(
  db: DbOrTx,
  scope: ResolvedScope,
  range: { from: string; to: string },
  grain: DashboardGrain,
  kinds: readonly string[],
  withHist: boolean,
): Promise<Bucketed> {
  const { dim, dimValues } = dimOf(scope);
  const hist = withHist ? (scope.businessHours ? 'business' : 'calendar') : null;
  if (grain === 'hour') {
    const pieces = hourPieces(scope, range);
    const rows = await rollupRows(db, { organizationId: scope.organizationId, pieces, kinds, dim, dimValues, hist });
    const lo = new Date(Math.min(...pieces.map((p) => p.lo.getTime())));
    const hi = new Date(Math.max(...pieces.map((p) => p.hi.getTime())));
    const keys = pieces.length ? hourKeys(lo, hi) : [];
    return {
      grain,
      points: keys.map((key) => ({ key, start: key })),
      totals: totalsBy(rows, (r) => r.bucket.toISOString(), scope.businessHours),
    };
  }
  const pieces = rangePieces(scope, range, grain === 'month' ? 'cover' : 'day');
  const rows = await rollupRows(db, { organizationId: scope.organizationId, pieces, kinds, dim, dimValues, hist });
  return {
    grain,
    points: pointKeys(grain, range.from, range.to).map((key) => ({
      key,
      start: localMidnight(key, scope.displayZone).toISOString(),
    })),
    totals: totalsBy(rows, (r) => pointKey(grain, r.day), scope.businessHours),
  };
}

const emptyTotals = (scope: ResolvedScope) => new KindTotals(scope.businessHours);

/**
 * Episodes started − episodes resolved over all history before local day `date` (per brand), by the scope's dim: the
 * conversations open then — work in progress, which retention never hides. `atBrandStart`: a brand read from a later
 * first visible day counts its history up to that day (the series adds its days from there on).
 */
async function backlogBefore(db: DbOrTx, scope: ResolvedScope, date: string, atBrandStart = false): Promise<number> {
  const { dim, dimValues } = dimOf(scope);
  const start = (b: ResolvedScope['brands'][number]) =>
    atBrandStart && b.visibleFrom && b.visibleFrom > date && b.visibleFrom <= scope.to ? b.visibleFrom : date;
  const pieces = scope.brands.flatMap((b) => historyBefore(b.id, b.timeZone, start(b)));
  const rows = await rollupSums(
    db,
    {
      organizationId: scope.organizationId,
      pieces,
      kinds: ['episode_start', 'resolution'],
      dim,
      dimValues,
      hist: null,
    },
    null,
  );
  return backlogDelta(rows);
}

export function backlogDelta(rows: RollupSum[]): number {
  let n = 0;
  for (const r of rows) n += r.kind === 'episode_start' ? r.count : r.kind === 'resolution' ? -r.count : 0;
  return n;
}

/** The summary figures of a checked scope over `range` (dashboards, and the scheduled reports' mails). */
export async function summaryOf(
  db: Db,
  scope: ResolvedScope,
  range: { from: string; to: string },
): Promise<Omit<DashboardSummary, 'previous'>> {
  const { dim, dimValues } = dimOf(scope);
  const hist = scope.businessHours ? 'business' : 'calendar';
  const [rows, backlogAtEnd, freshAt] = await Promise.all([
    rollupSums(
      db,
      {
        organizationId: scope.organizationId,
        pieces: rangePieces(scope, range, 'cover'),
        kinds: ALL_KINDS,
        dim,
        dimValues,
        hist,
      },
      null,
    ),
    backlogBefore(db, scope, addDays(range.to, 1)),
    metricsFreshAt(db, scope.organizationId),
  ]);
  const t = emptyTotals(scope);
  for (const r of rows) t.add(r);
  const counts: Record<CountMetric, number> = {
    inbound: t.count('inbound'),
    outbound: t.count('outbound'),
    episode_start: t.count('episode_start'),
    resolution_count: t.count('resolution'),
  };
  return {
    durations: t.durations(),
    counts,
    sla: SLA_TARGETS.map((target) => t.sla(target)),
    backlogAtEnd,
    timeZone: scope.timeZone,
    freshAt: freshAt.toISOString(),
  };
}

export async function dashboardSummary(
  db: Db,
  actor: WorkspaceActor,
  input: ScopeInput & { compare: boolean },
): Promise<DashboardSummary> {
  const scope = await resolveScope(db, actor, input);
  // The period before the one shown, of its length; not compared when every brand's plan hides it.
  const prev = previousPeriod(scope.from, scope.to);
  const [current, previous] = await Promise.all([
    summaryOf(db, scope, scope),
    input.compare && anyVisible(scope, prev) ? summaryOf(db, scope, prev) : null,
  ]);
  return { ...current, previous, ...retentionOf(scope) };
}

/** The rollup kind a series or drill-down metric reads. */
export function kindOfMetric(metric: DurationMetric | CountMetric): string {
  return metric === 'resolution_count' ? 'resolution' : metric;
}

const isDuration = (metric: string): metric is DurationMetric =>
  ['first_response', 'reply', 'resolution', 'full_resolution', 'requester_wait'].includes(metric);

function seriesPoints(b: Bucketed, kind: string, duration: boolean): SeriesPoint[] {
  return b.points.map(({ key, start }) => {
    const t = b.totals.get(key);
    if (!duration) return { start, count: t?.count(kind) ?? 0, median: null, p90: null };
    const f = t?.duration(kind as DurationMetric);
    return { start, count: f?.count ?? 0, median: f?.median ?? null, p90: f?.p90 ?? null };
  });
}

export async function dashboardSeries(
  db: DbOrTx,
  actor: WorkspaceActor,
  input: ScopeInput & { metric: DurationMetric | CountMetric; grain: DashboardGrain; compare: boolean },
): Promise<DashboardSeries> {
  const scope = await resolveScope(db, actor, input);
  const grain = effectiveGrain(input.grain, scope.from, scope.to, scope.filter !== null);
  const kind = kindOfMetric(input.metric);
  const duration = isDuration(input.metric);
  const prev = previousPeriod(scope.from, scope.to);
  const [current, previous] = await Promise.all([
    bucketed(db, scope, scope, grain, [kind], duration),
    input.compare && anyVisible(scope, prev) ? bucketed(db, scope, prev, grain, [kind], duration) : null,
  ]);
  return {
    grain,
    points: seriesPoints(current, kind, duration),
    previous: previous ? seriesPoints(previous, kind, duration) : null,
    ...retentionOf(scope),
  };
}

export async function dashboardVolume(
  db: DbOrTx,
  actor: WorkspaceActor,
  input: ScopeInput & { grain: DashboardGrain },
): Promise<{ grain: DashboardGrain; points: VolumePoint[]; retention?: DashboardRetention }> {
  const scope = await resolveScope(db, actor, input);
  const grain = effectiveGrain(input.grain, scope.from, scope.to, scope.filter !== null);
  const [b, before] = await Promise.all([
    bucketed(db, scope, scope, grain, ['inbound', 'outbound', 'episode_start', 'resolution'], false),
    backlogBefore(db, scope, scope.from, true),
  ]);
  let backlog = before;
  return {
    grain,
    points: b.points.map(({ key, start }) => {
      const t = b.totals.get(key);
      backlog += (t?.count('episode_start') ?? 0) - (t?.count('resolution') ?? 0);
      return { start, inbound: t?.count('inbound') ?? 0, outbound: t?.count('outbound') ?? 0, backlog };
    }),
    ...retentionOf(scope),
  };
}

export async function dashboardSla(
  db: DbOrTx,
  actor: WorkspaceActor,
  input: ScopeInput & { grain: DashboardGrain },
): Promise<{ grain: DashboardGrain; points: SlaPoint[]; retention?: DashboardRetention }> {
  const scope = await resolveScope(db, actor, input);
  const grain = effectiveGrain(input.grain, scope.from, scope.to, scope.filter !== null);
  const b = await bucketed(db, scope, scope, grain, Object.values(SLA_KINDS), false);
  return {
    grain,
    points: b.points.map(({ key, start }) => {
      const t = b.totals.get(key) ?? emptyTotals(scope);
      return { start, targets: SLA_TARGETS.map((target) => t.sla(target)) };
    }),
    ...retentionOf(scope),
  };
}

export async function dashboardHeatmap(
  db: DbOrTx,
  actor: WorkspaceActor,
  input: ScopeInput,
): Promise<DashboardHeatmap> {
  const scope = await resolveScope(db, actor, input);
  return { ...(await heatmapOf(db, scope)), ...retentionOf(scope) };
}

/** The heatmap of a resolved scope: hour rollups (brand totals), or the facts under a filter. */
export async function heatmapOf(db: DbOrTx, scope: ResolvedScope): Promise<DashboardHeatmap> {
  const pieces = hourPieces(scope);
  const counted = !pieces.length
    ? []
    : scope.filter
      ? await heatmapFromFacts(db, scope.organizationId, pieces, scope.filter)
      : await heatmapFromHours(db, scope.organizationId, pieces);
  const grid = new Map(counted.map((c) => [c.weekday * 24 + c.hour, c.count]));
  const cells = [];
  for (let weekday = 0; weekday < 7; weekday++) {
    for (let hour = 0; hour < 24; hour++) cells.push({ weekday, hour, count: grid.get(weekday * 24 + hour) ?? 0 });
  }
  return { cells, timeZone: scope.timeZone };
}
