import { describe, expect, it } from 'vitest';
import { createPrng } from './prng.ts';
import { compose, type BrandKind, type Language, type TemplateSet, type Topic } from './text-templates.ts';

describe('post templates', () => {
  it('fill every variable, mention the brand and stay within 280 characters, for every kind and language', () => {
    const prng = createPrng(2);
    const kinds: BrandKind[] = ['airline', 'telecom', 'retail'];
    const languages: Language[] = ['en', 'fr'];
    const sets: [TemplateSet, Topic?][] = [
      ['topic', 'complaint'],
      ['topic', 'question'],
      ['topic', 'praise'],
      ['storm'],
      ['spam'],
      ['follow_up'],
      ['nudge'],
    ];
    const texts = new Set<string>();
    for (const kind of kinds)
      for (const language of languages)
        for (const [set, topic] of sets)
          for (let i = 0; i < 20; i++) {
            const text = compose(prng, set, { brand: 'NorthwindCares', brandCode: 'NC', kind, language, topic });
            expect(text).not.toMatch(/[{}]/);
            expect(text).toContain('@NorthwindCares');
            expect([...text].length).toBeLessThanOrEqual(280);
            texts.add(text);
          }
    expect(texts.size).toBeGreaterThan(400); // of 840: variables make most of them distinct
  });
});
