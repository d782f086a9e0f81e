import { IANAZone } from 'luxon';
import { addDays, localDate, localMidnight, monthOf, nextMonth } from '../../lib/local-days.ts';
import { addTo, emptyHistogram, mergeInto, trimmed } from './histogram.ts';
import { isDurationKind, isSlaKind } from './facts.ts';

/**
 * The rollup layout (docs/metrics.md, "Rollups"; the contract dashboards and reports read): which bucket a fact
 * falls in at each grain, which dimension rows it counts in, and how a row is summed from facts. Pure, and the
 * only place rollup rows are computed, so the worker and the rebuild cannot disagree.
 */

export type Grain = 'hour' | 'day' | 'month';
export const DIMENSIONS = ['agent', 'team', 'channel', 'priority', 'tag', 'sentiment', 'language'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

const HOUR = 3_600_000;
/** Every zone offset and transition is a multiple of 15 minutes, so a local day boundary never falls inside a slot. */
const SLOT = 15 * 60_000;

/** The fields of a stored MetricFact the rollups read. */
export interface StoredFact {
  kind: string;
  at: Date;
  ms: number | null;
  businessMs: number | null;
  hit: boolean | null;
  agentUserId: string | null;
  teamId: string | null;
  channelId: string | null;
  priority: string;
  sentiment: string | null;
  language: string | null;
  tagIds: readonly string[];
}

export interface RollupRow {
  grain: Grain;
  kind: string;
  dim: string;
  dimValue: string;
  bucket: Date;
  count: number;
  hits: number;
  sumMs: number;
  sumBusinessMs: number;
  /** Trimmed (no trailing zero buckets); empty for count and SLA kinds. */
  hist: number[];
  histBusiness: number[];
}

/** A time zone luxon knows; an unknown one (never accepted by the brand settings) buckets as UTC. */
export function safeZone(timeZone: string): string {
  return IANAZone.isValidZone(timeZone) ? timeZone : 'UTC';
}

export function hourBucket(at: Date | number): number {
  const t = typeof at === 'number' ? at : at.getTime();
  return t - (((t % HOUR) + HOUR) % HOUR);
}

/**
 * Local-midnight and month-start lookups for one zone, memoised per 15-minute slot: the local days of
 * lib/local-days.ts, which the dashboards read ranges with, so a bucket and a range always agree.
 */
export class Bucketer {
  readonly zone: string;
  private readonly days = new Map<number, number>();
  private readonly months = new Map<number, number>();

  constructor(timeZone: string) {
    this.zone = safeZone(timeZone);
  }

  /** The instant of local midnight starting the day `at` falls on, in the brand's zone. */
  day(at: Date | number): number {
    const t = typeof at === 'number' ? at : at.getTime();
    const slot = Math.floor(t / SLOT);
    let day = this.days.get(slot);
    if (day === undefined) {
      day = localMidnight(localDate(new Date(t), this.zone), this.zone).getTime();
      this.days.set(slot, day);
    }
    return day;
  }

  /** Local midnight of the 1st of the month `at` falls in. */
  month(at: Date | number): number {
    const day = this.day(at);
    let month = this.months.get(day);
    if (month === undefined) {
      month = localMidnight(monthOf(localDate(new Date(day), this.zone)), this.zone).getTime();
      this.months.set(day, month);
    }
    return month;
  }

  bucket(grain: Grain, at: Date | number): number {
    return grain === 'hour' ? hourBucket(at) : grain === 'day' ? this.day(at) : this.month(at);
  }

  /** The start of the bucket after `bucket` (a local day can last 23 or 25 hours). */
  next(grain: Grain, bucket: number): number {
    if (grain === 'hour') return bucket + HOUR;
    const date = localDate(new Date(bucket), this.zone);
    return localMidnight(grain === 'day' ? addDays(date, 1) : nextMonth(date), this.zone).getTime();
  }
}

/** The (dim, dimValue) rows a fact counts in at day and month grain, the brand total first. */
export function dimensionValues(fact: StoredFact): [string, string][] {
  const rows: [string, string][] = [
    ['', ''],
    ['agent', fact.agentUserId ?? ''],
    ['team', fact.teamId ?? ''],
    ['channel', fact.channelId ?? ''],
    ['priority', fact.priority],
    ['sentiment', fact.sentiment ?? ''],
    ['language', fact.language ?? ''],
  ];
  // A fact with two tags counts in both tag rows; one without a tag counts in tag ''.
  const tags = [...new Set(fact.tagIds)];
  if (tags.length === 0) rows.push(['tag', '']);
  for (const tag of tags) rows.push(['tag', tag]);
  return rows;
}

interface Accumulator {
  count: number;
  hits: number;
  sumMs: number;
  sumBusinessMs: number;
  hist: number[] | null;
  histBusiness: number[] | null;
}

function addFact(acc: Accumulator, fact: StoredFact) {
  acc.count += 1;
  if (isSlaKind(fact.kind)) {
    if (fact.hit) acc.hits += 1;
  } else if (isDurationKind(fact.kind) && fact.ms !== null) {
    const business = fact.businessMs ?? fact.ms;
    acc.sumMs += fact.ms;
    acc.sumBusinessMs += business;
    addTo((acc.hist ??= emptyHistogram()), fact.ms);
    addTo((acc.histBusiness ??= emptyHistogram()), business);
  }
}

function toRow(grain: Grain, kind: string, dim: string, dimValue: string, bucket: number, acc: Accumulator): RollupRow {
  return {
    grain,
    kind,
    dim,
    dimValue,
    bucket: new Date(bucket),
    count: acc.count,
    hits: acc.hits,
    sumMs: acc.sumMs,
    sumBusinessMs: acc.sumBusinessMs,
    hist: acc.hist ? trimmed(acc.hist) : [],
    histBusiness: acc.histBusiness ? trimmed(acc.histBusiness) : [],
  };
}

const empty = (): Accumulator => ({ count: 0, hits: 0, sumMs: 0, sumBusinessMs: 0, hist: null, histBusiness: null });

/**
 * The rollup rows at `grain` of the facts whose bucket `wanted(kind, bucket)` accepts: hour rows carry the brand
 * total only, day rows every dimension. Rows are returned in a stable order (kind, bucket, dim, dimValue).
 * Durations are whole milliseconds, so the sums are exact whatever order the facts come in.
 */
export function aggregateFacts(
  facts: Iterable<StoredFact>,
  grain: 'hour' | 'day',
  bucketer: Bucketer,
  wanted: (kind: string, bucket: number) => boolean = () => true,
): RollupRow[] {
  const groups = new Map<string, { kind: string; dim: string; dimValue: string; bucket: number; acc: Accumulator }>();
  for (const fact of facts) {
    const bucket = bucketer.bucket(grain, fact.at);
    if (!wanted(fact.kind, bucket)) continue;
    const dims = grain === 'hour' ? ([['', '']] as [string, string][]) : dimensionValues(fact);
    for (const [dim, dimValue] of dims) {
      const key = `${fact.kind}|${bucket}|${dim}|${dimValue}`;
      let group = groups.get(key);
      if (!group) {
        group = { kind: fact.kind, dim, dimValue, bucket, acc: empty() };
        groups.set(key, group);
      }
      addFact(group.acc, fact);
    }
  }
  return sortRows([...groups.values()].map((g) => toRow(grain, g.kind, g.dim, g.dimValue, g.bucket, g.acc)));
}

/** Month rows as the sums of the day rows of the month (same kinds and dimension values). */
export function monthRowsFromDays(dayRows: Iterable<RollupRow>, bucketer: Bucketer): RollupRow[] {
  const groups = new Map<string, RollupRow>();
  for (const row of dayRows) {
    const bucket = bucketer.month(row.bucket);
    const key = `${row.kind}|${bucket}|${row.dim}|${row.dimValue}`;
    let month = groups.get(key);
    if (!month) {
      month = { ...row, grain: 'month', bucket: new Date(bucket), count: 0, hits: 0, sumMs: 0, sumBusinessMs: 0 };
      // Dense arrays: merging into [] would leave holes that trimmed() keeps.
      month.hist = emptyHistogram();
      month.histBusiness = emptyHistogram();
      groups.set(key, month);
    }
    month.count += row.count;
    month.hits += row.hits;
    month.sumMs += row.sumMs;
    month.sumBusinessMs += row.sumBusinessMs;
    mergeInto(month.hist, row.hist);
    mergeInto(month.histBusiness, row.histBusiness);
  }
  return sortRows(
    [...groups.values()].map((r) => ({ ...r, hist: trimmed(r.hist), histBusiness: trimmed(r.histBusiness) })),
  );
}

function sortRows(rows: RollupRow[]): RollupRow[] {
  return rows.sort(
    (a, b) =>
      a.kind.localeCompare(b.kind) ||
      a.bucket.getTime() - b.bucket.getTime() ||
      a.dim.localeCompare(b.dim) ||
      a.dimValue.localeCompare(b.dimValue),
  );
}
