import { describe, expect, it } from 'vitest';
import { PRIORITY_TUNING, priorityFromScore, priorityScore, type PriorityInput } from './priority.ts';

const neutral = { label: 'neutral', score: 0 } as const;
const angry = { label: 'negative', score: -0.8 } as const;
const happy = { label: 'positive', score: 0.7 } as const;

const base = (over: Partial<PriorityInput> = {}): PriorityInput => ({
  text: '@SkywardAir hello',
  language: 'en',
  followers: 50,
  verified: false,
  sentiment: neutral,
  isVip: false,
  ...over,
});

describe('priorityScore', () => {
  it('puts an ordinary question at normal', () => {
    const r = priorityScore(base({ text: '@SkywardAir can I bring a guitar on board?' }));
    expect(r).toEqual({ score: 30, priority: 'normal', reasons: [] });
  });

  it('raises care keywords in English and French', () => {
    const cases: [string, string, string][] = [
      ['@SkywardAir my flight is delayed', 'en', 'delayed'],
      ['@SkywardAir flight cancelled', 'en', 'cancelled'],
      ['@SkywardAir lost bag in Lisbon', 'en', 'lost bag'],
      ['@NorthwindTel outage again', 'en', 'outage'],
      ['@NorthwindTel no signal at home', 'en', 'no signal'],
      ['@NorthwindTel billing error on my account', 'en', 'billing error'],
      ['@SkywardAir stranded in Frankfurt', 'en', 'stranded'],
      ['@SkywardAir_FR vol retardé de 3h', 'fr', 'retarde'],
      ['@SkywardAir_FR vol annulé', 'fr', 'annule'],
      ['@SkywardAir_FR bagage perdu à Nice', 'fr', 'bagage perdu'],
      ['@NorthwindTelFR panne internet', 'fr', 'panne'],
      ['@NorthwindTelFR coupure de fibre', 'fr', 'coupure'],
      ['@NorthwindTelFR ma facture est fausse', 'fr', 'facture'],
      ['@SkywardAir_FR toujours pas de remboursement', 'fr', 'remboursement'],
      ['@SkywardAir_FR my flight was delayed (posté en français)', 'fr', 'delayed'],
    ];
    for (const [text, language, keyword] of cases) {
      const r = priorityScore(base({ text, language }));
      expect(r.score, text).toBeGreaterThan(30);
      expect(r.reasons.join(' '), text).toContain(`"${keyword}"`);
    }
  });

  it('ranks stranded above lost bag above delayed', () => {
    const s = (text: string) => priorityScore(base({ text, sentiment: angry })).score;
    expect(s('stranded at the airport')).toBeGreaterThan(s('lost bag'));
    expect(s('lost bag')).toBeGreaterThan(s('flight delayed'));
    expect(priorityScore(base({ text: 'lost bag', sentiment: angry })).priority).toBe('high');
  });

  it('scores followers on a log scale, capped', () => {
    const f = (followers: number) => priorityScore(base({ followers })).score - 30;
    expect(f(0)).toBe(0);
    expect(f(100)).toBe(0);
    expect(f(1_000)).toBe(6);
    expect(f(10_000)).toBe(12);
    expect(f(100_000)).toBe(18);
    expect(f(50_000_000)).toBe(PRIORITY_TUNING.maxFollowers);
    expect(f(-5)).toBe(0);
  });

  it('raises verified authors and negative sentiment, lowers praise', () => {
    expect(priorityScore(base({ verified: true })).score).toBe(40);
    expect(priorityScore(base({ sentiment: angry })).score).toBe(43);
    expect(priorityScore(base({ sentiment: happy }))).toMatchObject({ score: 20, priority: 'low' });
  });

  it('makes an angry, verified, influential customer with a lost bag urgent', () => {
    const r = priorityScore(
      base({ text: 'you lost my bag and nobody answers', sentiment: angry, verified: true, followers: 250_000 }),
    );
    expect(r.priority).toBe('urgent');
    expect(r.reasons).toEqual([
      'major keyword "lost my bag" (+20)',
      '250k followers (+20)',
      'verified author (+10)',
      'negative sentiment -0.8 (+13)',
    ]);
  });

  it('always makes a VIP urgent, even for praise', () => {
    const r = priorityScore(base({ text: 'thanks for the upgrade!', sentiment: happy, isVip: true }));
    expect(r.priority).toBe('urgent');
    expect(r.score).toBeGreaterThanOrEqual(PRIORITY_TUNING.vipFloor);
    expect(r.reasons).toContain('VIP customer (always urgent)');
  });

  it('keeps spam low whatever it says', () => {
    const r = priorityScore(
      base({ text: 'refund delayed cancelled lost bag', sentiment: angry, followers: 1e6, spam: { isSpam: true } }),
    );
    expect(r.priority).toBe('low');
    expect(r.score).toBeLessThanOrEqual(PRIORITY_TUNING.spamCap);
  });

  it('applies brand keyword rules, whole words, case and accents ignored', () => {
    const rules = [
      { keyword: 'Skyward Plus' },
      { keyword: 'chaise haute', weight: 5 },
      { keyword: 'job', weight: -20 },
    ];
    const r = priorityScore(
      base({ text: 'my SKYWARD plus status and the chaise-haute… any job?', brandKeywords: rules }),
    );
    expect(r.reasons).toEqual([
      'brand keyword "Skyward Plus" (+15)',
      'brand keyword "chaise haute" (+5)',
      'brand keyword "job" (-20)',
    ]);
    expect(r.score).toBe(30);
    expect(priorityScore(base({ text: 'Réclamation ÉLITE', brandKeywords: [{ keyword: 'elite' }] })).score).toBe(45);
    expect(priorityScore(base({ text: 'jobs', brandKeywords: rules })).score).toBe(30);
  });

  it('counts a keyword once and not inside a stronger one', () => {
    const r = priorityScore(base({ text: 'billing error, billing error, again a billing error' }));
    expect(r.reasons).toEqual(['major keyword "billing error" (+20)']);
  });

  it('stays in 0..100 and survives empty or odd text', () => {
    const huge = priorityScore(
      base({
        text: 'stranded lost bag cancelled outage delayed refund',
        followers: 1e9,
        verified: true,
        sentiment: { label: 'negative', score: -1 },
        brandKeywords: [{ keyword: 'refund', weight: 500 }],
      }),
    );
    expect(huge.score).toBe(100);
    const negative = priorityScore(base({ text: 'x', brandKeywords: [{ keyword: 'x', weight: -500 }] }));
    expect(negative.score).toBe(0);
    expect(
      priorityScore(base({ followers: Number.NaN, brandKeywords: [{ keyword: 'x', weight: Number.NaN }] })).score,
    ).toBe(30);
    for (const text of ['', '👀', 'https://t.co/x', '\u0000']) {
      expect(priorityScore(base({ text, language: 'und' }))).toMatchObject({ score: 30, priority: 'normal' });
    }
  });

  it('maps scores to priorities at the documented thresholds', () => {
    expect([0, 29, 30, 54, 55, 79, 80, 100].map(priorityFromScore)).toEqual([
      'low',
      'low',
      'normal',
      'normal',
      'high',
      'high',
      'urgent',
      'urgent',
    ]);
  });
});
