import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/test-database.ts';
import { seedDemo } from '../../seed/demo.ts';
import { stableId } from '../../seed/factories.ts';
import { applyBrandRules, loadBrandRules } from './brand-rules.ts';

describe('demo rules: Skyward Air keyword rules and VIP', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let skyward: { id: string; organizationId: string };

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemo(db.prisma);
    skyward = await db.prisma.brand.findFirstOrThrow({
      where: { name: 'Skyward Air', organization: { slug: 'skyward-air' } },
      select: { id: true, organizationId: true },
    });
  });
  afterAll(() => db.dispose());

  it('seeds the rules with stable ids, in order, written by the manager', async () => {
    const rules = await db.prisma.keywordRule.findMany({
      where: { brandId: skyward.id },
      orderBy: { position: 'asc' },
      select: { id: true, phrase: true, createdByUserId: true },
    });
    expect(rules.slice(0, 3).map((r) => r.phrase)).toEqual(['cancelled', 'annulé', 'lost bag']);
    expect(rules[0]!.id).toBe(stableId(`keyword-rule:${skyward.id}:cancelled`));
    expect(new Set(rules.map((r) => r.createdByUserId))).toEqual(new Set([stableId('user:manager@skyward.example')]));
  });

  it('makes a French cancelled flight with a lost bag urgent, tagged twice; the VIP always urgent', async () => {
    const rules = await loadBrandRules(db.prisma, skyward.organizationId, skyward.id);
    const tags = await db.prisma.tag.findMany({ where: { brandId: skyward.id }, select: { id: true, name: true } });
    const tagName = new Map(tags.map((t) => [t.id, t.name]));

    const complaint = applyBrandRules(rules, {
      text: '@SkywardAir vol ANNULÉ et bagage perdu à CDG, inadmissible',
      language: 'fr',
      network: 'x',
      username: 'someone',
    });
    expect(complaint.priority).toBe('urgent');
    expect(complaint.tagIds.map((id) => tagName.get(id))).toEqual(['cancellations', 'baggage']);

    const refund = applyBrandRules(rules, {
      text: 'Still waiting to be refunded',
      language: 'en',
      network: 'x',
      username: 'someone',
    });
    expect(refund).toMatchObject({ priority: null, isVip: false });
    expect(refund.tagIds.map((id) => tagName.get(id))).toEqual(['refunds']);

    const vip = applyBrandRules(rules, { text: 'Merci !', language: 'fr', network: 'x', username: 'CamilleMartin' });
    expect(vip).toMatchObject({ isVip: true, priority: 'urgent' });
  });
});
