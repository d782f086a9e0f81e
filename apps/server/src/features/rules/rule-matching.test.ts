import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KeywordMatchMode, Priority } from '@perch/shared';
import { applyBrandRules, compileBrandRules, foldForMatching, type KeywordRuleRow } from './rule-matching.ts';

let next = 0;
function rule(phrase: string, actions: Partial<KeywordRuleRow> = {}, matchMode: KeywordMatchMode = 'word') {
  next += 1;
  return {
    id: `rule-${next}`,
    phrase,
    matchMode,
    language: null,
    tagId: null,
    priority: null,
    teamId: null,
    ...actions,
  } satisfies KeywordRuleRow;
}

const mention = (text: string, extra: Partial<Parameters<typeof applyBrandRules>[1]> = {}) => ({
  text,
  language: 'en',
  network: 'x',
  username: 'someone',
  ...extra,
});

describe('foldForMatching', () => {
  it('lower-cases, strips accents and turns punctuation and emoji into single spaces', () => {
    expect(foldForMatching('  Bagage PERDU !!! 😡')).toBe('bagage perdu');
    expect(foldForMatching("Vol annulé à l'aéroport — Œuvre, Straße")).toBe('vol annule a l aeroport oeuvre strasse');
    expect(foldForMatching('#lost-bag')).toBe('lost bag');
  });
});

describe('applyBrandRules', () => {
  it('matches phrases case- and accent-insensitively on word boundaries', () => {
    const lostBag = rule('lost bag', { tagId: 'tag-baggage', priority: 'high' });
    const perdu = rule('perdu', { tagId: 'tag-baggage' });
    const rules = compileBrandRules([lostBag, perdu], []);
    expect(applyBrandRules(rules, mention('LOST BAG!!')).matchedRuleIds).toEqual([lostBag.id]);
    expect(applyBrandRules(rules, mention('My   lost\nbag, again')).matchedRuleIds).toEqual([lostBag.id]);
    expect(applyBrandRules(rules, mention('Perdu, encore.')).matchedRuleIds).toEqual([perdu.id]);
    expect(applyBrandRules(rules, mention('PÉRDU')).matchedRuleIds).toEqual([perdu.id]);
    expect(applyBrandRules(rules, mention('lost baggage')).matchedRuleIds).toEqual([]);
    expect(applyBrandRules(rules, mention('perdus')).matchedRuleIds).toEqual([]);
  });

  it('in word mode "bag" does not match "baggage"; in phrase mode it does', () => {
    const word = rule('bag', { priority: 'normal' }, 'word');
    const anywhere = rule('bag', { priority: 'high' }, 'phrase');
    expect(applyBrandRules(compileBrandRules([word], []), mention('my baggage')).matchedRuleIds).toEqual([]);
    expect(applyBrandRules(compileBrandRules([word], []), mention('my bag.')).matchedRuleIds).toEqual([word.id]);
    expect(applyBrandRules(compileBrandRules([anywhere], []), mention('my baggage')).matchedRuleIds).toEqual([
      anywhere.id,
    ]);
    const refund = rule('refund', { priority: 'high' }, 'phrase');
    expect(applyBrandRules(compileBrandRules([refund], []), mention('Refunded?')).priority).toBe('high');
  });

  it.each([
    ['lost bag', 'word', ['LOST BAG!!', 'my lost\nbag', '#lost-bag'], ['lost baggage', 'lost my bag']],
    ['perdu', 'word', ['Perdu', 'PÉRDU !', 'bagage perdu.'], ['perdus', 'éperdu']],
    ['bag', 'word', ['my bag.', 'bag?'], ['baggage', 'handbag']],
    ['bag', 'phrase', ['my bag', 'baggage', 'handbag'], ['b a g']],
    ['refund', 'phrase', ['refunded', 'Refunds?', 'no refund'], ['re-fund']],
    ['rembourse', 'phrase', ['remboursé', 'remboursement', 'REMBOURSEZ'], ['rembourrer']],
  ] as const)('docs/enrichment.md example: "%s" (%s)', (phrase, mode, matching, notMatching) => {
    const rules = compileBrandRules([rule(phrase, { priority: 'high' }, mode)], []);
    for (const text of matching)
      expect({ text, hit: applyBrandRules(rules, mention(text)).priority }).toEqual({ text, hit: 'high' });
    for (const text of notMatching)
      expect({ text, hit: applyBrandRules(rules, mention(text)).priority }).toEqual({ text, hit: null });
  });

  it('takes the highest priority among matching rules, unions tags and keeps the first team', () => {
    const rules = compileBrandRules(
      [
        rule('refund', { priority: 'normal', tagId: 'tag-money', teamId: 'team-billing' }),
        rule('cancelled', { priority: 'urgent', tagId: 'tag-flights', teamId: 'team-ops' }),
        rule('flight', { priority: 'high', tagId: 'tag-flights' }),
        rule('never matches', { priority: 'low', teamId: 'team-x' }),
      ],
      [],
    );
    const outcome = applyBrandRules(rules, mention('Flight cancelled, I want a refund'));
    expect(outcome).toMatchObject({
      isVip: false,
      priority: 'urgent',
      tagIds: ['tag-money', 'tag-flights'],
      teamId: 'team-billing',
    });
    expect(outcome.matchedRuleIds).toHaveLength(3);
  });

  it('skips rules of another language, and language-bound rules when the language is unknown', () => {
    const fr = rule('retard', { priority: 'high', language: 'fr' });
    const any = rule('delay', { priority: 'normal' });
    const rules = compileBrandRules([fr, any], []);
    expect(applyBrandRules(rules, mention('retard delay', { language: 'fr' })).matchedRuleIds).toEqual([fr.id, any.id]);
    expect(applyBrandRules(rules, mention('retard delay', { language: 'en' })).matchedRuleIds).toEqual([any.id]);
    expect(applyBrandRules(rules, mention('retard delay', { language: null })).matchedRuleIds).toEqual([any.id]);
    expect(applyBrandRules(rules, mention('retard', { language: 'fr-CA' })).matchedRuleIds).toEqual([fr.id]);
  });

  it('marks VIP authors per network (case and "@" ignored) and makes them urgent', () => {
    const rules = compileBrandRules(
      [rule('hello', { priority: 'low' })],
      [
        { network: 'x', username: 'camillemartin' },
        { network: 'webhook', username: 'jane.doe' },
      ],
    );
    expect(applyBrandRules(rules, mention('hello', { username: '@CamilleMartin' }))).toMatchObject({
      isVip: true,
      priority: 'urgent',
    });
    expect(applyBrandRules(rules, mention('hi', { username: 'Jane.Doe', network: 'webhook' }))).toMatchObject({
      isVip: true,
      priority: 'urgent',
      matchedRuleIds: [],
    });
    // The same name on another network is another person.
    expect(applyBrandRules(rules, mention('hello', { username: 'jane.doe', network: 'x' }))).toMatchObject({
      isVip: false,
      priority: 'low',
    });
  });

  it('answers "nothing" for no rules, and ignores stored phrases that fold to nothing', () => {
    const empty = compileBrandRules([rule('!!!', { priority: 'urgent' })], []);
    expect(empty.rules).toHaveLength(0);
    expect(applyBrandRules(empty, mention('!!! anything'))).toEqual({
      isVip: false,
      tagIds: [],
      priority: null,
      teamId: null,
      matchedRuleIds: [],
    });
  });

  it('is fast: 200 rules against a post of 280 characters in well under a millisecond', () => {
    const rules = compileBrandRules(
      Array.from({ length: 200 }, (_, i) => rule(`keyword number ${i}`, { priority: 'high' })),
      [],
    );
    const text = 'Mon vol a été annulé et mon bagage est perdu, keyword number 150 '.repeat(4);
    const started = performance.now();
    for (let i = 0; i < 1000; i++) applyBrandRules(rules, mention(text));
    const perCall = (performance.now() - started) / 1000;
    expect(applyBrandRules(rules, mention(text)).priority).toBe('high');
    expect(perCall).toBeLessThan(1);
  });
});

