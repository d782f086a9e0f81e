import { z } from 'zod';
import { BILLING_LIMITS, planIdSchema } from '@perch/shared';
import type { Db, Tx } from '../../../db/database.ts';
import type { EventBus } from '../../../live/event-bus.ts';
import { addDays } from '../billing-period.ts';
import { catalogOf, dropEntitlements } from '../entitlements.ts';
import { freeSubscription, planOf, type SubscriptionSnapshot } from '../subscription-machine.ts';
import { saveSubscription, subscriptionOf, type SubscriptionRow } from '../subscriptions.repository.ts';

/** The part of a Stripe event Perch reads; everything else is ignored. */
export const stripeEventSchema = z.object({
  id: z.string().min(1).max(255),
  type: z.string().min(1).max(100),
  created: z.number().int().positive(),
  data: z.object({ object: z.record(z.string(), z.unknown()) }),
});
export type StripeEvent = z.infer<typeof stripeEventSchema>;

const metadataSchema = z.object({
  organizationId: z.uuid(),
  brandId: z.uuid(),
  planId: planIdSchema.exclude(['free']),
  seats: z.coerce.number().int().min(1).max(BILLING_LIMITS.maxSeats),
});
const str = (v: unknown) => (typeof v === 'string' && v.length <= 64 ? v : null);

/**
 * Applies one verified Stripe event (docs/billing.md, "Stripe"), in one transaction with its record: an event id
 * seen before changes nothing (Stripe delivers at least once), and an event older than the last one applied to the
 * subscription is recorded and ignored (Stripe does not deliver in order). Returns what it did.
 */
export async function applyStripeEvent(deps: { db: Db; bus: EventBus }, event: StripeEvent): Promise<string> {
  const catalog = await catalogOf(deps.db);
  const at = new Date(event.created * 1000);
  const result = await deps.db.$transaction(async (tx) => {
    const fresh = await tx.stripeEvent.createMany({
      data: [{ id: event.id, type: event.type, outcome: 'received' }],
      skipDuplicates: true,
    });
    if (fresh.count === 0) return { outcome: 'duplicate: already applied', changed: null };
    const target = await targetOf(tx, event);
    let outcome = 'ignored: not a subscription event';
    let changed: { organizationId: string; brandId: string } | null = null;
    if (target === 'unknown') outcome = 'ignored: no Perch subscription for it';
    else if (target) {
      const { organizationId, brandId, row } = target;
      const current: SubscriptionSnapshot = row ?? freeSubscription(catalog, at);
      if (row?.stripeEventAt && at < row.stripeEventAt) {
        outcome = 'ignored: older than the last event applied';
      } else {
        const next = nextState(event, current, catalog, at);
        if (await saveSubscription(tx, organizationId, brandId, row?.version ?? 0, next)) {
          const object = event.data.object;
          await tx.subscription.updateMany({
            where: { organizationId, brandId },
            data: {
              stripeEventAt: at,
              ...(str(object['customer']) ? { stripeCustomerId: str(object['customer']) } : {}),
              ...(stripeSubscriptionIdOf(event) ? { stripeSubscriptionId: stripeSubscriptionIdOf(event) } : {}),
            },
          });
          await tx.auditLog.create({
            data: {
              organizationId,
              actorUserId: null,
              action: `billing.stripe.${event.type}`.slice(0, 100),
              targetType: 'subscription',
              targetId: brandId,
              before: { planId: current.planId, state: current.state, seats: current.seats },
              after: { planId: next.planId, state: next.state, seats: next.seats, stripeEventId: event.id },
            },
            select: { id: true },
          });
          outcome = `applied: ${next.planId} ${next.state}`;
          changed = { organizationId, brandId };
        } else {
          throw new Error('stripe: the subscription changed meanwhile');
        }
      }
    }
    await tx.stripeEvent.update({ where: { id: event.id }, data: { outcome: outcome.slice(0, 200) } });
    return { outcome, changed };
  });
  if (result.changed) {
    dropEntitlements(result.changed.organizationId);
    await deps.bus.publish([{ ...result.changed, type: 'plan.changed', at: new Date().toISOString() }]);
  }
  return result.outcome;
}

