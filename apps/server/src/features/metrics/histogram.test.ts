import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addTo, emptyHistogram, MIN_MS, quantile, RATIO } from './histogram.ts';

/** PostgreSQL's percentile_cont: ranks ⌊q·(n−1)⌋ and the next, interpolated linearly. */
function percentileCont(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const h = q * (sorted.length - 1);
  const below = Math.floor(h);
  const low = sorted[below]!;
  return below + 1 < sorted.length ? low + (h - below) * (sorted[below + 1]! - low) : low;
}

const histogramOf = (values: number[]) => {
  const h = emptyHistogram();
  for (const v of values) addTo(h, v);
  return h;
};

const BOUND = Math.sqrt(RATIO) - 1;

describe('histogram quantiles', () => {
  it('are within √RATIO − 1 of percentile_cont for any sample of durations, however small', () => {
    fc.assert(
      fc.property(
        // From 100 ms to 30 days: the buckets' range.
        fc.array(fc.integer({ min: MIN_MS, max: 30 * 86_400_000 }), { minLength: 1, maxLength: 300 }),
        fc.constantFrom(0, 0.25, 0.5, 0.9, 0.95, 0.99, 1),
        (values, q) => {
          const exact = percentileCont(values, q);
          const estimate = quantile(histogramOf(values), q)!;
          expect(Math.abs(estimate - exact) / exact).toBeLessThanOrEqual(BOUND * (1 + 1e-9));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('interpolate between the two middle values as percentile_cont does (a nearest rank would be 2× off)', () => {
    // Two values: the median is their mean, 60 s, not either of them.
    const median = quantile(histogramOf([40_000, 80_000]), 0.5)!;
    expect(Math.abs(median - 60_000) / 60_000).toBeLessThanOrEqual(BOUND);
  });

  it('are null for an empty histogram and the representative for a single value', () => {
    expect(quantile(emptyHistogram(), 0.5)).toBeNull();
    expect(Math.abs(quantile(histogramOf([123_456]), 0.9)! - 123_456) / 123_456).toBeLessThanOrEqual(BOUND);
  });
});
