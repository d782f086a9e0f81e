import { describe, expect, it } from 'vitest';
import { backoffMs, rateLimitResetAt, RATE_LIMIT_FALLBACK_MS } from './backoff.ts';

describe('delivery back-off', () => {
  it('doubles from 2 s per attempt, capped at 5 minutes, with equal jitter', () => {
    const lowest = [1, 2, 3, 4, 5, 8, 9, 12].map((a) => backoffMs(a, () => 0));
    const highest = [1, 2, 3, 4, 5, 8, 9, 12].map((a) => backoffMs(a, () => 0.999_999));
    expect(lowest).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 128_000, 150_000, 150_000]);
    expect(highest).toEqual([2_000, 4_000, 8_000, 16_000, 32_000, 256_000, 300_000, 300_000]);
    expect(backoffMs(3, () => 0.5)).toBe(6_000);
    // Absurd inputs stay within the bounds.
    expect(backoffMs(0, () => 0)).toBe(1_000);
    expect(backoffMs(10_000, () => 2)).toBe(300_000);
  });

  it('429: x-rate-limit-reset, else Retry-After (seconds or date), else 15 minutes; never in the past', () => {
    const now = Date.UTC(2026, 10, 30, 6, 0, 0);
    const at = (h: Record<string, string>) => rateLimitResetAt(new Headers(h), now).getTime();
    expect(at({ 'x-rate-limit-reset': String(now / 1000 + 420) })).toBe(now + 420_000);
    expect(at({ 'x-rate-limit-reset': String(now / 1000 - 5) })).toBe(now);
    expect(at({ 'retry-after': '30' })).toBe(now + 30_000);
    expect(at({ 'retry-after': new Date(now + 90_000).toUTCString() })).toBe(now + 90_000);
    expect(at({})).toBe(now + RATE_LIMIT_FALLBACK_MS);
    expect(at({ 'x-rate-limit-reset': 'soon' })).toBe(now + RATE_LIMIT_FALLBACK_MS);
    // A reset days away is not believed.
    expect(at({ 'x-rate-limit-reset': String(now / 1000 + 7 * 86_400) })).toBe(now + RATE_LIMIT_FALLBACK_MS);
  });
});
