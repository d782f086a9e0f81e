import type { PlanId } from '@perch/shared';
import type { DbOrTx } from '../../db/database.ts';
import type { SubscriptionSnapshot } from './subscription-machine.ts';

const subscriptionSelect = {
  id: true,
  brandId: true,
  planId: true,
  state: true,
  seats: true,
  currentPeriodStart: true,
  currentPeriodEnd: true,
  cancelAtPeriodEnd: true,
  trialEndsAt: true,
  trialUsed: true,
  scheduledPlanId: true,
  scheduledSeats: true,
  graceEndsAt: true,
  compPlanId: true,
  compEndsAt: true,
  compNote: true,
  version: true,
  stripeEventAt: true,
  stripeCustomerId: true,
} as const;

export type SubscriptionRow = SubscriptionSnapshot & {
  id: string;
  brandId: string;
  version: number;
  /** The creation time of the last Stripe event applied (null: none). */
  stripeEventAt: Date | null;
  stripeCustomerId: string | null;
  /** Why the operator granted the comp (docs/billing.md, "Operator"). */
  compNote: string | null;
};

function toRow(row: {
  planId: string;
  scheduledPlanId: string | null;
  compPlanId: string | null;
  [k: string]: unknown;
}): SubscriptionRow {
  return {
    ...(row as unknown as SubscriptionRow),
    planId: row.planId as PlanId,
    scheduledPlanId: row.scheduledPlanId as PlanId | null,
    compPlanId: row.compPlanId as PlanId | null,
  };
}

/** The subscriptions of some brands of one organization (brands without a row are on Free). */
export async function subscriptionsOf(db: DbOrTx, organizationId: string, brandIds?: string[]) {
  const rows = await db.subscription.findMany({
    where: { organizationId, ...(brandIds ? { brandId: { in: brandIds } } : {}) },
    select: subscriptionSelect,
  });
  return rows.map(toRow);
}

/** The subscriptions of several organizations (the operator's console), with their organization. */
export async function subscriptionsIn(db: DbOrTx, organizationIds: string[]) {
  const rows = await db.subscription.findMany({
    where: { organizationId: { in: organizationIds } },
    select: { ...subscriptionSelect, organizationId: true },
  });
  return rows.map((r) => ({ ...toRow(r), organizationId: r.organizationId }));
}

export async function subscriptionOf(db: DbOrTx, organizationId: string, brandId: string) {
  const row = await db.subscription.findFirst({ where: { organizationId, brandId }, select: subscriptionSelect });
  return row ? toRow(row) : null;
}

/**
 * Writes `next` if the row is still at `version` (or, for a brand without a row, if none was created meanwhile).
 * Returns false when another change won: the caller answers CONFLICT.
 */
export async function saveSubscription(
  tx: DbOrTx,
  organizationId: string,
  brandId: string,
  version: number,
  next: SubscriptionSnapshot,
): Promise<boolean> {
  const data = {
    planId: next.planId,
    state: next.state,
    seats: next.seats,
    currentPeriodStart: next.currentPeriodStart,
    currentPeriodEnd: next.currentPeriodEnd,
    cancelAtPeriodEnd: next.cancelAtPeriodEnd,
    trialEndsAt: next.trialEndsAt,
    trialUsed: next.trialUsed,
    scheduledPlanId: next.scheduledPlanId,
    scheduledSeats: next.scheduledSeats,
    graceEndsAt: next.graceEndsAt,
    compPlanId: next.compPlanId,
    compEndsAt: next.compEndsAt,
  };
  const existing = await tx.subscription.findFirst({ where: { organizationId, brandId }, select: { id: true } });
  if (!existing) {
    if (version !== 0) return false;
    const created = await tx.subscription.createMany({
      data: [{ organizationId, brandId, ...data, version: 1 }],
      skipDuplicates: true,
    });
    return created.count === 1;
  }
  const updated = await tx.subscription.updateMany({
    where: { id: existing.id, organizationId, version },
    data: { ...data, version: { increment: 1 } },
  });
  return updated.count === 1;
}

/** Subscriptions with a timed event due (trial end, grace end, period end, comp end), oldest first. */
export async function subscriptionsDue(db: DbOrTx, now: Date, limit: number) {
  const rows = await db.subscription.findMany({
    where: {
      OR: [
        { currentPeriodEnd: { lte: now } },
        { state: 'trialing', trialEndsAt: { lte: now } },
        { state: 'past_due', graceEndsAt: { lte: now } },
        { compPlanId: { not: null }, compEndsAt: { lte: now } },
      ],
    },
    select: { ...subscriptionSelect, organizationId: true },
    orderBy: { currentPeriodEnd: 'asc' },
    take: limit,
  });
  return rows.map((r) => ({ ...toRow(r), organizationId: r.organizationId }));
}
