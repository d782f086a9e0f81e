import { createHash } from 'node:crypto';
import { getResponse, http, HttpResponse } from 'msw';
import type { StripeConfig } from '../src/config.ts';

/**
 * Stripe's API as msw handlers (the external service the tests must not reach): Checkout and portal sessions in
 * Stripe's shape, the same session for the same Idempotency-Key (as Stripe does), every request recorded.
 * Served through msw's getResponse — no global interception, so the tests' own HTTP is untouched.
 */
export const stripeRequests: { path: string; params: URLSearchParams; idempotencyKey: string | null }[] = [];
const idFor = (prefix: string, key: string | null) =>
  `${prefix}_test_${createHash('sha256')
    .update(key ?? String(Math.random()))
    .digest('hex')
    .slice(0, 24)}`;

const authorized = (request: Request) => request.headers.get('authorization') === `Bearer ${TEST_STRIPE.secretKey}`;

export const stripeHandlers = [
  http.post('https://api.stripe.com/v1/checkout/sessions', async ({ request }) => {
    if (!authorized(request)) return HttpResponse.json({ error: { message: 'Invalid API Key' } }, { status: 401 });
    const params = new URLSearchParams(await request.text());
    const key = request.headers.get('idempotency-key');
    stripeRequests.push({ path: 'checkout/sessions', params, idempotencyKey: key });
    if (!params.get('line_items[0][price]')) {
      return HttpResponse.json({ error: { message: 'Missing required param: line_items.' } }, { status: 400 });
    }
    const id = idFor('cs', key);
    return HttpResponse.json({
      id,
      object: 'checkout.session',
      mode: 'subscription',
      url: `https://checkout.stripe.com/c/pay/${id}`,
    });
  }),
  http.post('https://api.stripe.com/v1/billing_portal/sessions', async ({ request }) => {
    if (!authorized(request)) return HttpResponse.json({ error: { message: 'Invalid API Key' } }, { status: 401 });
    const params = new URLSearchParams(await request.text());
    const key = request.headers.get('idempotency-key');
    stripeRequests.push({ path: 'billing_portal/sessions', params, idempotencyKey: key });
    const id = idFor('bps', key);
    return HttpResponse.json({
      id,
      object: 'billing_portal.session',
      url: `https://billing.stripe.com/p/session/${id}`,
    });
  }),
];

export const stripeMockFetch: typeof fetch = async (input, init) =>
  (await getResponse(stripeHandlers, new Request(input, init))) ??
  HttpResponse.json({ error: { message: 'No such Stripe endpoint in the mock' } }, { status: 404 });

export const TEST_STRIPE: StripeConfig = {
  secretKey: 'sk_test_perchtests000',
  webhookSecrets: ['whsec_perchtestcurrent0', 'whsec_perchtestprevious'],
  prices: {
    pro: 'price_pro',
    pro_seat: 'price_pro_seat',
    enterprise: 'price_enterprise',
    enterprise_seat: 'price_ent_seat',
  },
  fetch: stripeMockFetch,
};