function stripeSubscriptionIdOf(event: StripeEvent): string | null {
  const object = event.data.object;
  if (event.type.startsWith('customer.subscription.')) return str(object['id']);
  return str(object['subscription']);
}

/**
 * The brand an event concerns: by the Stripe subscription id Perch recorded, else by the metadata Perch put on the
 * Checkout Session and its subscription (so an update arriving before checkout.session.completed still lands).
 */
async function targetOf(
  tx: Tx,
  event: StripeEvent,
): Promise<{ organizationId: string; brandId: string; row: SubscriptionRow | null } | 'unknown' | null> {
  const handled = [
    'checkout.session.completed',
    'customer.subscription.updated',
    'customer.subscription.deleted',
    'invoice.paid',
    'invoice.payment_failed',
  ];
  if (!handled.includes(event.type)) return null;
  const subscriptionId = stripeSubscriptionIdOf(event);
  if (subscriptionId) {
    const known = await tx.subscription.findFirst({
      where: { stripeSubscriptionId: subscriptionId },
      select: { organizationId: true, brandId: true },
    });
    if (known) {
      return { ...known, row: await subscriptionOf(tx, known.organizationId, known.brandId) };
    }
  }
  const metadata = metadataSchema.safeParse(event.data.object['metadata']);
  if (!metadata.success) return 'unknown';
  const brand = await tx.brand.findFirst({
    where: { id: metadata.data.brandId, organizationId: metadata.data.organizationId },
    select: { id: true },
  });
  if (!brand) return 'unknown';
  const { organizationId, brandId } = metadata.data;
  return { organizationId, brandId, row: await subscriptionOf(tx, organizationId, brandId) };
}

function nextState(
  event: StripeEvent,
  current: SubscriptionSnapshot,
  catalog: Awaited<ReturnType<typeof catalogOf>>,
  at: Date,
): SubscriptionSnapshot {
  const object = event.data.object;
  const metadata = metadataSchema.safeParse(object['metadata']);
  const free = (): SubscriptionSnapshot => ({
    ...current,
    planId: 'free',
    state: 'canceled',
    seats: planOf(catalog, 'free').includedSeats,
    cancelAtPeriodEnd: false,
    scheduledPlanId: null,
    scheduledSeats: null,
    trialEndsAt: null,
    graceEndsAt: null,
  });
  const onPlan = (): SubscriptionSnapshot =>
    metadata.success
      ? {
          ...current,
          planId: metadata.data.planId,
          seats: metadata.data.seats,
          scheduledPlanId: null,
          scheduledSeats: null,
        }
      : current;
  switch (event.type) {
    case 'checkout.session.completed':
      return { ...onPlan(), state: 'active', cancelAtPeriodEnd: false, trialEndsAt: null, graceEndsAt: null };
    case 'customer.subscription.updated': {
      const status = str(object['status']);
      if (status === 'canceled' || status === 'incomplete_expired') return free();
      const base = { ...onPlan(), cancelAtPeriodEnd: object['cancel_at_period_end'] === true };
      if (status === 'past_due' || status === 'unpaid') {
        return {
          ...base,
          state: 'past_due',
          graceEndsAt: current.graceEndsAt ?? addDays(at, BILLING_LIMITS.graceDays),
        };
      }
      const trialEnd = object['trial_end'];
      if (status === 'trialing' && typeof trialEnd === 'number') {
        return {
          ...base,
          state: 'trialing',
          trialEndsAt: new Date(trialEnd * 1000),
          trialUsed: true,
          graceEndsAt: null,
        };
      }
      return { ...base, state: 'active', trialEndsAt: null, graceEndsAt: null };
    }
    case 'customer.subscription.deleted':
      return free();
    case 'invoice.paid':
      return current.state === 'past_due' ? { ...current, state: 'active', graceEndsAt: null } : current;
    case 'invoice.payment_failed':
      return current.state === 'active' && current.planId !== 'free'
        ? { ...current, state: 'past_due', graceEndsAt: addDays(at, BILLING_LIMITS.graceDays) }
        : current;
    default:
      return current;
  }
}
