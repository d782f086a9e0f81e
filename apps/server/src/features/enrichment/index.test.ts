import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { enrich, withVip } from './index.ts';

describe('enrich', () => {
  it('composes language, sentiment, spam and priority', () => {
    const r = enrich({
      text: '@SkywardAir_FR vol annulé et bagage perdu, inadmissible 😡',
      followers: 1200,
      verified: false,
    });
    expect(r.language).toBe('fr');
    expect(r.languageConfidence).toBeGreaterThan(0.5);
    expect(r.sentiment.label).toBe('negative');
    expect(r.spam.isSpam).toBe(false);
    expect(r.priority.priority).toBe('high');
    expect(r.priority.reasons[0]).toBe('major keyword "annule" (+20)');
  });

  it('sends spam to the low lane', () => {
    const r = enrich({
      text: '🎁 GIVEAWAY 🎁 follow + RT to win an iPhone 16!! https://promo-win.click/iphone',
      followers: 3,
      verified: false,
      authorCreatedDaysAgo: 2,
    });
    expect(r.spam.isSpam).toBe(true);
    expect(r.priority.priority).toBe('low');
  });

  it('keeps VIPs urgent and passes brand keywords through', () => {
    const r = enrich({
      text: 'my Skyward Plus lounge pass did not work',
      followers: 10,
      verified: false,
      isVip: true,
      brandKeywords: [{ keyword: 'Skyward Plus', weight: 10 }],
    });
    expect(r.priority.priority).toBe('urgent');
    expect(r.priority.reasons).toContain('brand keyword "Skyward Plus" (+10)');
  });

  it.each(['', '   ', '👀👀', 'https://t.co/abc', '@SkywardAir', '#️⃣ 1️⃣ 🇫🇷'])('does not crash on %j', (text) => {
    const r = enrich({ text, followers: 0, verified: false });
    expect(r.language).toBe('und');
    expect(r.sentiment).toEqual({ label: 'neutral', score: 0 });
    expect(r.spam.isSpam).toBe(false);
    expect(r.priority.priority).toBe('normal');
  });
});

describe('withVip', () => {
  it('equals enriching with isVip: true, for any text and audience', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 200 }),
        fc.nat({ max: 1_000_000 }),
        fc.boolean(),
        (text, followers, verified) => {
          const late = withVip(enrich({ text, followers, verified }));
          const early = enrich({ text, followers, verified, isVip: true });
          expect(late.priority).toEqual(early.priority);
          expect(late.sentiment).toEqual(early.sentiment);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
