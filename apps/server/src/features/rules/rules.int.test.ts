import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/test-database.ts';
import { callerFor, createTenant, type TenantFixture } from '../../../test/harness.ts';
import { outcome } from '../../../test/procedure-samples.ts';
import { addMember, createUser } from '../../seed/factories.ts';
import { applyBrandRules, loadBrandRules } from './brand-rules.ts';
import { createTeam } from './rules.repository.ts';

/** The failed call's tRPC code and message. */
async function failure(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return { code: (error as { code: string }).code, message: (error as Error).message };
  }
  throw new Error('the call succeeded');
}

describe('rules: keyword rules and VIP lists', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let a: TenantFixture;
  let b: TenantFixture;
  let manager: Awaited<ReturnType<typeof callerFor>>;
  let brand: { organizationId: string; brandId: string };

  beforeAll(async () => {
    db = await createTestDatabase();
    a = await createTenant(db.prisma, 'Rules Air');
    b = await createTenant(db.prisma, 'Rules Telecom');
    manager = await callerFor(db.prisma, a.users.manager.userId);
    brand = { organizationId: a.organizationId, brandId: a.brandIds[0]! };
  });
  afterAll(() => db.dispose());

  it('creates rules in order, finding or creating the brand tag by name (case ignored), and audits them', async () => {
    const team = await createTeam(db.prisma, a.organizationId, 'Baggage desk');
    const first = await manager.rules.createKeywordRule({
      ...brand,
      phrase: 'lost bag',
      tagName: 'Baggage',
      priority: 'high',
      teamId: team.id,
    });
    const second = await manager.rules.createKeywordRule({
      ...brand,
      phrase: 'bagage perdu',
      language: 'fr',
      tagName: 'baggage',
      priority: 'high',
    });
    expect(first).toMatchObject({ phrase: 'lost bag', matchMode: 'word', enabled: true, position: 0 });
    expect(first.team).toEqual({ id: team.id, name: 'Baggage desk' });
    expect(second.position).toBe(1);
    // One tag, under the name first typed.
    expect(second.tag?.id).toBe(first.tag?.id);
    expect(second.tag?.name).toBe('Baggage');
    expect(await db.prisma.tag.count({ where: { organizationId: a.organizationId } })).toBe(1);

    const listed = await manager.rules.listKeywordRules(brand);
    expect(listed.rules.map((r) => r.phrase)).toEqual(['lost bag', 'bagage perdu']);
    expect(listed.teams).toContainEqual({ id: team.id, name: 'Baggage desk' });

    const audit = await db.prisma.auditLog.findFirstOrThrow({
      where: { organizationId: a.organizationId, action: 'rules.createKeywordRule', targetId: first.id },
    });
    expect(audit).toMatchObject({ actorUserId: a.users.manager.userId, outcome: 'ok' });
    expect(audit.after).toMatchObject({ phrase: 'lost bag', tag: 'Baggage', priority: 'high', tagCreated: true });
  });

  it('refuses a rule without an action, an empty phrase and a duplicate phrase, with clear errors', async () => {
    expect(await failure(manager.rules.createKeywordRule({ ...brand, phrase: 'refund' }))).toEqual({
      code: 'BAD_REQUEST',
      message: 'A rule needs at least one action: a tag, a priority or a team',
    });
    expect((await failure(manager.rules.createKeywordRule({ ...brand, phrase: '!!!', priority: 'low' }))).code).toBe(
      'BAD_REQUEST',
    );
    // An isolated Arabic diacritic is a "letter" to the schema but folds to nothing: it could never match.
    expect(await failure(manager.rules.createKeywordRule({ ...brand, phrase: 'ﹴ', priority: 'low' }))).toEqual({
      code: 'BAD_REQUEST',
      message: 'The phrase must contain at least one letter or digit',
    });
    expect(
      await failure(manager.rules.createKeywordRule({ ...brand, phrase: '  LOST   Bag ', priority: 'urgent' })),
    ).toEqual({ code: 'CONFLICT', message: 'This brand already has a rule for "lost bag"' });
    // Another mode or language is another rule.
    const anywhere = await manager.rules.createKeywordRule({
      ...brand,
      phrase: 'lost bag',
      matchMode: 'phrase',
      priority: 'normal',
    });
    await manager.rules.deleteKeywordRule({ organizationId: a.organizationId, ruleId: anywhere.id });
  });

  it('never reaches into another organization: brands, teams, rules and tags of B read as missing', async () => {
    const bTeam = await createTeam(db.prisma, b.organizationId, 'Bravo desk');
    const bOwner = await callerFor(db.prisma, b.users.owner.userId);
    const bBrand = { organizationId: b.organizationId, brandId: b.brandIds[0]! };
    const bRule = await bOwner.rules.createKeywordRule({ ...bBrand, phrase: 'outage', tagName: 'baggage' });
    const bTag = await db.prisma.tag.findFirstOrThrow({ where: { organizationId: b.organizationId } });

    expect(await outcome(manager.rules.createKeywordRule({ ...brand, phrase: 'x', teamId: bTeam.id }))).toBe(
      'NOT_FOUND',
    );
    expect(
      await outcome(
        manager.rules.createKeywordRule({
          organizationId: a.organizationId,
          brandId: b.brandIds[0]!,
          phrase: 'x',
          priority: 'low',
        }),
      ),
    ).toBe('NOT_FOUND');
    expect(
      await outcome(manager.rules.listKeywordRules({ organizationId: a.organizationId, brandId: b.brandIds[0]! })),
    ).toBe('NOT_FOUND');
    expect(
      await outcome(
        manager.rules.updateKeywordRule({ organizationId: a.organizationId, ruleId: bRule.id, enabled: false }),
      ),
    ).toBe('NOT_FOUND');
    expect(await outcome(manager.rules.deleteKeywordRule({ organizationId: a.organizationId, ruleId: bRule.id }))).toBe(
      'NOT_FOUND',
    );
    expect(await outcome(manager.rules.reorderKeywordRules({ ...brand, ruleIds: [bRule.id] }))).toBe('NOT_FOUND');
    // A's "baggage" tag is A's own: B's tag of the same name is neither used nor changed.
    const aRule = await manager.rules.createKeywordRule({ ...brand, phrase: 'damaged', tagName: 'BAGGAGE' });
    expect(aRule.tag?.id).not.toBe(bTag.id);
    expect(await db.prisma.keywordRule.findUniqueOrThrow({ where: { id: bRule.id } })).toMatchObject({
      enabled: true,
      tagId: bTag.id,
    });
    await manager.rules.deleteKeywordRule({ organizationId: a.organizationId, ruleId: aRule.id });
  });

  it('refuses a team that does not handle the brand', async () => {
    const other = await createTeam(db.prisma, a.organizationId, 'Second brand desk', [a.brandIds[1]!]);
    expect(await failure(manager.rules.createKeywordRule({ ...brand, phrase: 'meal', teamId: other.id }))).toEqual({
      code: 'BAD_REQUEST',
      message: 'The team Second brand desk does not handle this brand',
    });
  });

  it('updates a rule partially and keeps at least one action', async () => {
    const rule = await manager.rules.createKeywordRule({ ...brand, phrase: 'refund', tagName: 'money' });
    const org = { organizationId: a.organizationId, ruleId: rule.id };
    const updated = await manager.rules.updateKeywordRule({ ...org, priority: 'high', tagName: null, enabled: false });
    expect(updated).toMatchObject({ phrase: 'refund', priority: 'high', tag: null, enabled: false });
    expect((await failure(manager.rules.updateKeywordRule({ ...org, priority: null }))).message).toBe(
      'A rule needs at least one action: a tag, a priority or a team',
    );
    expect((await failure(manager.rules.updateKeywordRule({ ...org, phrase: 'Lost bag' }))).code).toBe('CONFLICT');
    const renamed = await manager.rules.updateKeywordRule({ ...org, phrase: 'remboursement', language: 'fr' });
    expect(renamed).toMatchObject({ phrase: 'remboursement', language: 'fr', priority: 'high' });
    const audit = await db.prisma.auditLog.findFirstOrThrow({
      where: { action: 'rules.updateKeywordRule', targetId: rule.id },
      orderBy: { createdAt: 'desc' },
    });
    expect(audit.before).toMatchObject({ phrase: 'refund', language: null });
    expect(audit.after).toMatchObject({ phrase: 'remboursement', language: 'fr' });
    await manager.rules.deleteKeywordRule(org);
    expect(await outcome(manager.rules.deleteKeywordRule(org))).toBe('NOT_FOUND');
  });

  it('reorders rules; the worker loads enabled rules in that order and applies them', async () => {
    const t = await createTenant(db.prisma, 'Order Air');
    const owner = await callerFor(db.prisma, t.users.owner.userId);
    const scope = { organizationId: t.organizationId, brandId: t.brandIds[0]! };
    const ops = await createTeam(db.prisma, t.organizationId, 'Ops');
    const billing = await createTeam(db.prisma, t.organizationId, 'Billing');
    const r1 = await owner.rules.createKeywordRule({
      ...scope,
      phrase: 'refund',
      teamId: billing.id,
      priority: 'normal',
    });
    const r2 = await owner.rules.createKeywordRule({
      ...scope,
      phrase: 'annulé',
      teamId: ops.id,
      priority: 'urgent',
      tagName: 'cancellations',
    });
    const r3 = await owner.rules.createKeywordRule({ ...scope, phrase: 'lounge', priority: 'low', enabled: false });
    await owner.rules.addVip({ ...scope, network: 'x', username: '@CamilleMartin', note: 'Platinum' });

    const text = 'Vol ANNULE, je veux un refund';
    let rules = await loadBrandRules(db.prisma, t.organizationId, scope.brandId);
    let result = applyBrandRules(rules, { text, language: 'fr', network: 'x', username: 'someone' });
    expect(result).toMatchObject({ priority: 'urgent', teamId: billing.id, matchedRuleIds: [r1.id, r2.id] });
    expect(result.tagIds).toEqual([r2.tag!.id]);

    const reordered = await owner.rules.reorderKeywordRules({ ...scope, ruleIds: [r2.id, r3.id, r1.id] });
    expect(reordered.map((r) => r.id)).toEqual([r2.id, r3.id, r1.id]);
    rules = await loadBrandRules(db.prisma, t.organizationId, scope.brandId);
    result = applyBrandRules(rules, {
      text: `${text} lounge`,
      language: 'fr',
      network: 'x',
      username: '@camillemartin',
    });
    expect(result).toMatchObject({ isVip: true, priority: 'urgent', teamId: ops.id, matchedRuleIds: [r2.id, r1.id] });

    // Each rule once, all of them.
    expect((await failure(owner.rules.reorderKeywordRules({ ...scope, ruleIds: [r1.id, r1.id, r2.id] }))).code).toBe(
      'BAD_REQUEST',
    );
    expect((await failure(owner.rules.reorderKeywordRules({ ...scope, ruleIds: [r1.id] }))).code).toBe('BAD_REQUEST');
    // Another brand's rules are not this brand's.
    expect(
      await outcome(
        owner.rules.reorderKeywordRules({ ...scope, brandId: t.brandIds[1]!, ruleIds: [r1.id, r2.id, r3.id] }),
      ),
    ).toBe('NOT_FOUND');
  });

  it('adds VIP handles normalised, refuses duplicates with a clear CONFLICT, and removes them', async () => {
    const vip = await manager.rules.addVip({ ...brand, network: 'x', username: ' @Jane_Doe ', note: 'Journalist' });
    expect(vip).toMatchObject({ network: 'x', username: 'jane_doe', note: 'Journalist' });
    expect(await failure(manager.rules.addVip({ ...brand, network: 'x', username: 'JANE_DOE' }))).toEqual({
      code: 'CONFLICT',
      message: '@jane_doe is already a VIP of this brand on X',
    });
    // The same name on another network, or for another brand, is another entry.
    await manager.rules.addVip({ ...brand, network: 'webhook', username: 'Jane.Doe@Reviews' });
    await manager.rules.addVip({ ...brand, brandId: a.brandIds[1]!, network: 'x', username: 'jane_doe' });
    expect((await failure(manager.rules.addVip({ ...brand, network: 'x', username: 'jane.doe' }))).code).toBe(
      'BAD_REQUEST',
    );
    expect((await failure(manager.rules.addVip({ ...brand, network: 'webhook', username: 'two words' }))).code).toBe(
      'BAD_REQUEST',
    );

    const listed = await manager.rules.listVips(brand);
    expect(listed.map((v) => `${v.network}:${v.username}`)).toEqual(['webhook:jane.doe@reviews', 'x:jane_doe']);

    const bOwner = await callerFor(db.prisma, b.users.owner.userId);
    const bVip = await bOwner.rules.addVip({
      organizationId: b.organizationId,
      brandId: b.brandIds[0]!,
      network: 'x',
      username: 'jane_doe',
    });
    expect(await outcome(manager.rules.removeVip({ organizationId: a.organizationId, vipId: bVip.id }))).toBe(
      'NOT_FOUND',
    );
    expect(await db.prisma.vipHandle.count({ where: { id: bVip.id } })).toBe(1);

    await manager.rules.removeVip({ organizationId: a.organizationId, vipId: vip.id });
    expect((await manager.rules.listVips(brand)).map((v) => v.username)).toEqual(['jane.doe@reviews']);
    const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { action: 'rules.removeVip', targetId: vip.id } });
    expect(audit.before).toMatchObject({ network: 'x', username: 'jane_doe' });
  });

  it('agents read rules and VIPs but change nothing; members limited to a brand see only that brand', async () => {
    const agent = await callerFor(db.prisma, a.users.agent.userId);
    expect(await outcome(agent.rules.listKeywordRules(brand))).toBe('OK');
    expect(await outcome(agent.rules.listVips(brand))).toBe('OK');
    expect(await outcome(agent.rules.createKeywordRule({ ...brand, phrase: 'late', priority: 'low' }))).toBe(
      'FORBIDDEN',
    );
    expect(await outcome(agent.rules.addVip({ ...brand, network: 'x', username: 'someone' }))).toBe('FORBIDDEN');

    const user = await createUser(db.prisma, {
      email: 'limited@rules-air.test',
      name: 'Limited',
      password: 'x-password-1',
    });
    await addMember(db.prisma, a.organizationId, user.id, 'manager', [a.brandIds[1]!]);
    const limited = await callerFor(db.prisma, user.id);
    expect(await outcome(limited.rules.listKeywordRules(brand))).toBe('NOT_FOUND');
    expect(await outcome(limited.rules.addVip({ ...brand, network: 'x', username: 'someone' }))).toBe('NOT_FOUND');
    const [someRule] = (await manager.rules.listKeywordRules(brand)).rules;
    expect(
      await outcome(
        limited.rules.updateKeywordRule({ organizationId: a.organizationId, ruleId: someRule!.id, enabled: false }),
      ),
    ).toBe('NOT_FOUND');
    expect(await outcome(limited.rules.listKeywordRules({ ...brand, brandId: a.brandIds[1]! }))).toBe('OK');
  });
});
