import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InvoiceLine } from '@perch/shared';
import { createTestDatabase } from '../../../../test/test-database.ts';
import { callerFor, createTenant, startTestServices, type Caller } from '../../../../test/harness.ts';
import { outcome } from '../../../../test/procedure-samples.ts';
import { createOperator } from '../../../../test/samples/operator.samples.ts';
import type { LiveEvent } from '../../../live/event-bus.ts';
import { conversationsOf, routedBrand } from '../../routing/routing.testing.ts';
import { applyDueSubscriptions } from '../billing-clock.ts';
import { dropEntitlements } from '../entitlements.ts';

/**
 * Comps (docs/billing.md, "Operator"): the brand has the comp plan's features from the commit (SLA clocks and
 * browsers follow), billing admins see it and cannot change the plan meanwhile, the entitlement check drops it at
 * `endsAt` without waiting for a job (the clock then closes it), the operator may end it early, and comped time is
 * charged nothing — no invoice for a month that starts under a comp, no overage for a month it was in force.
 */
describe('operator: comps', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let services: Awaited<ReturnType<typeof startTestServices>>;
  let operator: Caller;
  let operatorId: string;
  const DAY = 86_400_000;
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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

  it('grants the comp plan at once, shows it on the billing page, and ends at endsAt without a job', async () => {
    const t = await createTenant(db.prisma, 'Comp grant');
    const { brandId } = await routedBrand(db.prisma, t, 'round_robin', { agent: {} });
    const conversations = await conversationsOf(db.prisma, t, brandId, [{}, {}]);
    await db.prisma.subscription.deleteMany({ where: { brandId } });
    dropEntitlements(t.organizationId);
    const org = { organizationId: t.organizationId };
    const agent = await callerFor(db.prisma, t.users.agent.userId);
    const billing = await callerFor(db.prisma, t.users.billing_admin.userId);
    const plan = async () => (await agent.billing.entitlements(org)).find((e) => e.brandId === brandId)!;
    expect(await plan()).toMatchObject({ planId: 'free', seats: 3 });
    const heard: LiveEvent[] = [];
    services.bus.subscribe(t.organizationId, (e) => heard.push(e));

    const endsAt = new Date(Date.now() + 2_500);
    const granted = await operator.operator.compPlan({
      brandId,
      planId: 'pro',
      endsAt: endsAt.toISOString(),
      note: 'Pilot with the airline',
    });
    expect(granted).toEqual({
      organizationId: t.organizationId,
      brandId,
      comp: { planId: 'pro', endsAt: endsAt.toISOString(), note: 'Pilot with the airline' },
    });
    expect(await plan()).toMatchObject({ planId: 'pro', seats: 5, monthlyMentions: 10_000 });
    expect((await plan()).features).toContain('auto_assignment');
    expect(heard).toContainEqual(expect.objectContaining({ type: 'plan.changed', brandId }));
    // SLA clocks start with the plan: the brand's open conversations are marked for the SLA worker.
    const marked = await db.prisma.dirtyConversation.count({
      where: { consumer: 'sla', conversationId: { in: conversations } },
    });
    expect(marked).toBe(2);
    const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { actorUserId: operatorId, targetId: brandId } });
    expect(audit).toMatchObject({
      organizationId: t.organizationId,
      action: 'operator.compPlan',
      before: { entitledPlanId: 'free', compPlanId: null },
      after: { entitledPlanId: 'pro', compPlanId: 'pro', compNote: 'Pilot with the airline' },
    });

    // The billing admin sees the comp, pays nothing for it, and cannot change the plan meanwhile.
    const overview = await billing.billing.overview(org);
    const row = overview.brands.find((b) => b.brandId === brandId)!;
    expect(row).toMatchObject({ planId: 'free', comp: { planId: 'pro', endsAt: endsAt.toISOString() } });
    expect(row.monthlyMentions).toBe(10_000);
    const change = billing.billing.previewChange({ ...org, brandId, planId: 'enterprise', seats: 20 });
    await expect(change).rejects.toThrow(/complimentary plan until/);

    // At endsAt the brand is back on Free — read from a cache filled a moment ago, with no job run.
    await sleep(endsAt.getTime() - Date.now() + 20);
    expect(await plan()).toMatchObject({ planId: 'free', seats: 3 });
    expect((await billing.billing.overview(org)).brands.find((b) => b.brandId === brandId)!.comp).toBeNull();

    // The clock closes it: SLA clocks stop, browsers hear it, an audit row without actor.
    heard.length = 0;
    await db.prisma.dirtyConversation.deleteMany({ where: { conversationId: { in: conversations } } });
    await applyDueSubscriptions({ db: db.prisma, bus: services.bus }, new Date());
    const sub = await db.prisma.subscription.findUniqueOrThrow({ where: { brandId } });
    expect(sub).toMatchObject({ compPlanId: null, compEndsAt: endsAt, compNote: 'Pilot with the airline' });
    expect(heard).toContainEqual(expect.objectContaining({ type: 'plan.changed', brandId }));
    expect(await db.prisma.dirtyConversation.count({ where: { conversationId: { in: conversations } } })).toBe(2);
    const clock = await db.prisma.auditLog.findFirstOrThrow({ where: { action: 'billing.clock', targetId: brandId } });
    expect(clock.after).toMatchObject({ events: ['comp_end'] });
    expect(await db.prisma.invoice.count({ where: { organizationId: t.organizationId } })).toBe(0);
  });

  it('the operator ends a comp early; refused: Free, a plan below the brand’s own, a past or far end, Stripe', async () => {
    const t = await createTenant(db.prisma, 'Comp end');
    const [main, second] = t.brandIds as [string, string];
    const org = { organizationId: t.organizationId };
    const agent = await callerFor(db.prisma, t.users.agent.userId);
    const planOf = async (brandId: string) =>
      (await agent.billing.entitlements(org)).find((e) => e.brandId === brandId)!;
    const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();
    const comp = (brandId: string, planId: 'pro' | 'enterprise', endsAt = inDays(30)) =>
      outcome(operator.operator.compPlan({ brandId, planId, endsAt, note: 'Goodwill' }));

    expect(await comp(second, 'pro')).toBe('BAD_REQUEST');
    expect(await comp(second, 'enterprise', inDays(-1))).toBe('BAD_REQUEST');
    expect(await comp(second, 'enterprise', inDays(800))).toBe('BAD_REQUEST');
    const free = { brandId: second, planId: 'free', endsAt: inDays(30), note: 'x' } as never;
    expect(await outcome(operator.operator.compPlan(free))).toBe('BAD_REQUEST');
    const unknownBrand = '00000000-0000-4000-8000-000000000000';
    expect(await comp(unknownBrand, 'enterprise')).toBe('NOT_FOUND');
    await db.prisma.subscription.update({ where: { brandId: main }, data: { stripeCustomerId: 'cus_comp' } });
    expect(await comp(main, 'enterprise')).toBe('BAD_REQUEST');
    expect(await db.prisma.auditLog.count({ where: { organizationId: t.organizationId } })).toBe(0);

    // The same plan as its own: the brand is simply not charged until then.
    expect(await comp(second, 'enterprise')).toBe('OK');
    const version = (await db.prisma.subscription.findUniqueOrThrow({ where: { brandId: second } })).version;
    const ended = await operator.operator.endComp({ brandId: second });
    expect(ended.comp).toBeNull();
    expect(await planOf(second)).toMatchObject({ planId: 'enterprise', seats: 20 });
    const after = await db.prisma.subscription.findUniqueOrThrow({ where: { brandId: second } });
    expect(after.version).toBe(version + 1);
    expect(after.compPlanId).toBeNull();
    expect(after.compEndsAt!.getTime()).toBeLessThanOrEqual(Date.now());
    expect(await outcome(operator.operator.endComp({ brandId: second }))).toBe('BAD_REQUEST');
    const actions = await db.prisma.auditLog.findMany({
      where: { organizationId: t.organizationId, actorUserId: operatorId },
      orderBy: { id: 'asc' },
      select: { action: true },
    });
    expect(actions.map((a) => a.action)).toEqual(['operator.compPlan', 'operator.endComp']);
  });

  it('comped months are not invoiced, nor the overage of a month a comp was in force; billing resumes after', async () => {
    const t = await createTenant(db.prisma, 'Comp invoices');
    const [comped, paying] = t.brandIds as [string, string];
    const month = (n: number) => {
      const now = new Date();
      return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + n, 1));
    };
    const endsAt = new Date(month(2).getTime() + 10 * DAY);
    await operator.operator.compPlan({
      brandId: comped,
      planId: 'enterprise',
      endsAt: endsAt.toISOString(),
      note: 'Two months on us',
    });
    await db.prisma.usageRecord.createMany({
      data: [comped, paying].map((brandId) => ({
        organizationId: t.organizationId,
        brandId,
        metric: 'mentions',
        periodStart: month(2),
        quantity: 101_000,
      })),
    });
    const tick = (at: Date) => applyDueSubscriptions({ db: db.prisma, bus: services.bus }, at);
    const invoicesOf = async (brandId: string) => {
      const rows = await db.prisma.invoice.findMany({
        where: { organizationId: t.organizationId, periodKey: { endsWith: `:${brandId}` } },
        orderBy: { number: 'asc' },
      });
      return rows.map((r) => ({
        key: r.periodKey!.slice(0, 7),
        kinds: (r.lines as unknown as InvoiceLine[]).map((l) => l.kind),
      }));
    };
    const key = (n: number) => month(n).toISOString().slice(0, 7);

    await tick(new Date(month(1).getTime() + 60_000));
    await tick(new Date(month(2).getTime() + 60_000));
    await tick(new Date(endsAt.getTime() + 60_000));
    expect(await invoicesOf(comped)).toEqual([]);
    expect((await db.prisma.subscription.findUniqueOrThrow({ where: { brandId: comped } })).compPlanId).toBeNull();
    await tick(new Date(month(3).getTime() + 60_000));

    // The comp ended ten days into month 2: month 3 is billed again, without month 2's overage.
    expect(await invoicesOf(comped)).toEqual([{ key: key(3), kinds: ['plan'] }]);
    expect(await invoicesOf(paying)).toEqual([
      { key: key(1), kinds: ['plan'] },
      { key: key(2), kinds: ['plan'] },
      { key: key(3), kinds: ['plan', 'overage'] },
    ]);
  });
});
