import {
  DASHBOARD_LIMITS,
  DURATION_METRICS,
  type CountMetric,
  type DashboardDrilldown,
  type DashboardGrain,
  type DashboardScope,
  type DrilldownRow,
  type DurationMetric,
  type Priority,
  type SlaTarget,
} from '@perch/shared';
import { DateTime } from 'luxon';
import type { DbOrTx } from '../../db/database.ts';
import { DomainError } from '../../lib/errors.ts';
import { hiddenHistory } from '../billing/retention.ts';
import type { WorkspaceActor } from '../teams/workspace-actor.ts';
import { brandRange, retentionOf } from './dashboard-retention.ts';
import { resolveScope, type ResolvedScope } from './dashboard-scope.ts';
import {
  addDays,
  historyBefore,
  localDate,
  localMidnight,
  pointDays,
  pointKey,
  type RollupPiece,
} from './dashboard-time.ts';
import {
  backlogDeltaFromFacts,
  factPage,
  openEpisodesPage,
  type FactPage,
  type FactRow,
} from './fact-lists.repository.ts';
import { rollupSums } from './dashboards.repository.ts';
import { SLA_KINDS } from './figures.ts';
import { backlogDelta, dimOf, heatmapOf, kindOfMetric } from './dashboards.service.ts';

/**
 * Drill-down (docs/dashboards.md): the MetricFact rows behind a figure — the same facts the rollups of that figure
 * counted, so a bucket's list has exactly its count — slowest first for durations, latest first for counts, in
 * keyset pages. Each row is joined to its conversation for the customer, status, priority, assignee and excerpt.
 * History retention: each brand's facts from its first visible day (dashboard-retention.ts), and never a closed
 * conversation its plan hides (its last message before the cutoff, though a reply or resolution came after).
 */

type DrilldownMetric = DurationMetric | CountMetric | 'sla_breach' | 'sla_hit' | 'backlog';

export interface DrilldownInput extends Pick<DashboardScope, 'brandIds' | 'from' | 'to' | 'businessHours' | 'filter'> {
  metric: DrilldownMetric;
  bucket: { start: string; grain: DashboardGrain } | null;
  /** One heatmap cell (inbound only). */
  cell?: { weekday: number; hour: number } | null;
  minMs: number | null;
  slaTarget: SlaTarget | null;
  cursor: string | null;
  limit: number;
}

const TARGET_OF_KIND = new Map(Object.entries(SLA_KINDS).map(([target, kind]) => [kind, target as SlaTarget]));
const DURATION_KINDS = new Set<string>(DURATION_METRICS);

/**
 * The facts' time pieces per brand: the range, or one bucket of it (clipped to the range, as the series counted),
 * each brand from its first visible day.
 */
export function drilldownPieces(scope: ResolvedScope, bucket: DrilldownInput['bucket']): RollupPiece[] {
  return scope.brands.flatMap((b): RollupPiece[] => {
    const range = brandRange(b, scope);
    if (!range) return [];
    const lo = localMidnight(range.from, b.timeZone);
    const hi = localMidnight(addDays(range.to, 1), b.timeZone);
    if (!bucket) return [{ brandId: b.id, zone: b.timeZone, grain: 'day', lo, hi }];
    if (bucket.grain === 'hour') {
      const start = new Date(Math.floor(Date.parse(bucket.start) / 3_600_000) * 3_600_000);
      const end = new Date(start.getTime() + 3_600_000);
      const a = start > lo ? start : lo;
      const z = end < hi ? end : hi;
      return a < z ? [{ brandId: b.id, zone: b.timeZone, grain: 'hour', lo: a, hi: z }] : [];
    }
    // A day, week or month point is the same local dates in every brand's zone (the series summed them so).
    const key = pointKey(bucket.grain, localDate(new Date(bucket.start), scope.displayZone));
    const days = pointDays(bucket.grain, key, range);
    if (days.from > days.to) return [];
    return [
      {
        brandId: b.id,
        zone: b.timeZone,
        grain: 'day',
        lo: localMidnight(days.from, b.timeZone),
        hi: localMidnight(addDays(days.to, 1), b.timeZone),
      },
    ];
  });
}

function decodeCursor(cursor: string | null): { v: number; i: string } | null {
  if (!cursor) return null;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      parsed &&
      typeof parsed === 'object' &&
      typeof (parsed as { v?: unknown }).v === 'number' &&
      typeof (parsed as { i?: unknown }).i === 'string' &&
      /^\d{1,19}$/.test((parsed as { i: string }).i)
    ) {
      return parsed as { v: number; i: string };
    }
  } catch {
    // fall through: an unreadable cursor is a validation error
  }
  throw new DomainError('VALIDATION', 'Invalid cursor', { field: 'cursor' });
}

