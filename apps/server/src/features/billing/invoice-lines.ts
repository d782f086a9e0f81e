import type { InvoiceLine, PlanView, ProrationLine } from '@perch/shared';
import { shareOf } from './proration.ts';

/** Subtotal, tax (rounded half up to the cent) and total of an invoice's lines. */
export function invoiceTotals(lines: readonly InvoiceLine[], taxRateBps: number) {
  const subtotalCents = lines.reduce((sum, l) => sum + l.amountCents, 0);
  const taxCents = subtotalCents > 0 ? shareOf(subtotalCents, taxRateBps, 10_000) : 0;
  return { subtotalCents, taxCents, totalCents: subtotalCents + taxCents };
}

/**
 * A brand's lines on the invoice of a new period: its plan and extra seats for the month (in advance), and the
 * mentions over the quota of the month that ended (in arrears, prorated to the cent per 1,000). Free brands have
 * none: over a Free quota, mentions are held, never billed.
 */
export function periodLines(
  brand: { id: string; name: string },
  plan: PlanView,
  seats: number,
  month: string,
  previous: { month: string; mentions: number; plan: PlanView } | null,
): InvoiceLine[] {
  if (plan.priceCents === 0 && !previous) return [];
  const lines: InvoiceLine[] = [];
  if (plan.priceCents > 0) {
    lines.push({
      kind: 'plan',
      brandId: brand.id,
      description: `${brand.name}: ${plan.name}, ${month}`,
      quantity: 1,
      unitCents: plan.priceCents,
      amountCents: plan.priceCents,
    });
    const extra = Math.max(0, seats - plan.includedSeats);
    if (extra > 0) {
      lines.push({
        kind: 'seats',
        brandId: brand.id,
        description: `${brand.name}: ${extra} extra seats, ${month}`,
        quantity: extra,
        unitCents: plan.seatPriceCents,
        amountCents: extra * plan.seatPriceCents,
      });
    }
  }
  if (previous && previous.plan.overagePer1kCents > 0) {
    const over = previous.mentions - previous.plan.monthlyMentions;
    if (over > 0) {
      lines.push({
        kind: 'overage',
        brandId: brand.id,
        description: `${brand.name}: ${over} mentions over the ${previous.plan.monthlyMentions} of ${previous.month}`,
        quantity: over,
        unitCents: previous.plan.overagePer1kCents,
        amountCents: shareOf(previous.plan.overagePer1kCents * over, 1, 1000),
      });
    }
  }
  return lines;
}

/** A mid-period change's proration, as invoice lines of the brand. */
export function prorationLines(brand: { id: string; name: string }, lines: readonly ProrationLine[]): InvoiceLine[] {
  return lines.map((l) => ({
    kind: l.kind === 'credit' ? 'proration_credit' : 'proration_charge',
    brandId: brand.id,
    description: `${brand.name}: ${l.description}`,
    quantity: 1,
    unitCents: l.amountCents,
    amountCents: l.amountCents,
  }));
}

/** "2026-11" for the calendar month (UTC) of `at`. */
export const monthKey = (at: Date) => at.toISOString().slice(0, 7);
