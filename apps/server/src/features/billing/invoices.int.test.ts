import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InvoiceLine } from '@perch/shared';
import { createTestDatabase } from '../../../test/test-database.ts';
import { callerFor, createTenant, startTestServices, TEST_PASSWORD } from '../../../test/harness.ts';
import { outcome } from '../../../test/procedure-samples.ts';
import { createBrand, createUser } from '../../seed/factories.ts';
import { applyDueSubscriptions } from './billing-clock.ts';
import { dropEntitlements } from './entitlements.ts';
import { failOverdueInvoices } from './invoicing.service.ts';

/**
 * Invoices (docs/billing.md): a change invoice for an upgrade's proration, one period invoice per organization and
 * month (plans, extra seats, last month's overage), numbers sequential per organization, tax at the organization's
 * rate; unpaid past the due date the paid brands fall behind, and the operator's "paid" settles them.
 */
describe('billing: invoices', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let services: Awaited<ReturnType<typeof startTestServices>>;

  beforeAll(async () => {
    db = await createTestDatabase();
    services = await startTestServices(db);
  });
  afterAll(async () => {
    await services.stop();
    await db.dispose();
  });

  it('an upgrade issues an open invoice of its proration, taxed, numbered in sequence', async () => {
    const t = await createTenant(db.prisma, 'Invoices upgrade');
    await db.prisma.organization.update({ where: { id: t.organizationId }, data: { taxRateBps: 2000 } });
    const cargo = await createBrand(db.prisma, t.organizationId, { name: 'Cargo', timeZone: 'UTC' });
    dropEntitlements(t.organizationId);
    const billing = await callerFor(db.prisma, t.users.billing_admin.userId);
    const org = { organizationId: t.organizationId };
    const upgrade = async (planId: 'pro' | 'enterprise', seats: number, version: number, key: string) => {
      const preview = await billing.billing.previewChange({ ...org, brandId: cargo.id, planId, seats });
      await billing.billing.confirmChange({
        ...org,
        brandId: cargo.id,
        previewToken: preview.previewToken,
        expectedVersion: version,
        idempotencyKey: key,
      });
      return preview;
    };
    const first = await upgrade('pro', 5, 0, 'invoice-upgrade-1');
    const second = await upgrade('enterprise', 20, 1, 'invoice-upgrade-2');

    const list = await billing.billing.invoices(org);
    expect(list.map((i) => i.number)).toEqual([2, 1]);
    const one = await billing.billing.invoice({ ...org, invoiceId: list[1]!.id });
    expect(one).toMatchObject({ kind: 'change', status: 'open', currency: 'EUR', taxRateBps: 2000 });
    expect(one.subtotalCents).toBe(first.totalCents);
    expect(one.taxCents).toBe(Math.round(first.totalCents * 0.2));
    expect(one.totalCents).toBe(one.subtotalCents + one.taxCents);
    expect(Date.parse(one.dueAt!) - Date.parse(one.issuedAt!)).toBe(14 * 86_400_000);
    expect(one.lines).toEqual([
      expect.objectContaining({ kind: 'proration_charge', brandId: cargo.id, amountCents: first.totalCents }),
    ]);
    // The second upgrade credits the unused Pro and charges Enterprise for the same days.
    const two = await billing.billing.invoice({ ...org, invoiceId: list[0]!.id });
    expect(two.lines.map((l) => l.kind)).toEqual(['proration_credit', 'proration_charge']);
    expect(two.subtotalCents).toBe(second.totalCents);
  });

  it('a new month: as each paid brand’s period rolls over, its invoice — plan, extra seats, overage — once', async () => {
    const t = await createTenant(db.prisma, 'Invoices period');
    const [main, second] = t.brandIds as [string, string];
    await db.prisma.subscription.update({ where: { brandId: main }, data: { seats: 23 } });
    await db.prisma.subscription.update({ where: { brandId: second }, data: { planId: 'pro', seats: 5 } });
    // The period the fixture's subscriptions are in (the current month, by the real clock) and its rollover.
    const period = await db.prisma.subscription.findUniqueOrThrow({
      where: { brandId: main },
      select: { currentPeriodStart: true, currentPeriodEnd: true },
    });
    const month = period.currentPeriodStart;
    await db.prisma.usageRecord.createMany({
      data: [
        { organizationId: t.organizationId, brandId: second, metric: 'mentions', periodStart: month, quantity: 12_345 },
        { organizationId: t.organizationId, brandId: main, metric: 'mentions', periodStart: month, quantity: 500 },
      ],
    });
    // Nothing is invoiced before a period rolls over (the month already under way was paid when it began).
    expect(await db.prisma.invoice.count({ where: { organizationId: t.organizationId } })).toBe(0);
    const now = new Date(period.currentPeriodEnd.getTime() + 60_000);
    await applyDueSubscriptions({ db: db.prisma, bus: services.bus }, now);
    await applyDueSubscriptions({ db: db.prisma, bus: services.bus }, now);

    const invoices = await db.prisma.invoice.findMany({
      where: { organizationId: t.organizationId },
      orderBy: { number: 'asc' },
    });
    expect(invoices.map((i) => i.number)).toEqual([1, 2]);
    const next = period.currentPeriodEnd.toISOString().slice(0, 7);
    const of = (brandId: string) => invoices.find((i) => i.periodKey === `${next}:${brandId}`)!;
    expect(of(main)).toMatchObject({ kind: 'period', status: 'open' });
    const lines = (brandId: string) => of(brandId).lines as unknown as InvoiceLine[];
    const byKind = (brandId: string, kind: InvoiceLine['kind']) => lines(brandId).find((l) => l.kind === kind);
    expect(byKind(main, 'plan')?.amountCents).toBe(39_900);
    expect(byKind(main, 'seats')).toMatchObject({ quantity: 3, amountCents: 6_000 });
    expect(byKind(main, 'overage')).toBeUndefined();
    expect(of(main).totalCents).toBe(39_900 + 6_000);
    expect(byKind(second, 'plan')?.amountCents).toBe(9_900);
    // 2,345 mentions over Pro's 10,000, at 5.00 per 1,000: 11.725 → 11.73.
    expect(byKind(second, 'overage')).toMatchObject({ quantity: 2_345, amountCents: 1_173 });
    expect(of(second).totalCents).toBe(9_900 + 1_173);
  });

  it('unpaid past its due date the paid brands fall behind; the operator marks it paid and they are active again', async () => {
    const t = await createTenant(db.prisma, 'Invoices overdue');
    const owner = await callerFor(db.prisma, t.users.owner.userId);
    const org = { organizationId: t.organizationId };
    const brandId = t.brandIds[0]!;
    const preview = await owner.billing.previewChange({ ...org, brandId, planId: 'enterprise', seats: 21 });
    await owner.billing.confirmChange({
      ...org,
      brandId,
      previewToken: preview.previewToken,
      expectedVersion: 1,
      idempotencyKey: 'overdue-seat',
    });
    const [invoice] = await owner.billing.invoices(org);
    expect(invoice).toMatchObject({ status: 'open' });

    const late = new Date(Date.parse(invoice!.dueAt!) + 60_000);
    expect(await failOverdueInvoices(db.prisma, late)).toBeGreaterThanOrEqual(2);
    const subs = await db.prisma.subscription.findMany({ where: { organizationId: t.organizationId } });
    expect(subs.map((s) => s.state)).toEqual(['past_due', 'past_due']);
    // Still entitled during the grace period.
    dropEntitlements(t.organizationId);
    expect((await owner.billing.entitlements(org)).every((e) => e.planId === 'enterprise')).toBe(true);

    // Only the operator may mark it paid; to anyone else the operator's console does not exist.
    expect(await outcome(owner.operator.markInvoicePaid({ invoiceId: invoice!.id }))).toBe('NOT_FOUND');
    const operatorUser = await createUser(db.prisma, {
      email: 'operator@perch.test',
      name: 'Operator',
      password: TEST_PASSWORD,
      isPlatformOperator: true,
    });
    const operator = await callerFor(db.prisma, operatorUser.id);
    const all = await operator.operator.invoices({ status: 'open' });
    expect(all.map((i) => i.id)).toContain(invoice!.id);
    const paid = await operator.operator.markInvoicePaid({ invoiceId: invoice!.id });
    expect(paid.settled.sort()).toEqual([...t.brandIds].sort());
    expect(await outcome(operator.operator.markInvoicePaid({ invoiceId: invoice!.id }))).toBe('CONFLICT');
    const after = await db.prisma.subscription.findMany({ where: { organizationId: t.organizationId } });
    expect(after.map((s) => s.state)).toEqual(['active', 'active']);
    expect(await owner.billing.invoice({ ...org, invoiceId: invoice!.id })).toMatchObject({ status: 'paid' });
    const audit = await db.prisma.auditLog.findMany({
      where: { organizationId: t.organizationId, action: 'operator.markInvoicePaid' },
      select: { actorUserId: true },
    });
    expect(audit).toEqual([{ actorUserId: operatorUser.id }]);
  });
});
