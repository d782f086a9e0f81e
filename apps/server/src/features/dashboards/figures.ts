import {
  DURATION_METRICS,
  type DurationFigure,
  type DurationMetric,
  type SlaFigure,
  type SlaTarget,
} from '@perch/shared';
import { emptyHistogram, quantile, type Histogram } from '../metrics/histogram.ts';
import type { RollupSum } from './dashboards.repository.ts';

/**
 * Sums of rollup rows, and the figures read from them: counts and sums add up, histograms merge by adding counts,
 * and medians and p90 are read from the merged histogram (within 5 % of exact, features/metrics/histogram.ts).
 */

export const SLA_KINDS: Record<SlaTarget, string> = {
  first_response: 'sla_first_response',
  next_response: 'sla_next_response',
  resolution: 'sla_resolution',
};
export const SLA_TARGETS = Object.keys(SLA_KINDS) as SlaTarget[];
export const COUNT_KINDS = ['inbound', 'outbound', 'episode_start'] as const;
export const ALL_KINDS = [...DURATION_METRICS, ...COUNT_KINDS, ...Object.values(SLA_KINDS)];

export interface KindTotal {
  count: number;
  hits: number;
  sum: number;
  hist: Histogram | null;
}

/** Totals per kind of some rollup rows. */
export class KindTotals {
  private readonly byKind = new Map<string, KindTotal>();

  private readonly business: boolean;

  constructor(business: boolean) {
    this.business = business;
  }

  add(row: RollupSum): void {
    let t = this.byKind.get(row.kind);
    if (!t) this.byKind.set(row.kind, (t = { count: 0, hits: 0, sum: 0, hist: null }));
    t.count += row.count;
    t.hits += row.hits;
    t.sum += this.business ? row.sumBusinessMs : row.sumMs;
    if (row.hist) addSegments((t.hist ??= emptyHistogram()), row.hist);
  }

  count(kind: string): number {
    return this.byKind.get(kind)?.count ?? 0;
  }

  duration(kind: DurationMetric): DurationFigure {
    const t = this.byKind.get(kind);
    if (!t || t.count === 0) return { count: 0, median: null, p90: null, mean: null };
    return {
      count: t.count,
      median: t.hist ? quantile(t.hist, 0.5) : null,
      p90: t.hist ? quantile(t.hist, 0.9) : null,
      mean: t.sum / t.count,
    };
  }

  durations(): Record<DurationMetric, DurationFigure> {
    return Object.fromEntries(DURATION_METRICS.map((k) => [k, this.duration(k)])) as Record<
      DurationMetric,
      DurationFigure
    >;
  }

  sla(target: SlaTarget): SlaFigure {
    const t = this.byKind.get(SLA_KINDS[target]);
    return slaFigure(target, t?.hits ?? 0, (t?.count ?? 0) - (t?.hits ?? 0));
  }
}

/**
 * Adds histogram text segments ("offset:n,n,n", ";"-separated; dashboards.repository.ts) into a dense histogram, in
 * one pass over the characters (a breakdown parses hundreds of thousands of counts: no intermediate arrays).
 */
export function addSegments(target: Histogram, text: string): void {
  let i = 0;
  let n = 0;
  let inOffset = true;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 58) {
      // ':' ends the offset
      i = n;
      n = 0;
      inOffset = false;
    } else if (c === 44 || c === 59) {
      // ',' next bucket; ';' next segment
      if (n && i < target.length) target[i]! += n;
      i++;
      n = 0;
      inOffset = c === 59;
    } else n = n * 10 + (c - 48);
  }
  if (!inOffset && n && i < target.length) target[i]! += n;
}

export function slaFigure(target: SlaTarget, hits: number, breaches: number): SlaFigure {
  return { target, hits, breaches, achievement: hits + breaches ? hits / (hits + breaches) : null };
}

/** Groups rows by a key into KindTotals. */
export function totalsBy<R extends RollupSum>(rows: R[], key: (row: R) => string, business: boolean) {
  const groups = new Map<string, KindTotals>();
  for (const row of rows) {
    const k = key(row);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = new KindTotals(business)));
    g.add(row);
  }
  return groups;
}
