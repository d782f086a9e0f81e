import { describe, expect, it } from 'vitest';
import { emptyHistogram, trimmed } from '../metrics/histogram.ts';
import { addSegments, KindTotals } from './figures.ts';

describe('dashboard figures: histogram segments and sums', () => {
  it('adds text segments "offset:n,n;offset:n" into a dense histogram', () => {
    const h = emptyHistogram();
    addSegments(h, '3:1,0,12;5:7');
    addSegments(h, '0:2');
    expect(trimmed(h)).toEqual([2, 0, 0, 1, 0, 19]);
    addSegments(h, '254:1,1,1');
    expect(h[254]).toBe(1);
    expect(h).toHaveLength(256);
  });

  it('sums counts, SLA hits and durations; medians from the merged histogram, means exact', () => {
    const t = new KindTotals(false);
    t.add({ kind: 'first_response', count: 2, hits: 0, sumMs: 3000, sumBusinessMs: 0, hist: '31:2' });
    t.add({ kind: 'first_response', count: 1, hits: 0, sumMs: 60_000, sumBusinessMs: 0, hist: '70:1' });
    t.add({ kind: 'sla_first_response', count: 4, hits: 3, sumMs: 0, sumBusinessMs: 0, hist: null });
    expect(t.duration('first_response')).toMatchObject({ count: 3, mean: 21_000 });
    expect(t.duration('first_response').median).toBeCloseTo(100 * 1.08 ** 30.5, 6);
    expect(t.sla('first_response')).toEqual({ target: 'first_response', hits: 3, breaches: 1, achievement: 0.75 });
    expect(t.duration('reply')).toEqual({ count: 0, median: null, p90: null, mean: null });
  });
});
