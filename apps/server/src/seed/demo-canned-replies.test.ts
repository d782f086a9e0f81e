import { CANNED_VARIABLES, cannedReplyFields, fillVariables, variablesIn } from '@perch/shared';
import { replyLength } from '@perch/shared/reply-text';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEMO_CANNED_REPLIES } from './demo-canned-replies.ts';
import { DEMO_ORGS } from './demo.ts';

/** The longest values X allows: a 50-character display name, a 15-character handle; a long first name. */
const LONGEST = {
  'customer.name': 'W'.repeat(50),
  'customer.handle': `@${'w'.repeat(15)}`,
  'agent.first_name': 'Maximiliano',
} as const;

describe('demo canned replies', () => {
  const all = Object.entries(DEMO_CANNED_REPLIES).flatMap(([slug, list]) => list.map((r) => ({ slug, ...r })));

  it('name real brands of their organization, and pass the product’s own schema', () => {
    for (const reply of all) {
      const org = DEMO_ORGS.find((o) => o.slug === reply.slug);
      expect(
        org?.brands.map((b) => b.name),
        reply.name,
      ).toContain(reply.brand);
      const { brand: _brand, slug: _slug, ...fields } = reply;
      expect(z.strictObject(cannedReplyFields).parse(fields)).toEqual(fields);
      for (const name of variablesIn(reply.text)) expect(CANNED_VARIABLES).toContain(name);
    }
  });

  it('have unique names and shortcuts per brand', () => {
    const byBrand = new Map<string, typeof all>();
    for (const r of all) byBrand.set(`${r.slug}/${r.brand}`, [...(byBrand.get(`${r.slug}/${r.brand}`) ?? []), r]);
    for (const [brand, list] of byBrand) {
      expect(new Set(list.map((r) => r.name.toLowerCase())).size, brand).toBe(list.length);
      expect(new Set(list.map((r) => r.shortcut)).size, brand).toBe(list.length);
    }
  });

  it('fit in one public reply on X once filled, even with the longest names', () => {
    for (const reply of all) {
      const filled = fillVariables(reply.text, { ...LONGEST, 'brand.name': reply.brand });
      expect(variablesIn(filled), reply.name).toEqual([]);
      const length = replyLength(filled);
      expect(length.weighted, reply.name).toBeLessThanOrEqual(280);
      expect(length.hasUrl, reply.name).toBe(false);
    }
  });

  it('give Skyward Air and Skyward Cargo each of the common answers in English and in French', () => {
    for (const brand of ['Skyward Air', 'Skyward Cargo']) {
      const list = DEMO_CANNED_REPLIES['skyward-air']!.filter((r) => r.brand === brand);
      expect(list.filter((r) => r.language === 'fr').length, brand).toBeGreaterThanOrEqual(2);
      expect(list.filter((r) => r.language === 'en').length, brand).toBeGreaterThanOrEqual(2);
    }
    const retard = DEMO_CANNED_REPLIES['skyward-air']!.find(
      (r) => r.brand === 'Skyward Air' && r.shortcut === 'retard',
    );
    expect(retard).toMatchObject({ name: 'Retard — excuses', language: 'fr' });
    expect(retard?.text).toMatch(/^Bonjour \{\{customer\.name\}\}, nous sommes désolés/u);
    expect(retard?.text).toMatch(/\{\{agent\.first_name\}\}$/u);
    const outage = DEMO_CANNED_REPLIES['northwind-telecom']!.find((r) => r.shortcut === 'outage');
    expect(outage?.name).toBe('Outage acknowledgement');
  });
});
