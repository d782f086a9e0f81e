import type { z } from 'zod';
import type { stripeCheckoutInput, stripePortalInput } from '@perch/shared';
import type { StripeConfig } from '../../../config.ts';
import type { Db } from '../../../db/database.ts';
import { DomainError, notFound } from '../../../lib/errors.ts';
import { writeAudit, type Actor } from '../../audit/audit.repository.ts';
import { catalogOf } from '../entitlements.ts';
import { freeSubscription, planOf, transition } from '../subscription-machine.ts';
import { subscriptionOf } from '../subscriptions.repository.ts';
import { createCheckoutSession, createPortalSession } from './stripe-client.ts';

interface StripeDeps {
  db: Db;
  stripe: StripeConfig | null;
  publicUrl: string;
}

const configured = (stripe: StripeConfig | null) => {
  if (!stripe) throw new DomainError('VALIDATION', 'Stripe is not configured on this server: pay by invoice');
  return stripe;
};

/**
 * A Stripe Checkout Session for a brand's plan: the change is checked by the state machine first (same rules as
 * an invoice-paid change), the session carries the organization, brand, plan and seats in its metadata, and the
 * plan changes when Stripe's `checkout.session.completed` arrives — never on the browser's word.
 */
export async function startStripeCheckout(
  deps: StripeDeps,
  actor: Actor & { organizationId: string },
  input: z.output<typeof stripeCheckoutInput>,
) {
  const brand = await deps.db.brand.findFirst({
    where: { id: input.brandId, organizationId: actor.organizationId },
    select: { id: true },
  });
  if (!brand) throw notFound('Brand');
  const stripe = configured(deps.stripe);
  const catalog = await catalogOf(deps.db);
  const now = new Date();
  const row = await subscriptionOf(deps.db, actor.organizationId, input.brandId);
  transition(catalog, row ?? freeSubscription(catalog, now), {
    type: 'change_plan',
    planId: input.planId,
    seats: input.seats,
    at: now,
  });
  const plan = planOf(catalog, input.planId);
  const customer = await deps.db.subscription.findFirst({
    where: { organizationId: actor.organizationId, brandId: input.brandId },
    select: { stripeCustomerId: true },
  });
  const billingUrl = `${deps.publicUrl}/o/${actor.organizationId}/billing`;
  const session = await createCheckoutSession(stripe, {
    organizationId: actor.organizationId,
    brandId: input.brandId,
    planId: input.planId,
    seats: input.seats,
    extraSeats: Math.max(0, input.seats - plan.includedSeats),
    customerId: customer?.stripeCustomerId ?? null,
    successUrl: `${billingUrl}?stripe=success`,
    cancelUrl: `${billingUrl}?stripe=cancelled`,
    idempotencyKey: `${actor.organizationId}:${input.idempotencyKey}`,
  });
  await writeAudit(deps.db, actor, {
    action: 'billing.stripeCheckout',
    targetType: 'brand',
    targetId: input.brandId,
    after: { planId: input.planId, seats: input.seats, checkoutSessionId: session.id },
  });
  return { url: session.url };
}

/** Stripe's customer portal for a brand that pays through Stripe (payment method, Stripe's invoices). */
export async function openStripePortal(
  deps: StripeDeps,
  actor: Actor & { organizationId: string },
  input: z.output<typeof stripePortalInput>,
) {
  const row = await deps.db.subscription.findFirst({
    where: { organizationId: actor.organizationId, brandId: input.brandId },
    select: { stripeCustomerId: true },
  });
  const brand = await deps.db.brand.findFirst({
    where: { id: input.brandId, organizationId: actor.organizationId },
    select: { id: true },
  });
  if (!brand) throw notFound('Brand');
  const stripe = configured(deps.stripe);
  if (!row?.stripeCustomerId) throw new DomainError('VALIDATION', 'This brand does not pay through Stripe');
  const session = await createPortalSession(stripe, {
    customerId: row.stripeCustomerId,
    returnUrl: `${deps.publicUrl}/o/${actor.organizationId}/billing`,
    idempotencyKey: `${actor.organizationId}:${input.idempotencyKey}`,
  });
  await writeAudit(deps.db, actor, {
    action: 'billing.stripePortal',
    targetType: 'brand',
    targetId: input.brandId,
    after: { portalSessionId: session.id },
  });
  return { url: session.url };
}
