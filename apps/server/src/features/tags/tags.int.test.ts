import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/test-database.ts';
import { callerFor, createTenant, type TenantFixture } from '../../../test/harness.ts';
import { outcome } from '../../../test/procedure-samples.ts';
import { addMember, createUser } from '../../seed/factories.ts';
import { createConversationsWith, failure } from '../teams/workspace-settings.test-support.ts';

describe('tags: brand tags managed by managers', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let a: TenantFixture;
  let b: TenantFixture;
  let manager: Awaited<ReturnType<typeof callerFor>>;
  let org: { organizationId: string };
  let brandId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    a = await createTenant(db.prisma, 'Tags Air');
    b = await createTenant(db.prisma, 'Tags Telecom');
    manager = await callerFor(db.prisma, a.users.manager.userId);
    org = { organizationId: a.organizationId };
    brandId = a.brandIds[0]!;
  });
  afterAll(() => db.dispose());

  it('creates, lists per brand, renames and recolours, with one audit row each', async () => {
    const tag = await manager.tags.create({ ...org, brandId, name: 'Refund', color: '#DC2626' });
    expect(tag).toMatchObject({ brandId, name: 'Refund', color: '#dc2626' });
    await manager.tags.create({ ...org, brandId: a.brandIds[1]!, name: 'Refund' });
    expect((await manager.tags.list({ ...org, brandId })).map((t) => t.name)).toEqual(['Refund']);
    expect(await manager.tags.list(org)).toHaveLength(2);

    const renamed = await manager.tags.update({ ...org, tagId: tag.id, name: 'Refunds', color: '#2563eb' });
    expect(renamed).toMatchObject({ name: 'Refunds', color: '#2563eb' });
    const audit = await db.prisma.auditLog.findMany({
      where: { organizationId: a.organizationId, targetId: tag.id },
      orderBy: { createdAt: 'asc' },
    });
    expect(audit.map((r) => r.action)).toEqual(['tags.create', 'tags.update']);
    expect(audit[1]).toMatchObject({ before: { name: 'Refund' }, after: { name: 'Refunds' } });
  });

  it('refuses a second tag of the same name in a brand, case ignored (CONFLICT, clear message)', async () => {
    await manager.tags.create({ ...org, brandId, name: 'Delay' });
    const dup = await failure(manager.tags.create({ ...org, brandId, name: '  delay ' }));
    expect(dup).toEqual({ code: 'CONFLICT', message: 'This brand already has a tag named "Delay"' });
    const other = await manager.tags.create({ ...org, brandId, name: 'Lost luggage' });
    expect((await failure(manager.tags.update({ ...org, tagId: other.id, name: 'DELAY' }))).code).toBe('CONFLICT');
    // Renaming a tag to its own name in another case is fine.
    expect((await manager.tags.update({ ...org, tagId: other.id, name: 'Lost Luggage' })).name).toBe('Lost Luggage');
  });

  it('validates colours and names', async () => {
    expect(await outcome(manager.tags.create({ ...org, brandId, name: 'x', color: 'red' }))).toBe('BAD_REQUEST');
    expect(await outcome(manager.tags.create({ ...org, brandId, name: ' ' }))).toBe('BAD_REQUEST');
    expect(await outcome(manager.tags.create({ ...org, brandId, name: 'x'.repeat(61) }))).toBe('BAD_REQUEST');
  });

  it('delete takes the tag off every conversation of the brand and out of keyword rules, in one transaction', async () => {
    const doomed = await manager.tags.create({ ...org, brandId, name: 'Doomed' });
    const kept = await manager.tags.create({ ...org, brandId, name: 'Kept' });
    const conversations = await createConversationsWith(db.prisma, a.organizationId, brandId, [
      { tagIds: [doomed.id, kept.id] },
      { tagIds: [doomed.id] },
      { tagIds: [kept.id] },
    ]);
    const rule = await manager.rules.createKeywordRule({ ...org, brandId, phrase: 'doom', tagName: 'doomed' });
    const ruleWithPriority = await manager.rules.createKeywordRule({
      ...org,
      brandId,
      phrase: 'gloom',
      tagName: 'Doomed',
      priority: 'high',
    });
    expect(await manager.tags.usage({ ...org, tagId: doomed.id })).toEqual({
      tagId: doomed.id,
      conversationCount: 2,
      ruleCount: 2,
    });

    const result = await manager.tags.delete({ ...org, tagId: doomed.id });
    expect(result).toEqual({ id: doomed.id, conversationsUntagged: 2, rulesCleared: 2 });
    const rows = await db.prisma.conversation.findMany({
      where: { id: { in: conversations } },
      select: { id: true, tagIds: true },
      orderBy: { id: 'asc' },
    });
    expect(rows.map((r) => r.tagIds)).toEqual([[kept.id], [], [kept.id]]);
    const rules = await db.prisma.keywordRule.findMany({
      where: { id: { in: [rule.id, ruleWithPriority.id] } },
      select: { id: true, tagId: true, enabled: true },
    });
    // A rule left without any action is disabled; the one that still sets a priority keeps running.
    expect(rules.find((r) => r.id === rule.id)).toMatchObject({ tagId: null, enabled: false });
    expect(rules.find((r) => r.id === ruleWithPriority.id)).toMatchObject({ tagId: null, enabled: true });
    const audit = await db.prisma.auditLog.findMany({ where: { targetId: doomed.id, action: 'tags.delete' } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toEqual({ conversationsUntagged: 2, rulesCleared: 2 });
  });

  it('agents read tags but cannot manage them; billing admins do not even read them', async () => {
    const agent = await callerFor(db.prisma, a.users.agent.userId);
    expect(await outcome(agent.tags.list(org))).toBe('OK');
    expect(await outcome(agent.tags.create({ ...org, brandId, name: 'Nope' }))).toBe('FORBIDDEN');
    const billing = await callerFor(db.prisma, a.users.billing_admin.userId);
    expect(await outcome(billing.tags.list(org))).toBe('FORBIDDEN');
  });

  it('a brand-restricted member sees and manages only the tags of their brands', async () => {
    const user = await createUser(db.prisma, {
      email: 'restricted@tags.test',
      name: 'Restricted',
      password: 'x'.repeat(12),
    });
    await addMember(db.prisma, a.organizationId, user.id, 'manager', [a.brandIds[1]!]);
    const restricted = await callerFor(db.prisma, user.id);
    const visible = await restricted.tags.list(org);
    expect(visible.every((t) => t.brandId === a.brandIds[1])).toBe(true);
    expect(await outcome(restricted.tags.list({ ...org, brandId }))).toBe('NOT_FOUND');
    const [mainTag] = await manager.tags.list({ ...org, brandId });
    expect(await outcome(restricted.tags.update({ ...org, tagId: mainTag!.id, name: 'Hijack' }))).toBe('NOT_FOUND');
    expect(await outcome(restricted.tags.create({ ...org, brandId, name: 'Hijack' }))).toBe('NOT_FOUND');
  });

  it("another tenant's tag and brand read as missing, and stay unchanged", async () => {
    const foreign = await (
      await callerFor(db.prisma, b.users.manager.userId)
    ).tags.create({
      organizationId: b.organizationId,
      brandId: b.brandIds[0]!,
      name: 'Foreign',
    });
    expect(await outcome(manager.tags.delete({ ...org, tagId: foreign.id }))).toBe('NOT_FOUND');
    expect(await outcome(manager.tags.usage({ ...org, tagId: foreign.id }))).toBe('NOT_FOUND');
    expect(await outcome(manager.tags.create({ ...org, brandId: b.brandIds[0]!, name: 'Into B' }))).toBe('NOT_FOUND');
    expect(await db.prisma.tag.findUnique({ where: { id: foreign.id } })).toMatchObject({ name: 'Foreign' });
  });
});
