import { describe, expect, it } from 'vitest';
import { measureReply } from './reply-text.ts';

describe('measureReply: one length rule for the composer, the approval editor and the server', () => {
  it('counts a public X reply as X does (URL 23, emoji 2, leading @mentions free) against 280', () => {
    const m = measureReply('@marie Désolé 😞 https://example.com/a/long/path', { dm: false, channelKind: 'x' });
    expect(m).toMatchObject({ count: 33, max: 280, weighted: true, hasUrl: true, uncountedPrefix: '@marie ' });
    expect(measureReply('@marie ', { dm: false, channelKind: 'x' })).toMatchObject({ empty: true });
    expect(measureReply('x'.repeat(281), { dm: false, channelKind: 'sandbox' })).toMatchObject({ over: 1 });
  });

  it('counts a DM on X and any reply through a webhook channel in characters, against their own limits', () => {
    expect(measureReply('😞 https://example.com', { dm: true, channelKind: 'x' })).toMatchObject({
      count: 21,
      max: 10_000,
      weighted: false,
      hasUrl: false,
    });
    expect(measureReply('x'.repeat(5_001), { dm: false, channelKind: 'webhook' })).toMatchObject({
      max: 5_000,
      over: 1,
    });
    expect(measureReply('x'.repeat(5_001), { dm: true, channelKind: 'webhook' }).max).toBe(5_000);
  });
});
