import { automationActionSchema, automationConditionSchema, macroActionSchema } from '@perch/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor } from '../../test/harness.ts';
import { createTestDatabase } from '../../test/test-database.ts';
import { demoEmail, DEMO_ORGS, seedDemo } from './demo.ts';

describe('demo workspace: teams, shifts, tags, automation rules and macros an agent works with', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemo(db.prisma);
  });
  afterAll(() => db.dispose());

  /** The demo person's caller and organization. */
  async function signedIn(orgIndex: number, local: string) {
    const org = DEMO_ORGS[orgIndex]!;
    const user = await db.prisma.user.findUniqueOrThrow({
      where: { email: demoEmail(org, local) },
      select: { id: true, memberships: { select: { organizationId: true } } },
    });
    return { organizationId: user.memberships[0]!.organizationId, caller: await callerFor(db.prisma, user.id) };
  }

  it('Skyward agents see their teams, who is online with what capacity, and the brand tags', async () => {
    const { organizationId, caller: agent } = await signedIn(0, 'agent1');

    const teams = await agent.teams.list({ organizationId });
    const care = teams.find((t) => t.name === 'Passenger care');
    expect(care?.members.map((m) => m.name).sort()).toEqual(['Camille Durand', 'Chloé Petit', 'Lucas Bernard']);
    expect(care?.brandIds).toHaveLength(1);

    const agents = await agent.agents.list({ organizationId });
    expect(agents.find((a) => a.name === 'Camille Durand')).toMatchObject({ availability: 'online', capacity: 8 });
    expect(agents.find((a) => a.name === 'Hugo Robert')).toMatchObject({ availability: 'offline' });

    const tags = await agent.tags.list({ organizationId });
    expect(tags.map((t) => t.name)).toEqual(expect.arrayContaining(['baggage', 'delays', 'praise', 'shipments']));
  });

  it.each([
    ['Skyward Air', 0, { 'Skyward Air': 3, 'Skyward Cargo': 2 }],
    ['Northwind Telecom', 1, { 'Northwind Telecom': 3 }],
  ] as const)(
    '%s: each brand has enabled rules in order that the product accepts as they are',
    async (_, i, perBrand) => {
      const { organizationId, caller: manager } = await signedIn(i, 'manager');
      const brands = await manager.brands.list({ organizationId });
      const tags = await manager.tags.list({ organizationId });
      const teams = await manager.teams.list({ organizationId });
      const entitled = new Set(
        (await manager.billing.entitlements({ organizationId }))
          .filter((e) => e.features.includes('automation_rules'))
          .map((e) => e.brandId),
      );
      expect(entitled.size).toBe(i === 0 ? 1 : 1);
      for (const brand of brands) {
        const rules = await manager.automation.list({ organizationId, brandId: brand.id });
        expect(rules, brand.name).toHaveLength(perBrand[brand.name as keyof typeof perBrand]);
        expect(rules.map((r) => r.position)).toEqual(rules.map((_, n) => n));
        expect(rules.map((r) => r.name)).toContain('Spam bait');
        for (const rule of rules) {
          expect(rule).toMatchObject({ enabled: true, runCount: 0, lastRunAt: null });
          // The stored JSON, not the list's parsed view: nothing may be dropped as damaged.
          const row = await db.prisma.automationRule.findUniqueOrThrow({
            where: { id: rule.id },
            select: { conditions: true, actions: true },
          });
          const stored = { conditions: row.conditions as unknown[], actions: row.actions as unknown[] };
          expect(stored.conditions.map((c) => automationConditionSchema.parse(c))).toEqual(rule.conditions);
          expect(stored.actions.map((a) => automationActionSchema.parse(a))).toEqual(rule.actions);
          for (const action of rule.actions) {
            if (action.type === 'add_tag') {
              expect(tags.find((t) => t.id === action.tagId)?.brandId, rule.name).toBe(brand.id);
            }
            if (action.type === 'assign_team') {
              const team = teams.find((t) => t.id === action.teamId);
              expect(team?.brandIds.length === 0 || team?.brandIds.includes(brand.id), rule.name).toBe(true);
            }
          }
          // Saving the rule unchanged passes the service's checks (every tag, team and member usable on the brand)
          // — on a brand whose plan includes automation rules; Skyward Cargo's wait on Free for an upgrade.
          const save = manager.automation.update({
            organizationId,
            ruleId: rule.id,
            conditions: rule.conditions,
            actions: rule.actions,
          });
          if (entitled.has(brand.id)) await save;
          else await expect(save).rejects.toMatchObject({ code: 'PAYMENT_REQUIRED' });
        }
      }
    },
  );

  it('Northwind agents find the macros under `m`, each valid and accepted unchanged by a manager', async () => {
    const { organizationId, caller: agent } = await signedIn(1, 'agent1');
    const [brand] = await agent.brands.list({ organizationId });
    const macros = await agent.macros.list({ organizationId, brandId: brand!.id });
    expect(macros.map((m) => m.name)).toEqual(['Close as resolved', 'Escalate to network support', 'Refund handled']);
    expect(macros.find((m) => m.name === 'Refund handled')?.actions.map((a) => a.type)).toEqual([
      'add_tag',
      'add_note',
      'set_status',
    ]);

    const { caller: manager } = await signedIn(1, 'manager');
    for (const macro of macros) {
      const row = await db.prisma.macro.findUniqueOrThrow({ where: { id: macro.id }, select: { actions: true } });
      expect((row.actions as unknown[]).map((a) => macroActionSchema.parse(a))).toEqual(macro.actions);
      await manager.macros.update({ organizationId, macroId: macro.id, actions: macro.actions });
    }
  });

  it('Skyward macros: each brand gets its own and the organization-wide one', async () => {
    const { organizationId, caller: agent } = await signedIn(0, 'agent1');
    const brands = await agent.brands.list({ organizationId });
    const names = async (brandName: string) =>
      (await agent.macros.list({ organizationId, brandId: brands.find((b) => b.name === brandName)!.id })).map(
        (m) => m.name,
      );
    expect(await names('Skyward Air')).toEqual(['Close as resolved', 'Escalate to Passenger care', 'Refund handled']);
    expect(await names('Skyward Cargo')).toEqual(['Close as resolved', 'Shipment traced']);
  });

  it('seeding again writes nothing and keeps the same rules and macros', async () => {
    const before = await db.prisma.automationRule.findMany({ select: { id: true }, orderBy: { id: 'asc' } });
    const macros = await db.prisma.macro.count();
    expect(await seedDemo(db.prisma)).toBe(false);
    expect(await db.prisma.automationRule.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).toEqual(before);
    expect(await db.prisma.macro.count()).toBe(macros);
  });
});
