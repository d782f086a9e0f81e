import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTOMATION_LIMITS } from '@perch/shared';
import { createTestDatabase } from '../../../test/test-database.ts';
import { callerFor, createTenant, type TenantFixture } from '../../../test/harness.ts';
import { createAutomationFixture } from './automation.testing.ts';

/** Rejection of `promise`, as the tRPC code and the message the client sees. */
async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    const e = error as { code?: string; message: string };
    return { code: e.code, message: e.message };
  }
  throw new Error('expected a refusal');
}

describe('automation rules: CRUD by managers, every id checked against the rule’s brand', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let t: TenantFixture;
  let other: TenantFixture;
  let fx: Awaited<ReturnType<typeof createAutomationFixture>>;
  let foreign: Awaited<ReturnType<typeof createAutomationFixture>>;
  let manager: Awaited<ReturnType<typeof callerFor>>;

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await createTenant(db.prisma, 'Automation CRUD');
    other = await createTenant(db.prisma, 'Automation Other');
    fx = await createAutomationFixture(db.prisma, t);
    foreign = await createAutomationFixture(db.prisma, other);
    manager = await callerFor(db.prisma, t.users.manager.userId);
  });
  afterAll(async () => {
    await db.dispose();
  });

  const base = () => ({
    organizationId: t.organizationId,
    brandId: t.brandIds[0]!,
    name: 'Refunds',
    trigger: 'mention_received' as const,
  });

  it('creates at the end of the order, lists by position, updates, reorders and deletes — each audited', async () => {
    const brandId = t.brandIds[1]!;
    const mk = (name: string) =>
      manager.automation.create({ ...base(), brandId, name, actions: [{ type: 'set_priority', priority: 'high' }] });
    const first = await mk('First');
    const second = await mk('Second');
    expect([first.position, second.position]).toEqual([0, 1]);
    expect(first).toMatchObject({ enabled: true, conditions: [], runCount: 0, lastRunAt: null });

    const updated = await manager.automation.update({
      organizationId: t.organizationId,
      ruleId: first.id,
      name: 'First, renamed',
      conditions: [{ type: 'vip', vip: true }],
      enabled: false,
    });
    expect(updated).toMatchObject({ name: 'First, renamed', enabled: false, conditions: [{ type: 'vip', vip: true }] });

    const reordered = await manager.automation.reorder({
      organizationId: t.organizationId,
      brandId,
      ruleIds: [second.id, first.id],
    });
    expect(reordered.map((r) => r.name)).toEqual(['Second', 'First, renamed']);
    const listed = await manager.automation.list({ organizationId: t.organizationId, brandId });
    expect(listed.map((r) => [r.name, r.position])).toEqual([
      ['Second', 0],
      ['First, renamed', 1],
    ]);

    await manager.automation.delete({ organizationId: t.organizationId, ruleId: second.id });
    expect((await manager.automation.list({ organizationId: t.organizationId, brandId })).map((r) => r.id)).toEqual([
      first.id,
    ]);
    const actions = await db.prisma.auditLog.findMany({
      where: { organizationId: t.organizationId, action: { startsWith: 'automation.' } },
      orderBy: { createdAt: 'asc' },
      select: { action: true },
    });
    expect(actions.map((a) => a.action)).toEqual([
      'automation.create',
      'automation.create',
      'automation.update',
      'automation.reorder',
      'automation.delete',
    ]);
  });

  it('agents may not read or change rules', async () => {
    const agent = await callerFor(db.prisma, t.users.agent.userId);
    const r = await refusal(agent.automation.list({ organizationId: t.organizationId, brandId: t.brandIds[0]! }));
    expect(r.code).toBe('FORBIDDEN');
  });

  it('refuses ids of another organization, naming the kind, and stores nothing', async () => {
    const before = await db.prisma.automationRule.count({ where: { organizationId: t.organizationId } });
    const cases = [
      [{ actions: [{ type: 'add_tag', tagId: foreign.tagId }] }, 'Tag'],
      [{ actions: [{ type: 'assign_team', teamId: foreign.teamId }] }, 'Team'],
      [{ actions: [{ type: 'assign_agent', userId: other.users.agent.userId }] }, 'Member'],
      [{ actions: [{ type: 'notify', userIds: [t.users.agent.userId, other.users.manager.userId] }] }, 'Member'],
      [
        { conditions: [{ type: 'channel', channelIds: [other.webhookChannelId] }], actions: [{ type: 'mark_spam' }] },
        'Channel',
      ],
      [
        {
          conditions: [{ type: 'tags', match: 'any', tagIds: [fx.tagId, foreign.tagId] }],
          actions: [{ type: 'mark_spam' }],
        },
        'Tag',
      ],
      [{ brandId: other.brandIds[0]!, actions: [{ type: 'mark_spam' }] }, 'Brand'],
    ] as const;
    for (const [input, kind] of cases) {
      const r = await refusal(
        manager.automation.create({ ...base(), ...input } as unknown as Parameters<
          typeof manager.automation.create
        >[0]),
      );
      expect({ kind, code: r.code }).toEqual({ kind, code: 'NOT_FOUND' });
      expect(r.message).toContain(kind);
    }
    const update = await refusal(
      manager.automation.update({ organizationId: t.organizationId, ruleId: foreign.ruleId, enabled: false }),
    );
    expect(update.code).toBe('NOT_FOUND');
    expect(await db.prisma.automationRule.count({ where: { organizationId: t.organizationId } })).toBe(before);
  });

  it('within the organization, only what serves the rule’s brand is accepted', async () => {
    const secondBrandTag = await db.prisma.tag.create({
      data: { organizationId: t.organizationId, brandId: t.brandIds[1]!, name: 'elsewhere', color: '#000000' },
      select: { id: true },
    });
    const otherBrandTeam = await db.prisma.team.create({
      data: { organizationId: t.organizationId, name: 'Second brand desk', brandIds: [t.brandIds[1]!] },
      select: { id: true },
    });
    const everyBrandTeam = await db.prisma.team.create({
      data: { organizationId: t.organizationId, name: 'Every brand desk', brandIds: [] },
      select: { id: true },
    });
    const refusedKind = async (actions: unknown[], kind: string) => {
      const r = await refusal(
        manager.automation.create({ ...base(), actions } as Parameters<typeof manager.automation.create>[0]),
      );
      expect({ kind, code: r.code, has: r.message.includes(kind) }).toEqual({ kind, code: 'NOT_FOUND', has: true });
    };
    await refusedKind([{ type: 'add_tag', tagId: secondBrandTag.id }], 'Tag');
    await refusedKind([{ type: 'assign_team', teamId: otherBrandTeam.id }], 'Team');
    // Billing admins do not work conversations; an agent limited to the other brand cannot be given this one.
    await refusedKind([{ type: 'assign_agent', userId: t.users.billing_admin.userId }], 'Member');
    await db.prisma.membership.update({
      where: { id: t.users.agent.membershipId },
      data: { brandIds: [t.brandIds[1]!] },
    });
    await refusedKind([{ type: 'notify', userIds: [t.users.agent.userId] }], 'Member');
    await db.prisma.membership.update({ where: { id: t.users.agent.membershipId }, data: { brandIds: [] } });

    const ok = await manager.automation.create({
      ...base(),
      actions: [
        { type: 'assign_team', teamId: everyBrandTeam.id },
        { type: 'assign_agent', userId: t.users.agent.userId },
        { type: 'add_tag', tagId: fx.tagId },
      ],
    });
    // Update re-validates against the rule's brand.
    const r = await refusal(
      manager.automation.update({
        organizationId: t.organizationId,
        ruleId: ok.id,
        actions: [{ type: 'add_tag', tagId: secondBrandTag.id }],
      }),
    );
    expect(r.code).toBe('NOT_FOUND');
  });

  it('a manager limited to another brand cannot see or change this brand’s rules', async () => {
    await db.prisma.membership.update({
      where: { id: t.users.manager.membershipId },
      data: { brandIds: [t.brandIds[1]!] },
    });
    try {
      const limited = await callerFor(db.prisma, t.users.manager.userId);
      const list = await refusal(
        limited.automation.list({ organizationId: t.organizationId, brandId: t.brandIds[0]! }),
      );
      expect(list).toMatchObject({ code: 'NOT_FOUND', message: 'Brand not found' });
      const create = await refusal(limited.automation.create({ ...base(), actions: [{ type: 'mark_spam' }] }));
      expect(create.code).toBe('NOT_FOUND');
      const del = await refusal(limited.automation.delete({ organizationId: t.organizationId, ruleId: fx.ruleId }));
      expect(del.code).toBe('NOT_FOUND');
      expect(await db.prisma.automationRule.count({ where: { id: fx.ruleId } })).toBe(1);
    } finally {
      await db.prisma.membership.update({ where: { id: t.users.manager.membershipId }, data: { brandIds: [] } });
    }
  });

  it('reorder must list exactly the brand’s rules; the limit per brand holds', async () => {
    const brandId = t.brandIds[0]!;
    const rules = await manager.automation.list({ organizationId: t.organizationId, brandId });
    expect(rules.length).toBeGreaterThan(1);
    const partial = await refusal(
      manager.automation.reorder({ organizationId: t.organizationId, brandId, ruleIds: [rules[0]!.id] }),
    );
    expect(partial.code).toBe('BAD_REQUEST');
    const twice = await refusal(
      manager.automation.reorder({
        organizationId: t.organizationId,
        brandId,
        ruleIds: [...rules.map((r) => r.id), rules[0]!.id],
      }),
    );
    expect(twice.code).toBe('BAD_REQUEST');

    const missing = AUTOMATION_LIMITS.rulesPerBrand - rules.length;
    await db.prisma.automationRule.createMany({
      data: Array.from({ length: missing }, (_, i) => ({
        organizationId: t.organizationId,
        brandId,
        name: `Bulk ${i}`,
        trigger: 'conversation_updated',
        actions: [{ type: 'mark_spam' }],
        position: 100 + i,
      })),
    });
    const over = await refusal(manager.automation.create({ ...base(), actions: [{ type: 'mark_spam' }] }));
    expect(over).toMatchObject({ code: 'BAD_REQUEST' });
    expect(over.message).toContain(String(AUTOMATION_LIMITS.rulesPerBrand));
  });

  it('reads stored JSON back through the schemas (a hand-edited column cannot slip through)', async () => {
    const row = await db.prisma.automationRule.create({
      data: {
        organizationId: t.organizationId,
        brandId: t.brandIds[1]!,
        name: 'Hand-edited',
        trigger: 'mention_received',
        conditions: [
          { type: 'vip', vip: true },
          { type: 'shell', command: 'rm -rf /' },
        ],
        actions: [
          { type: 'set_priority', priority: 'high' },
          { type: 'set_priority', priority: 'extreme' },
        ],
        position: 50,
      },
      select: { id: true },
    });
    const listed = await manager.automation.list({ organizationId: t.organizationId, brandId: t.brandIds[1]! });
    expect(listed.find((r) => r.id === row.id)).toMatchObject({
      conditions: [{ type: 'vip', vip: true }],
      actions: [{ type: 'set_priority', priority: 'high' }],
    });
  });
});