const priorities: Priority[] = ['urgent', 'high', 'normal', 'low'];
const anyText = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }));
const arbitraryRule = fc.record({
  phrase: anyText,
  matchMode: fc.constantFrom<KeywordMatchMode>('word', 'phrase'),
  language: fc.constantFrom(null, 'en', 'fr'),
  priority: fc.constantFrom(null, ...priorities),
  tagId: fc.constantFrom(null, 'tag-a', 'tag-b'),
  teamId: fc.constantFrom(null, 'team-a'),
});

/** The folding rule written as Unicode regular expressions: the definition the fast loop must equal. */
function referenceFold(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/\p{M}+/gu, '')
    .replace(/[œæß]/g, (c) => ({ œ: 'oe', æ: 'ae', ß: 'ss' })[c] ?? c)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

describe('applyBrandRules properties', () => {
  it('folds exactly as the reference definition, on any text', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(foldForMatching(text)).toBe(referenceFold(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on arbitrary text, phrases, languages and usernames', () => {
    fc.assert(
      fc.property(
        fc.array(arbitraryRule, { maxLength: 8 }),
        fc.array(fc.record({ network: fc.constantFrom('x', 'webhook'), username: anyText }), { maxLength: 4 }),
        anyText,
        fc.option(anyText),
        anyText,
        (rows, vips, text, language, username) => {
          const rules = compileBrandRules(
            rows.map((r, i) => ({ ...r, id: `r${i}` })),
            vips,
          );
          const outcome = applyBrandRules(rules, { text, language, network: 'x', username });
          expect(outcome.matchedRuleIds.length).toBeLessThanOrEqual(rows.length);
          if (outcome.priority !== null) expect(priorities).toContain(outcome.priority);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('a phrase always matches a text that contains it surrounded by spaces, in both modes', () => {
    // Phrases as a manager could save them: at least one letter or digit once folded (the service checks it).
    const phrase = anyText.filter((s) => foldForMatching(s) !== '');
    fc.assert(
      fc.property(
        phrase,
        anyText,
        anyText,
        fc.constantFrom<KeywordMatchMode>('word', 'phrase'),
        (p, before, after, matchMode) => {
          const r = rule(p, { priority: 'high' }, matchMode);
          const outcome = applyBrandRules(compileBrandRules([r], []), mention(`${before} ${p} ${after}`));
          expect(outcome.matchedRuleIds).toEqual([r.id]);
          expect(outcome.priority).toBe('high');
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('a VIP is always urgent, whatever the rules say', () => {
    fc.assert(
      fc.property(fc.array(arbitraryRule, { maxLength: 5 }), anyText, (rows, text) => {
        const rules = compileBrandRules(
          rows.map((r, i) => ({ ...r, id: `r${i}` })),
          [{ network: 'x', username: 'vip' }],
        );
        const outcome = applyBrandRules(rules, { text, language: 'en', network: 'x', username: '@VIP' });
        expect(outcome).toMatchObject({ isVip: true, priority: 'urgent' });
      }),
      { numRuns: 1000 },
    );
  });
});