const encodeCursor = (v: number, i: string) => Buffer.from(JSON.stringify({ v, i })).toString('base64url');

export async function dashboardDrilldown(
  db: DbOrTx,
  actor: WorkspaceActor,
  input: DrilldownInput,
): Promise<DashboardDrilldown> {
  const scope = await resolveScope(db, actor, input);
  const hidden = (
    await hiddenHistory(
      db,
      scope.organizationId,
      scope.brands.map((b) => b.id),
    )
  ).map((h) => ({ brandId: h.brandId, before: h.cutoff }));
  if (input.metric === 'backlog')
    return { ...(await backlogDrilldown(db, scope, input, hidden)), ...retentionOf(scope) };
  const sla = input.metric === 'sla_breach' || input.metric === 'sla_hit';
  const kinds = sla
    ? input.slaTarget
      ? [SLA_KINDS[input.slaTarget]]
      : Object.values(SLA_KINDS)
    : [kindOfMetric(input.metric as DurationMetric | CountMetric)];
  const byValue = !sla && DURATION_KINDS.has(input.metric);
  const cell = input.cell ?? null;
  const query: FactPage = {
    kinds,
    hit: sla ? input.metric === 'sla_hit' : null,
    businessHours: scope.businessHours,
    minMs: byValue ? input.minMs : null,
    filter: scope.filter,
    byValue,
    after: decodeCursor(input.cursor),
    limit: input.limit,
    hidden,
  };
  const page = cell
    ? cellPage(db, scope, query, cell).then((rows) => ({ rows, total: null }))
    : factPage(db, scope.organizationId, drilldownPieces(scope, input.bucket), query);
  const [{ rows, total: counted }, heatmap] = await Promise.all([page, cell ? heatmapOf(db, scope) : null]);
  const total = counted ?? heatmap?.cells.find((c) => c.weekday === cell?.weekday && c.hour === cell.hour)?.count ?? 0;
  const cap = DASHBOARD_LIMITS.drilldownCountMax;
  const last = rows.at(-1);
  const nextCursor =
    last && rows.length === input.limit
      ? encodeCursor(byValue ? (last.value ?? -1) : last.at.getTime(), last.id)
      : null;
  // A count from the facts stops one past the cap; a heatmap cell's total is the heatmap's own, exact.
  const capped = counted !== null && counted > cap;
  return {
    rows: rows.map(drilldownRow),
    total: capped ? cap : total,
    totalCapped: capped,
    nextCursor,
    ...retentionOf(scope),
  };
}

const HOUR_MS = 3_600_000;

