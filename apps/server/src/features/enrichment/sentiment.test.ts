import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sentiment, type SentimentLabel } from './sentiment.ts';

interface Sample {
  text: string;
  sentiment: SentimentLabel;
  language: string;
}
const load = (name: string): Sample[] =>
  JSON.parse(readFileSync(new URL(`./samples/${name}.json`, import.meta.url), 'utf8')) as Sample[];

describe('sentiment on the labelled samples', () => {
  // Measured: en 94.0 % (188/200), fr 93.5 % (187/200). See docs/enrichment.md for the confusion matrices.
  it.each([
    ['en', 0.9],
    ['fr', 0.9],
  ])('%s accuracy is at least %s', (language, floor) => {
    const rows = load(language);
    const hits = rows.filter((s) => sentiment(s.text, language).label === s.sentiment).length;
    expect(hits / rows.length).toBeGreaterThanOrEqual(floor);
  });

  it.each(['en', 'fr'])('%s: never calls a complaint positive or praise negative more than twice', (language) => {
    const flips = load(language).filter((s) => {
      const got = sentiment(s.text, language).label;
      return (s.sentiment === 'negative' && got === 'positive') || (s.sentiment === 'positive' && got === 'negative');
    });
    expect(flips.length).toBeLessThanOrEqual(2);
  });
});

const label = (text: string, language: string): SentimentLabel => sentiment(text, language).label;

describe('sentiment', () => {
  it('handles negation in English', () => {
    expect(label('I am happy with the service', 'en')).toBe('positive');
    expect(label('I am not happy with the service', 'en')).toBe('negative');
    expect(label("I'm not very happy", 'en')).toBe('negative');
    expect(label("the crew wasn't helpful at all", 'en')).toBe('negative');
    expect(label('not bad at all, the food was fine', 'en')).toBe('positive');
    expect(label('no signal since this morning', 'en')).toBe('negative');
    expect(label('nothing works', 'en')).toBe('negative');
    expect(label('switched last month, no regrets', 'en')).toBe('positive');
  });

  it('handles negation in French, with or without "ne" and accents', () => {
    expect(label('je suis content du service', 'fr')).toBe('positive');
    expect(label('pas content du tout', 'fr')).toBe('negative');
    expect(label('je ne suis pas satisfait', 'fr')).toBe('negative');
    expect(label("je n'apprécie pas du tout", 'fr')).toBe('negative');
    expect(label('pas mal du tout !', 'fr')).toBe('positive');
    expect(label('ça ne marche pas', 'fr')).toBe('negative');
    expect(label('toujours pas de réponse', 'fr')).toBe('negative');
    expect(label('plus de réseau depuis hier', 'fr')).toBe('negative');
    expect(label('tres decu, vol annule', 'fr')).toBe('negative');
  });

  it('knows customer-care vocabulary', () => {
    for (const text of [
      'flight delayed again',
      'my flight got cancelled',
      'lost bag in Lisbon',
      'still waiting on my refund',
    ]) {
      expect(label(text, 'en')).toBe('negative');
    }
    for (const text of ['vol retardé', 'vol annulé', 'bagage perdu à Nice', 'toujours pas de remboursement']) {
      expect(label(text, 'fr')).toBe('negative');
    }
    expect(label('thanks, problem solved!', 'en')).toBe('positive');
    expect(label('merci beaucoup, problème résolu !', 'fr')).toBe('positive');
    expect(label('thanks for nothing', 'en')).toBe('negative');
    expect(label('merci pour rien', 'fr')).toBe('negative');
  });

  it('counts what follows "but"/"mais" more', () => {
    expect(label('the crew was nice but the delay was awful', 'en')).toBe('negative');
    expect(label("l'équipage était sympa mais le retard était horrible", 'fr')).toBe('negative');
  });

  it('reads emoji', () => {
    expect(label('@SkywardAir 😡😡', 'en')).toBe('negative');
    expect(label('@SkywardAir_FR ❤️😍', 'fr')).toBe('positive');
  });

  it.each([
    ['', 'en'],
    ['@SkywardAir', 'en'],
    ['https://t.co/x8Kd92LmQa', 'fr'],
    ['@SkywardAir 👀🤔', 'en'],
    ['12:40 SK214 #SK214', 'en'],
    ['!!!???', 'fr'],
  ])('is neutral and does not crash on %j', (text, language) => {
    expect(sentiment(text, language)).toEqual({ label: 'neutral', score: 0 });
  });

  it('is neutral for languages without a lexicon', () => {
    expect(sentiment('vuelo cancelado, qué desastre', 'es')).toEqual({ label: 'neutral', score: 0 });
    expect(sentiment('terrible, awful, worst', 'und')).toEqual({ label: 'neutral', score: 0 });
    expect(sentiment('terrible', 'EN-gb').label).toBe('negative');
  });

  it('keeps the score in -1..1 and its sign with the label', () => {
    const extreme = sentiment('worst worst worst terrible awful horrible disgusting '.repeat(50), 'en');
    expect(extreme.label).toBe('negative');
    expect(extreme.score).toBeGreaterThanOrEqual(-1);
    expect(sentiment('amazing wonderful perfect '.repeat(50), 'en').score).toBeLessThanOrEqual(1);
    expect(sentiment('great', 'en').score).toBeGreaterThan(0);
  });
});
