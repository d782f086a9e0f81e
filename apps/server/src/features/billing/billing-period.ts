/**
 * Billing periods are calendar months in UTC (docs/billing.md): the period a subscription bills is the month its
 * mention quota counts (`UsageRecord.periodStart` is the month's first instant), so "mentions this period" and
 * "this period's invoice" always speak of the same days.
 */
export function periodOf(at: Date): { start: Date; end: Date } {
  const start = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
  const end = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1));
  return { start, end };
}

/** The period after the one that ends at `end`. */
export function nextPeriod(end: Date): { start: Date; end: Date } {
  return periodOf(end);
}

export function addDays(at: Date, days: number): Date {
  return new Date(at.getTime() + days * 86_400_000);
}