/** Local weekday (0 = Monday) of a calendar date. */
const weekdayOf = (date: string) => (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;

/**
 * The instants of a heatmap cell in [lo, hi): each occurrence of the local weekday and hour, newest first. A DST
 * change is honoured as the heatmap counts it: the repeated autumn hour is one window of two hours, the skipped
 * spring hour an empty one.
 */
export function cellWindows(zone: string, lo: Date, hi: Date, cell: { weekday: number; hour: number }) {
  const windows: { lo: Date; hi: Date }[] = [];
  const last = localDate(hi, zone);
  for (let date = localDate(lo, zone); date <= last; date = addDays(date, 1)) {
    if (weekdayOf(date) !== cell.weekday) continue;
    // The instants of the day hour by hour from local midnight: those whose local hour is the cell's (two of them
    // on the autumn day, none on the spring one).
    const midnight = localMidnight(date, zone).getTime();
    const nextMidnight = localMidnight(addDays(date, 1), zone).getTime();
    let first: number | null = null;
    let end = 0;
    // Offsets move by at most two hours in a day: only the hours around the cell's are looked at.
    const from = midnight + Math.max(0, cell.hour - 2) * HOUR_MS;
    const to = Math.min(nextMidnight, midnight + (cell.hour + 3) * HOUR_MS);
    for (let t = from; t < to; t += HOUR_MS) {
      if (DateTime.fromMillis(t, { zone }).hour !== cell.hour) continue;
      first ??= t;
      end = Math.min(t + HOUR_MS, nextMidnight);
    }
    if (first === null) continue;
    const a = first > lo.getTime() ? new Date(first) : lo;
    const z = end < hi.getTime() ? new Date(end) : hi;
    if (a < z) windows.push({ lo: a, hi: z });
  }
  return windows.reverse();
}

/** Windows read per query: a busy hour holds hundreds of messages, so the first group usually fills a page. */
const CELL_WINDOWS_PER_QUERY = 8;

/**
 * A heatmap cell's messages, latest first: the occurrences of its hour are time ranges of the facts' time index,
 * read newest first a group at a time until the page is full — a filter on the local hour of every fact of two years
 * would read them all (the planner cannot know that one fact in 168 matches). Brands in several zones have
 * different windows and are read with that filter instead.
 */
async function cellPage(
  db: DbOrTx,
  scope: ResolvedScope,
  query: FactPage,
  cell: { weekday: number; hour: number },
): Promise<FactRow[]> {
  const pieces = drilldownPieces(scope, null);
  const zones = [...new Set(pieces.map((p) => p.zone))];
  if (zones.length !== 1) return (await factPage(db, scope.organizationId, pieces, { ...query, cell }, false)).rows;
  const lo = new Date(Math.min(...pieces.map((p) => p.lo.getTime())));
  const hi = new Date(Math.max(...pieces.map((p) => p.hi.getTime())));
  const windows = cellWindows(zones[0]!, lo, hi, cell).filter((w) => !query.after || w.lo.getTime() <= query.after.v);
  const rows: FactRow[] = [];
  for (let k = 0; k < windows.length && rows.length < query.limit; k += CELL_WINDOWS_PER_QUERY) {
    const group = windows
      .slice(k, k + CELL_WINDOWS_PER_QUERY)
      .flatMap((w) =>
        pieces
          .map((p) => ({ ...p, grain: 'hour' as const, lo: w.lo > p.lo ? w.lo : p.lo, hi: w.hi < p.hi ? w.hi : p.hi }))
          .filter((p) => p.lo < p.hi),
      );
    if (!group.length) continue;
    const got = await factPage(db, scope.organizationId, group, { ...query, limit: query.limit - rows.length }, false);
    rows.push(...got.rows);
  }
  return rows;
}

/**
 * The backlog behind a volume point (or the summary's "open at the end"): the conversations whose episode started
 * before the end of the bucket and was not resolved by then, latest started first. The total is the chart's own
 * figure (rollups before the local day of the end, facts of that day up to it), not a count over all history.
 */
async function backlogDrilldown(
  db: DbOrTx,
  scope: ResolvedScope,
  input: DrilldownInput,
  hidden: FactPage['hidden'],
): Promise<DashboardDrilldown> {
  const pieces = drilldownPieces(scope, input.bucket);
  const [rows, total] = await Promise.all([
    openEpisodesPage(db, scope.organizationId, pieces, {
      filter: scope.filter,
      after: decodeCursor(input.cursor),
      limit: input.limit,
      hidden,
    }),
    backlogAt(db, scope, pieces),
  ]);
  const last = rows.at(-1);
  return {
    rows: rows.map(drilldownRow),
    total,
    // The chart's own figure, exact.
    totalCapped: false,
    nextCursor: last && rows.length === input.limit ? encodeCursor(last.at.getTime(), last.id) : null,
  };
}

/** Episodes started − resolved before each piece's end (per brand), as the volume series counts its backlog. */
async function backlogAt(db: DbOrTx, scope: ResolvedScope, pieces: RollupPiece[]): Promise<number> {
  const { dim, dimValues } = dimOf(scope);
  const days = pieces.map((p) => ({ piece: p, day: localDate(p.hi, p.zone) }));
  const [history, today] = await Promise.all([
    rollupSums(
      db,
      {
        organizationId: scope.organizationId,
        pieces: days.flatMap(({ piece, day }) => historyBefore(piece.brandId, piece.zone, day)),
        kinds: ['episode_start', 'resolution'],
        dim,
        dimValues,
        hist: null,
      },
      null,
    ),
    backlogDeltaFromFacts(
      db,
      scope.organizationId,
      days.map(({ piece, day }) => ({ ...piece, lo: localMidnight(day, piece.zone) })),
      scope.filter,
    ),
  ]);
  return backlogDelta(history) + today;
}

function drilldownRow(r: FactRow): DrilldownRow {
  return {
    conversationId: r.conversationId,
    brandId: r.brandId,
    customerName: r.customerName,
    status: r.status,
    priority: r.priority as Priority,
    assigneeName: r.assigneeName,
    at: r.at.toISOString(),
    ms: DURATION_KINDS.has(r.kind) ? r.value : null,
    slaTarget: TARGET_OF_KIND.get(r.kind) ?? null,
    hit: TARGET_OF_KIND.has(r.kind) ? r.hit : null,
    excerpt: r.excerpt ?? '',
  };
}
