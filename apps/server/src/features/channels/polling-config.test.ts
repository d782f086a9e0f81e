import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareXIds, gapAfterPoll, pollingStateOf, readXChannelConfig, X_MENTIONS_WINDOW } from './polling-config.ts';

const now = new Date('2026-11-29T12:00:00.000Z');

describe('compareXIds', () => {
  it('orders 64-bit ids as numbers, beyond Number precision (1,000 runs)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), (a, b) => {
        expect(Math.sign(compareXIds(a.toString(), b.toString()))).toBe(a < b ? -1 : a > b ? 1 : 0);
      }),
      { numRuns: 1000 },
    );
    expect(compareXIds('1867000000000000001', '1867000000000000000')).toBe(1);
    expect(compareXIds('007', '7')).toBe(0);
  });
});

describe('gapAfterPoll (R5: the 800-mention window)', () => {
  const full = { sinceId: '1000', fetched: X_MENTIONS_WINDOW, oldestId: '1200', oldestAt: '2026-11-29T11:00:00.000Z' };

  it('a catch-up poll that got the whole window, all newer than the cursor: a possible gap', () => {
    expect(gapAfterPoll(full, { lastPolledAt: '2026-11-29T08:00:00.000Z' }, now)).toEqual({
      detectedAt: now.toISOString(),
      newestKnownId: '1000',
      oldestFetchedId: '1200',
      since: '2026-11-29T08:00:00.000Z',
      until: '2026-11-29T11:00:00.000Z',
    });
  });

  it('no gap: fewer posts than the window, no cursor, or nothing newer than the cursor', () => {
    expect(gapAfterPoll({ ...full, fetched: X_MENTIONS_WINDOW - 1 }, {}, now)).toBeUndefined();
    expect(gapAfterPoll({ ...full, sinceId: undefined }, {}, now)).toBeUndefined();
    expect(gapAfterPoll({ ...full, oldestId: undefined }, {}, now)).toBeUndefined();
    expect(gapAfterPoll({ ...full, oldestId: '1000' }, {}, now)).toBeUndefined();
  });

  it('a second gap widens the one still shown (older lower bound, newer upper bound)', () => {
    const previous = {
      detectedAt: '2026-11-28T10:00:00.000Z',
      newestKnownId: '500',
      oldestFetchedId: '700',
      since: '2026-11-28T06:00:00.000Z',
    };
    expect(gapAfterPoll(full, { gap: previous, lastPolledAt: '2026-11-29T08:00:00.000Z' }, now)).toEqual({
      detectedAt: now.toISOString(),
      newestKnownId: '500',
      oldestFetchedId: '1200',
      since: '2026-11-28T06:00:00.000Z',
      until: '2026-11-29T11:00:00.000Z',
    });
  });
});

describe('readXChannelConfig / pollingStateOf', () => {
  it('reads each field on its own: a bad one is absent, the others apply', () => {
    const config = {
      apiBaseUrl: 'https://x-proxy.example.com',
      sinceId: 'not-an-id',
      lastPolledAt: '2026-11-29T10:00:00.000Z',
      nextPollAt: '2026-11-29T10:01:00.000Z',
      polling: { enabled: true, intervalSeconds: 300, epoch: 4 },
      gap: { detectedAt: 'yesterday' },
      unknown: 1,
    };
    expect(readXChannelConfig(config)).toEqual({
      apiBaseUrl: 'https://x-proxy.example.com',
      lastPolledAt: '2026-11-29T10:00:00.000Z',
      nextPollAt: '2026-11-29T10:01:00.000Z',
      polling: { enabled: true, intervalSeconds: 300, epoch: 4 },
    });
    expect(pollingStateOf(config)).toEqual({
      enabled: true,
      intervalSeconds: 300,
      apiBaseUrl: 'https://x-proxy.example.com',
      lastPolledAt: '2026-11-29T10:00:00.000Z',
      nextPollAt: '2026-11-29T10:01:00.000Z',
      gap: null,
    });
  });

  it('defaults: disabled, 60 s, X API, and no next poll while disabled', () => {
    expect(pollingStateOf(null)).toEqual({
      enabled: false,
      intervalSeconds: 60,
      apiBaseUrl: null,
      lastPolledAt: null,
      nextPollAt: null,
      gap: null,
    });
    expect(pollingStateOf({ polling: { enabled: false }, nextPollAt: '2026-11-29T10:01:00.000Z' }).nextPollAt).toBe(
      null,
    );
  });

  it('never throws, whatever is stored (1,000 runs)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(typeof pollingStateOf(value).enabled).toBe('boolean');
      }),
      { numRuns: 1000 },
    );
  });
});
