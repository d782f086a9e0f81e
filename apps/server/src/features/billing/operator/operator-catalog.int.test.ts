import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { CatalogPlan } from '@perch/shared';
import { createTestDatabase } from '../../../../test/test-database.ts';
import { callerFor, createTenant, startTestServices, type Caller } from '../../../../test/harness.ts';
import { outcome } from '../../../../test/procedure-samples.ts';
import { createOperator } from '../../../../test/samples/operator.samples.ts';
import type { LiveEvent } from '../../../live/event-bus.ts';
import { createBrand, createOrganization, subscribeBrand } from '../../../seed/factories.ts';
import { dropEntitlements } from '../entitlements.ts';

/**
 * The operator's catalog (docs/billing.md, "Operator"): edits validated field by field, Free kept free, a stale edit
 * refused (CONFLICT), each edit audited as a platform action with before and after, and entitlements following at
 * once in this process. Every organization with its brands' usage, seats and what it owes. Anyone but Perch's
 * staff hears NOT_FOUND.
 */
describe('operator: catalog and organizations', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let services: Awaited<ReturnType<typeof startTestServices>>;
  let operator: Caller;
  let operatorId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    services = await startTestServices(db);
    operatorId = await createOperator(db.prisma);
    operator = await callerFor(db.prisma, operatorId);
  });
  afterAll(async () => {
    await services.stop();
    await db.dispose();
  });

  const form = (plan: CatalogPlan) => {
    const { id, name: _name, updatedAt, ...figures } = plan;
    return { planId: id, expectedUpdatedAt: updatedAt, ...figures };
  };
  const planOf = async (id: string) => (await operator.operator.plans()).find((p) => p.id === id)!;
  const fieldErrors = async (promise: Promise<unknown>) => {
    try {
      await promise;
    } catch (error) {
      // What the error formatter sends the web as `data.fieldErrors`.
      const cause = (error as { cause?: unknown }).cause;
      return cause instanceof z.ZodError ? z.flattenError(cause).fieldErrors : undefined;
    }
    throw new Error('not refused');
  };

  it('to an organization’s owner, every operator procedure is missing', async () => {
    const t = await createTenant(db.prisma, 'Catalog outsider');
    const owner = await callerFor(db.prisma, t.users.owner.userId);
    const pro = await planOf('pro');
    expect(await outcome(owner.operator.plans())).toBe('NOT_FOUND');
    expect(await outcome(owner.operator.updatePlan(form(pro)))).toBe('NOT_FOUND');
    expect(await outcome(owner.operator.organizations({}))).toBe('NOT_FOUND');
    const until = new Date(Date.now() + 86_400_000).toISOString();
    const comp = { brandId: t.brandIds[0]!, planId: 'enterprise' as const, endsAt: until, note: 'Mine' };
    expect(await outcome(owner.operator.compPlan(comp))).toBe('NOT_FOUND');
    expect(await outcome(owner.operator.endComp({ brandId: t.brandIds[0]! }))).toBe('NOT_FOUND');
    expect(await planOf('pro')).toEqual(pro);
  });

  it('lists the catalog with each plan’s version, and refuses figures out of range field by field', async () => {
    const plans = await operator.operator.plans();
    expect(plans.map((p) => p.id)).toEqual(['free', 'pro', 'enterprise']);
    const pro = plans[1]!;
    expect(pro).toMatchObject({ priceCents: 9900, includedSeats: 5, monthlyMentions: 10_000 });
    expect(Date.parse(pro.updatedAt)).toBeGreaterThan(0);

    const bad = { ...form(pro), priceCents: -1, includedSeats: 0, retentionDays: 2.5, monthlyMentions: 1e12 };
    expect(Object.keys((await fieldErrors(operator.operator.updatePlan(bad))) ?? {}).sort()).toEqual([
      'includedSeats',
      'monthlyMentions',
      'priceCents',
      'retentionDays',
    ]);
    const twice = { ...form(pro), features: ['triage', 'triage'] } as never;
    expect(await fieldErrors(operator.operator.updatePlan(twice))).toHaveProperty('features');
    const unknown = { ...form(pro), features: ['teleportation'] } as never;
    expect(await fieldErrors(operator.operator.updatePlan(unknown))).toHaveProperty('features');
    // Free stays free: no price, no seat price, no overage.
    const free = await planOf('free');
    const freeErrors = await fieldErrors(
      operator.operator.updatePlan({ ...form(free), priceCents: 100, seatPriceCents: 1, overagePer1kCents: 0 }),
    );
    expect(freeErrors).toEqual({ priceCents: ['Free stays free: 0'], seatPriceCents: ['Free stays free: 0'] });
    expect(await operator.operator.plans()).toEqual(plans);
    expect(await db.prisma.auditLog.count({ where: { actorUserId: operatorId } })).toBe(0);
  });

  it('an edit applies to the plan’s brands at once here, is audited before/after, and a stale one is refused', async () => {
    const t = await createTenant(db.prisma, 'Catalog customer');
    const cargo = await createBrand(db.prisma, t.organizationId, { name: 'Catalog Cargo', timeZone: 'UTC' });
    await subscribeBrand(db.prisma, t.organizationId, cargo.id, 'pro');
    dropEntitlements(t.organizationId);
    const member = await callerFor(db.prisma, t.users.agent.userId);
    const org = { organizationId: t.organizationId };
    const cargoNow = async () => (await member.billing.entitlements(org)).find((e) => e.brandId === cargo.id)!;
    expect(await cargoNow()).toMatchObject({ planId: 'pro', monthlyMentions: 10_000, seats: 5 });
    const heard: LiveEvent[] = [];
    services.bus.subscribe(t.organizationId, (e) => heard.push(e));

    const pro = await planOf('pro');
    const edit = {
      ...form(pro),
      monthlyMentions: 12_500,
      includedSeats: 6,
      features: pro.features.filter((f) => f !== 'approvals'),
    };
    const saved = await operator.operator.updatePlan(edit);
    expect(saved).toMatchObject({ monthlyMentions: 12_500, includedSeats: 6 });
    expect(saved.features).not.toContain('approvals');
    expect(Date.parse(saved.updatedAt)).toBeGreaterThan(Date.parse(pro.updatedAt));
    // Cached a moment ago, yet this process reads the new figures at once.
    expect(await cargoNow()).toMatchObject({ planId: 'pro', monthlyMentions: 12_500, seats: 6 });
    expect((await cargoNow()).features).not.toContain('approvals');
    expect(heard).toContainEqual(expect.objectContaining({ type: 'plan.changed', brandId: cargo.id }));

    const audit = await db.prisma.auditLog.findMany({ where: { actorUserId: operatorId } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      organizationId: null,
      action: 'operator.updatePlan',
      targetType: 'plan',
      targetId: 'pro',
      before: { monthlyMentions: 10_000, includedSeats: 5 },
      after: { monthlyMentions: 12_500, includedSeats: 6 },
    });

    // A second tab still holding the first version: CONFLICT, nothing written.
    expect(await outcome(operator.operator.updatePlan({ ...edit, monthlyMentions: 1 }))).toBe('CONFLICT');
    expect(await planOf('pro')).toEqual(saved);
    // Put the figures back (from the current version).
    await operator.operator.updatePlan({ ...form(pro), expectedUpdatedAt: saved.updatedAt });
    expect(await cargoNow()).toMatchObject({ monthlyMentions: 10_000, seats: 5 });
  });

  it('organizations: brands with plan, comp and usage, seats, open and overdue invoices; search; keyset pages', async () => {
    const t = await createTenant(db.prisma, 'Zebra Usage Air');
    const [main, second] = t.brandIds as [string, string];
    const month = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 1));
    await db.prisma.usageRecord.create({
      data: { organizationId: t.organizationId, brandId: main, metric: 'mentions', periodStart: month, quantity: 4321 },
    });
    const invoice = (number: number, totalCents: number, dueAt: Date) => ({
      organizationId: t.organizationId,
      number,
      kind: 'change' as const,
      status: 'open' as const,
      currency: 'EUR',
      taxRateBps: 0,
      lines: [],
      subtotalCents: totalCents,
      taxCents: 0,
      totalCents,
      periodStart: month,
      periodEnd: month,
      issuedAt: new Date(),
      dueAt,
    });
    await db.prisma.invoice.createMany({
      data: [invoice(1, 1_000, new Date(Date.now() + 86_400_000)), invoice(2, 2_500, new Date(Date.now() - 60_000))],
    });
    const endsAt = new Date(Date.now() + 10 * 86_400_000).toISOString();
    await operator.operator.compPlan({ brandId: second, planId: 'enterprise', endsAt, note: 'Launch partner' });

    const { organizations, nextCursor } = await operator.operator.organizations({ q: 'zebra usage' });
    expect(nextCursor).toBeNull();
    expect(organizations).toHaveLength(1);
    const [zebra] = organizations;
    // Owner, admin, manager, agent and the pending agent invitation take seats; the billing admin does not.
    expect(zebra).toMatchObject({
      id: t.organizationId,
      seatsUsed: 5,
      seatsTotal: 40,
      openInvoices: 2,
      openCents: 3_500,
      overdueInvoices: 1,
      overdueCents: 2_500,
    });
    expect(zebra!.brands.find((b) => b.brandId === main)).toMatchObject({
      ownPlanId: 'enterprise',
      planId: 'enterprise',
      state: 'active',
      comp: null,
      mentionsThisPeriod: 4321,
      monthlyMentions: 100_000,
    });
    expect(zebra!.brands.find((b) => b.brandId === second)).toMatchObject({
      comp: { planId: 'enterprise', endsAt, note: 'Launch partner' },
      mentionsThisPeriod: 0,
    });
    // A brand's name finds its organization too.
    const byBrand = await operator.operator.organizations({ q: 'ZEBRA USAGE AIR SECOND' });
    expect(byBrand.organizations.map((o) => o.id)).toEqual([t.organizationId]);

    for (let i = 0; i < 52; i++) {
      await createOrganization(db.prisma, { name: `Keyset ${String(i).padStart(2, '0')}`, slug: `keyset-${i}` });
    }
    const first = await operator.operator.organizations({ q: 'keyset' });
    expect(first.organizations).toHaveLength(50);
    expect(first.organizations[0]).toMatchObject({ name: 'Keyset 00', brands: [], seatsTotal: 0, openCents: 0 });
    const rest = await operator.operator.organizations({ q: 'keyset', cursor: first.nextCursor! });
    expect(rest.organizations.map((o) => o.name)).toEqual(['Keyset 50', 'Keyset 51']);
    expect(rest.nextCursor).toBeNull();
    expect(await outcome(operator.operator.organizations({ q: 'x'.repeat(101) }))).toBe('BAD_REQUEST');
  });
});
