import type { PlanId } from '@perch/shared';
import type { Tx } from '../db/database.ts';
import { periodOf } from '../features/billing/billing-period.ts';
import { monthKey, periodLines } from '../features/billing/invoice-lines.ts';
import { issueInvoice } from '../features/billing/invoicing.service.ts';
import { loadCatalog } from '../features/billing/plans.repository.ts';
import { planOf } from '../features/billing/subscription-machine.ts';

/**
 * The demo's one unpaid invoice: a brand's plan and extra seats for the current month, as the billing clock issues
 * it when a month starts, open (the bank transfer has not arrived). The operator console has something to mark
 * paid (docs/billing.md, "Operator"; e2e/tests/operator.spec.ts does).
 */
export async function seedDemoOpenInvoice(tx: Tx, organizationId: string, brand: { id: string; name: string }) {
  const sub = await tx.subscription.findUniqueOrThrow({
    where: { brandId: brand.id },
    select: { planId: true, seats: true },
  });
  const plan = planOf(await loadCatalog(tx), sub.planId as PlanId);
  const now = new Date();
  const month = monthKey(periodOf(now).start);
  const lines = periodLines(brand, plan, sub.seats, month, null);
  await issueInvoice(tx, organizationId, 'period', lines, now, `${month}:${brand.id}`);
}
