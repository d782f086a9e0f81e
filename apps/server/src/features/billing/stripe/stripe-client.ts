import { z } from 'zod';
import type { PlanId } from '@perch/shared';
import type { StripeConfig } from '../../../config.ts';
import { DomainError } from '../../../lib/errors.ts';

const API = 'https://api.stripe.com/v1';
const sessionSchema = z.object({ id: z.string().max(255), url: z.url().max(4_000) });
const errorSchema = z.object({ error: z.object({ message: z.string().max(1_000).optional() }) });

/**
 * One POST to Stripe's API, form-encoded, with an Idempotency-Key (a retried call never creates two sessions)
 * and a timeout. Stripe's refusal becomes a clear error; its message is shown, never its internals.
 */
async function post(config: StripeConfig, path: string, params: Record<string, string>, idempotencyKey: string) {
  const doFetch = config.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(`${API}/${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${config.secretKey}`,
        'content-type': 'application/x-www-form-urlencoded',
        'idempotency-key': idempotencyKey,
      },
      body: new URLSearchParams(params).toString(),
      signal: AbortSignal.timeout(10_000),
    });
  } catch {
    throw new DomainError('CONFLICT', 'Stripe could not be reached: try again in a moment');
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const message = errorSchema.safeParse(body).data?.error.message ?? `status ${response.status}`;
    throw new DomainError('VALIDATION', `Stripe refused: ${message}`);
  }
  const parsed = sessionSchema.safeParse(body);
  if (!parsed.success) throw new DomainError('CONFLICT', 'Stripe answered something unexpected: try again');
  return parsed.data;
}

/** A Checkout Session for a brand's subscription to `planId` with `seats` (extra seats as a second line). */
export function createCheckoutSession(
  config: StripeConfig,
  input: {
    organizationId: string;
    brandId: string;
    planId: Exclude<PlanId, 'free'>;
    extraSeats: number;
    seats: number;
    customerId: string | null;
    successUrl: string;
    cancelUrl: string;
    idempotencyKey: string;
  },
) {
  const price = config.prices[input.planId];
  const seatPrice = config.prices[`${input.planId}_seat`];
  if (!price) throw new DomainError('VALIDATION', `No Stripe price is configured for ${input.planId}`);
  if (input.extraSeats > 0 && !seatPrice)
    throw new DomainError('VALIDATION', 'No Stripe price is configured for seats');
  const metadata = {
    organizationId: input.organizationId,
    brandId: input.brandId,
    planId: input.planId,
    seats: String(input.seats),
  };
  const params: Record<string, string> = {
    mode: 'subscription',
    client_reference_id: input.brandId,
    success_url: input.successUrl,
    cancel_url: input.cancelUrl,
    'line_items[0][price]': price,
    'line_items[0][quantity]': '1',
    ...Object.fromEntries(Object.entries(metadata).map(([k, v]) => [`metadata[${k}]`, v])),
    ...Object.fromEntries(Object.entries(metadata).map(([k, v]) => [`subscription_data[metadata][${k}]`, v])),
  };
  if (input.extraSeats > 0 && seatPrice) {
    params['line_items[1][price]'] = seatPrice;
    params['line_items[1][quantity]'] = String(input.extraSeats);
  }
  if (input.customerId) params['customer'] = input.customerId;
  return post(config, 'checkout/sessions', params, input.idempotencyKey);
}

/** A customer-portal session (payment method, invoices at Stripe) for a brand paying through Stripe. */
export function createPortalSession(
  config: StripeConfig,
  input: { customerId: string; returnUrl: string; idempotencyKey: string },
) {
  return post(
    config,
    'billing_portal/sessions',
    { customer: input.customerId, return_url: input.returnUrl },
    input.idempotencyKey,
  );
}
