/**
 * Log-scale duration histograms (docs/metrics.md, "Rollups"): counts per bucket whose bounds grow by RATIO, so a
 * median or p90 read from merged histograms is within (√RATIO − 1) ≈ 3.9 % of the exact value for any duration
 * between MIN_MS and the last bucket (about a year). Histograms of different hours, days or brands merge by adding
 * counts, which is what makes percentiles over rollups possible at all.
 */

/** Growth factor of the bucket bounds. */
export const RATIO = 1.08;
/** Durations under this many milliseconds share bucket 0. */
export const MIN_MS = 100;
/** Buckets per histogram: bucket 0 is [0, MIN_MS), bucket i ≥ 1 is [MIN_MS·RATIO^(i−1), MIN_MS·RATIO^i). */
export const BUCKETS = 256;

const LOG_RATIO = Math.log(RATIO);

export type Histogram = number[];

export function emptyHistogram(): Histogram {
  return new Array<number>(BUCKETS).fill(0);
}

/** The bucket a duration falls in; the last bucket also takes everything longer. */
export function bucketOf(ms: number): number {
  if (!(ms >= MIN_MS)) return 0;
  const i = 1 + Math.floor(Math.log(ms / MIN_MS) / LOG_RATIO);
  return Math.min(i, BUCKETS - 1);
}

/** Lower bound of a bucket, in milliseconds. */
export function lowerBound(bucket: number): number {
  return bucket <= 0 ? 0 : MIN_MS * RATIO ** (bucket - 1);
}

/** The value a bucket stands for: the geometric middle of its bounds (half of MIN_MS for bucket 0). */
export function representative(bucket: number): number {
  return bucket <= 0 ? MIN_MS / 2 : MIN_MS * RATIO ** (bucket - 0.5);
}

export function addTo(target: Histogram, ms: number, count = 1): void {
  const i = bucketOf(ms);
  target[i] = (target[i] ?? 0) + count;
}

/** Adds `source` into `target` (any lengths; missing entries count as 0). */
export function mergeInto(target: Histogram, source: readonly number[] | null | undefined): Histogram {
  if (!source) return target;
  for (let i = 0; i < source.length; i++) {
    const n = source[i] ?? 0;
    if (n !== 0) target[i] = (target[i] ?? 0) + n;
  }
  return target;
}

export function totalOf(histogram: readonly number[]): number {
  let n = 0;
  for (const c of histogram) n += c ?? 0;
  return n;
}

/** The representative of the bucket holding the value of rank `rank` (0-based, ascending) among the counts. */
function valueAtRank(histogram: readonly number[], rank: number): number {
  let seen = 0;
  for (let i = 0; i < histogram.length; i++) {
    seen += histogram[i] ?? 0;
    if (seen > rank) return representative(i);
  }
  return representative(histogram.length - 1);
}

/**
 * The q-quantile (0 ≤ q ≤ 1) of the durations counted, as `percentile_cont(q)` computes it with each value replaced
 * by its bucket's representative: rank h = q·(n−1), the values of ranks ⌊h⌋ and ⌊h⌋+1 interpolated linearly. Each
 * representative is within √RATIO − 1 of its value and both are positive, so the interpolation is too, however
 * few values a bucket of time holds (a nearest-rank read could land on a neighbour far from the exact mean of
 * the two middle values). null when nothing is counted.
 */
export function quantile(histogram: readonly number[], q: number): number | null {
  const n = totalOf(histogram);
  if (n === 0) return null;
  const h = Math.min(1, Math.max(0, q)) * (n - 1);
  const below = Math.floor(h);
  const low = valueAtRank(histogram, below);
  const fraction = h - below;
  if (fraction === 0) return low;
  return low + fraction * (valueAtRank(histogram, below + 1) - low);
}

/** A histogram in the compact form the database stores: trailing zero buckets dropped. */
export function trimmed(histogram: readonly number[]): number[] {
  let end = histogram.length;
  while (end > 0 && !histogram[end - 1]) end--;
  // Array.from visits holes too (a histogram merged into `[]` may have some), unlike map.
  return Array.from(histogram.slice(0, end), (n) => n ?? 0);
}
