import { INVOICE_NET_DAYS, type InvoiceLine } from '@perch/shared';
import type { Db, Tx } from '../../db/database.ts';
import { DomainError, notFound } from '../../lib/errors.ts';
import type { Logger } from '../../logger.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { addDays, periodOf } from './billing-period.ts';
import { catalogOf, dropEntitlements } from './entitlements.ts';
import { invoiceTotals, monthKey, periodLines } from './invoice-lines.ts';
import { insertInvoice, invoiceOf, overdueInvoices } from './invoices.repository.ts';
import { planOf, transition } from './subscription-machine.ts';
import { saveSubscription, subscriptionsOf } from './subscriptions.repository.ts';

const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === 'P2002';

/** Issues an invoice now, in the organization's currency and at its tax rate; null when nothing is to be charged. */
export async function issueInvoice(
  tx: Tx,
  organizationId: string,
  kind: 'period' | 'change',
  lines: InvoiceLine[],
  now: Date,
): Promise<{ id: string; number: number } | null> {
  if (lines.length === 0) return null;
  const org = await tx.organization.findUniqueOrThrow({
    where: { id: organizationId },
    select: { currency: true, taxRateBps: true },
  });
  const { start, end } = periodOf(now);
  const totals = invoiceTotals(lines, org.taxRateBps);
  if (kind === 'change' && totals.totalCents <= 0) return null;
  return insertInvoice(tx, {
    organizationId,
    kind,
    periodKey: kind === 'period' ? monthKey(now) : null,
    currency: org.currency,
    taxRateBps: org.taxRateBps,
    lines,
    ...totals,
    periodStart: start,
    periodEnd: end,
    issuedAt: now,
    dueAt: addDays(now, INVOICE_NET_DAYS),
  });
}

/**
 * The invoices of a new month, one per organization with a paid brand: each paid brand's plan and extra seats for
 * the month, and the mentions over its quota in the month that ended. Run by the billing clock after the periods
 * rolled over; the (organization, month) unique key makes a second run, in any process, a no-op.
 */
export async function issuePeriodInvoices(db: Db, now: Date, log?: Logger): Promise<number> {
  const { start } = periodOf(now);
  const previousStart = periodOf(new Date(start.getTime() - 1)).start;
  const key = monthKey(now);
  const orgs = await db.subscription.findMany({
    where: {
      planId: { not: 'free' },
      state: { in: ['active', 'past_due'] },
      currentPeriodStart: start,
      organization: { invoices: { none: { periodKey: key } } },
    },
    select: { organizationId: true },
    distinct: ['organizationId'],
    take: 200,
  });
  const catalog = await catalogOf(db);
  let issued = 0;
  for (const { organizationId } of orgs) {
    try {
      const invoice = await db.$transaction(async (tx) => {
        const [subs, brands, usage] = await Promise.all([
          subscriptionsOf(tx, organizationId),
          tx.brand.findMany({ where: { organizationId }, select: { id: true, name: true }, orderBy: { name: 'asc' } }),
          tx.usageRecord.findMany({
            where: { organizationId, metric: 'mentions', periodStart: previousStart },
            select: { brandId: true, quantity: true },
          }),
        ]);
        const used = new Map(usage.map((u) => [u.brandId, u.quantity]));
        const lines = brands.flatMap((brand) => {
          const sub = subs.find((s) => s.brandId === brand.id);
          if (!sub || sub.state === 'trialing' || sub.state === 'canceled' || sub.planId === 'free') return [];
          const plan = planOf(catalog, sub.planId);
          return periodLines(brand, plan, sub.seats, key, {
            month: monthKey(previousStart),
            mentions: used.get(brand.id) ?? 0,
            plan,
          });
        });
        return issueInvoice(tx, organizationId, 'period', lines, now);
      });
      if (invoice) issued++;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      log?.debug({ organizationId }, 'billing: the month’s invoice was issued by another process');
    }
  }
  return issued;
}

/**
 * Open invoices past their due date: the organization's paid brands fall behind (past_due, with a grace period
 * before Free). With the built-in invoice provider this is how an unpaid bank transfer ends.
 */
export async function failOverdueInvoices(db: Db, now: Date): Promise<number> {
  const overdue = await overdueInvoices(db, now, 100);
  const catalog = await catalogOf(db);
  let failed = 0;
  for (const organizationId of new Set(overdue.map((i) => i.organizationId))) {
    const subs = (await subscriptionsOf(db, organizationId)).filter((s) => s.state === 'active' && s.planId !== 'free');
    for (const sub of subs) {
      const next = transition(catalog, sub, { type: 'payment_failed', at: now });
      const wrote = await db.$transaction(async (tx) => {
        if (!(await saveSubscription(tx, organizationId, sub.brandId, sub.version, next))) return false;
        await tx.auditLog.create({
          data: {
            organizationId,
            actorUserId: null,
            action: 'billing.paymentFailed',
            targetType: 'subscription',
            targetId: sub.brandId,
            before: { state: sub.state },
            after: { state: next.state, graceEndsAt: next.graceEndsAt?.toISOString() ?? null },
          },
          select: { id: true },
        });
        return true;
      });
      if (wrote) failed++;
    }
    dropEntitlements(organizationId);
  }
  return failed;
}

/**
 * The platform operator records a bank transfer: the invoice is paid, and the organization's brands that fell
 * behind are active again once no other invoice is overdue. Audited in the organization's log, by the operator.
 */
export async function markInvoicePaid(db: Db, operator: { userId: string; ip: string | null }, invoiceId: string) {
  const catalog = await catalogOf(db);
  const now = new Date();
  const result = await db.$transaction(async (tx) => {
    const invoice = await invoiceOf(tx, null, invoiceId);
    if (!invoice) throw notFound('Invoice');
    if (invoice.status !== 'open') throw new DomainError('CONFLICT', `Invoice ${invoice.number} is ${invoice.status}`);
    const updated = await tx.invoice.updateMany({
      where: { id: invoiceId, status: 'open' },
      data: { status: 'paid', paidAt: now },
    });
    if (updated.count !== 1) throw new DomainError('CONFLICT', 'This invoice changed meanwhile');
    const stillOverdue = await tx.invoice.count({
      where: { organizationId: invoice.organizationId, status: 'open', dueAt: { lt: now } },
    });
    const settled: string[] = [];
    if (stillOverdue === 0) {
      for (const sub of await subscriptionsOf(tx, invoice.organizationId)) {
        if (sub.state !== 'past_due') continue;
        const next = transition(catalog, sub, { type: 'payment_succeeded', at: now });
        if (await saveSubscription(tx, invoice.organizationId, sub.brandId, sub.version, next))
          settled.push(sub.brandId);
      }
    }
    await writeAudit(
      tx,
      { userId: operator.userId, organizationId: invoice.organizationId, ip: operator.ip },
      {
        action: 'operator.markInvoicePaid',
        targetType: 'invoice',
        targetId: invoiceId,
        before: { status: 'open' },
        after: { status: 'paid', paidAt: now.toISOString(), brandsActiveAgain: settled },
      },
    );
    return { organizationId: invoice.organizationId, number: invoice.number, settled };
  });
  dropEntitlements(result.organizationId);
  return result;
}
