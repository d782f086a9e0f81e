import { INVOICE_NET_DAYS, type InvoiceLine, type PlanView } from '@perch/shared';
import type { Db, Tx } from '../../db/database.ts';
import { DomainError, notFound } from '../../lib/errors.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { addDays, periodOf } from './billing-period.ts';
import { catalogOf, dropEntitlements } from './entitlements.ts';
import { invoiceTotals, monthKey, periodLines } from './invoice-lines.ts';
import { insertInvoice, invoiceOf, overdueInvoices } from './invoices.repository.ts';
import { transition } from './subscription-machine.ts';
import { saveSubscription, subscriptionsOf } from './subscriptions.repository.ts';

/** Issues an invoice now, in the organization's currency and at its tax rate; null when nothing is to be charged. */
export async function issueInvoice(
  tx: Tx,
  organizationId: string,
  kind: 'period' | 'change',
  lines: InvoiceLine[],
  now: Date,
  periodKey: string | null = null,
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
    periodKey,
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
 * A brand's invoice for the month its subscription just rolled into: its plan and extra seats for the month (in
 * advance) and the mentions over its quota in the month that ended (in arrears). Issued by the billing clock in
 * the transaction that rolls the period over, so a period is invoiced exactly when (and once) it starts: the
 * `(organization, "YYYY-MM:brand")` key refuses a second invoice for the same brand and month.
 */
export async function issueBrandPeriodInvoice(
  tx: Tx,
  input: {
    organizationId: string;
    brand: { id: string; name: string };
    plan: PlanView;
    seats: number;
    /** The plan of the month that ended (its overage price and quota); null: its overage is not billed (a comp). */
    previousPlan: PlanView | null;
    periodStart: Date;
    now: Date;
  },
) {
  const previousStart = periodOf(new Date(input.periodStart.getTime() - 1)).start;
  const usage = await tx.usageRecord.findFirst({
    where: {
      organizationId: input.organizationId,
      brandId: input.brand.id,
      metric: 'mentions',
      periodStart: previousStart,
    },
    select: { quantity: true },
  });
  const month = monthKey(input.periodStart);
  const lines = periodLines(
    input.brand,
    input.plan,
    input.seats,
    month,
    input.previousPlan && { month: monthKey(previousStart), mentions: usage?.quantity ?? 0, plan: input.previousPlan },
  );
  return issueInvoice(tx, input.organizationId, 'period', lines, input.now, `${month}:${input.brand.id}`);
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
