import type { PlanView, ProrationLine } from '@perch/shared';

/** What a brand pays per month on `plan` with `seats` seats: the plan, plus the seats beyond those included. */
export function monthlyCents(plan: Pick<PlanView, 'priceCents' | 'includedSeats' | 'seatPriceCents'>, seats: number) {
  return plan.priceCents + Math.max(0, seats - plan.includedSeats) * plan.seatPriceCents;
}

/**
 * `cents` × `part` / `whole`, rounded half up to the cent, in exact integer arithmetic (BigInt): no binary
 * fractions, so the same change always costs the same cent however long the period.
 */
export function shareOf(cents: number, part: number, whole: number): number {
  if (whole <= 0) throw new Error('shareOf: the whole must be positive');
  const p = BigInt(Math.max(0, Math.min(part, whole)));
  const w = BigInt(whole);
  const c = BigInt(cents);
  return Number((2n * c * p + w) / (2n * w));
}

export interface ProrationInput {
  from: { planName: string; monthlyCents: number; seats: number };
  to: { planName: string; monthlyCents: number; seats: number };
  periodStart: Date;
  periodEnd: Date;
  at: Date;
}

/**
 * An immediate change in the middle of a period: a credit for the unused part of what was paid (`from`), and a
 * charge for the same remaining time on the new plan and seats (`to`). Time is counted in whole seconds, so the
 * preview and the confirmation a few seconds later agree unless a second boundary passed (the token pins `at`).
 */
export function prorate(input: ProrationInput): { lines: ProrationLine[]; totalCents: number } {
  const whole = Math.round((input.periodEnd.getTime() - input.periodStart.getTime()) / 1000);
  const left = Math.max(0, Math.round((input.periodEnd.getTime() - input.at.getTime()) / 1000));
  const until = input.periodEnd.toISOString().slice(0, 10);
  const credit = shareOf(input.from.monthlyCents, left, whole);
  const charge = shareOf(input.to.monthlyCents, left, whole);
  const lines: ProrationLine[] = [];
  if (credit > 0) {
    lines.push({
      kind: 'credit',
      description: `Unused time on ${input.from.planName} (${input.from.seats} seats) until ${until}`,
      amountCents: -credit,
    });
  }
  if (charge > 0) {
    lines.push({
      kind: 'charge',
      description: `Remaining time on ${input.to.planName} (${input.to.seats} seats) until ${until}`,
      amountCents: charge,
    });
  }
  return { lines, totalCents: charge - credit };
}
