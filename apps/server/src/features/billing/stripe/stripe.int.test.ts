import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { loadConfig } from '../../../config.ts';
import { buildApp } from '../../../http/app.ts';
import { createLocalEventBus } from '../../../live/event-bus.ts';
import { startQueue, type Queue } from '../../../queue/queue.ts';
import { createTestDatabase } from '../../../../test/test-database.ts';
import { callerFor, createTenant, type TenantFixture } from '../../../../test/harness.ts';
import { stripeRequests, TEST_STRIPE } from '../../../../test/stripe-mock.ts';
import { createBrand } from '../../../seed/factories.ts';
import { dropEntitlements } from '../entitlements.ts';
import { stripeSignature } from './stripe-signature.ts';

const log = pino({ level: 'silent' });

/**
 * The Stripe adapter (docs/billing.md): Checkout Sessions created through Stripe's API (msw serves Stripe-shaped
 * responses), and the signed webhook that alone changes the plan — verified, applied once, in Stripe's order of
 * creation whatever the order of delivery.
 */
describe('billing: Stripe', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let queue: Queue;
  let app: FastifyInstance;
  let t: TenantFixture;
  let brandId: string;
  const now = () => Math.floor(Date.now() / 1000);

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await createTenant(db.prisma, 'Stripe');
    brandId = (await createBrand(db.prisma, t.organizationId, { name: 'Cargo', timeZone: 'UTC' })).id;
    dropEntitlements(t.organizationId);
    queue = await startQueue(db, log);
    const config = { ...loadConfig({ PORT: '3000', WEB_DIST_DIR: '/nonexistent' }), stripe: TEST_STRIPE };
    app = await buildApp({ config, db, queue, bus: createLocalEventBus(), logger: log });
  });
  afterAll(async () => {
    await app.close();
    await queue.stop();
    await db.dispose();
  });

  const deliver = (event: object, opts: { secret?: string; at?: number; signature?: string } = {}) => {
    const body = JSON.stringify(event);
    const at = opts.at ?? now();
    const signature =
      opts.signature ?? stripeSignature(opts.secret ?? TEST_STRIPE.webhookSecrets[0]!, at, Buffer.from(body));
    return app.inject({
      method: 'POST',
      url: '/webhooks/stripe',
      headers: { 'content-type': 'application/json', 'stripe-signature': `t=${at},v1=${signature}` },
      payload: body,
    });
  };
  const metadata = () => ({ organizationId: t.organizationId, brandId, planId: 'pro', seats: '6' });
  const sub = () => db.prisma.subscription.findFirst({ where: { brandId } });

  it('Checkout: a Stripe session with the plan, seats and the brand in its metadata; the same key, the same session', async () => {
    const owner = await callerFor(db.prisma, t.users.owner.userId);
    const input = {
      organizationId: t.organizationId,
      brandId,
      planId: 'pro' as const,
      seats: 6,
      idempotencyKey: 'checkout-cargo-1',
    };
    const first = await owner.billing.stripeCheckout(input);
    expect(first.url).toMatch(/^https:\/\/checkout\.stripe\.com\/c\/pay\/cs_test_/);
    const sent = stripeRequests.at(-1)!;
    expect(sent.idempotencyKey).toBe(`${t.organizationId}:checkout-cargo-1`);
    expect(Object.fromEntries(sent.params)).toMatchObject({
      mode: 'subscription',
      'line_items[0][price]': 'price_pro',
      'line_items[1][price]': 'price_pro_seat',
      'line_items[1][quantity]': '1',
      'metadata[brandId]': brandId,
      'subscription_data[metadata][planId]': 'pro',
      'subscription_data[metadata][seats]': '6',
    });
    expect((await owner.billing.stripeCheckout(input)).url).toBe(first.url);
    // The browser's word changes nothing: the plan waits for Stripe's signed event.
    expect(await sub()).toBeNull();
    await expect(
      owner.billing.stripeCheckout({ ...input, seats: 2, idempotencyKey: 'checkout-bad' }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });

  it('a forged, stale or unsigned delivery is refused with nothing stored', async () => {
    const event = {
      id: 'evt_forged',
      type: 'checkout.session.completed',
      created: now(),
      data: { object: { subscription: 'sub_forged', customer: 'cus_forged', metadata: metadata() } },
    };
    expect((await deliver(event, { secret: 'whsec_attackerattacker' })).statusCode).toBe(400);
    expect((await deliver(event, { at: now() - 301 })).statusCode).toBe(400);
    expect((await deliver(event, { signature: 'nothex' })).statusCode).toBe(400);
    const unsigned = await app.inject({ method: 'POST', url: '/webhooks/stripe', payload: JSON.stringify(event) });
    expect(unsigned.statusCode).toBe(400);
    expect(await db.prisma.stripeEvent.count()).toBe(0);
    expect(await sub()).toBeNull();
  });

  it('checkout completed, then updates out of order, duplicates, payment failed and paid, then deleted', async () => {
    const t0 = now() - 100;
    const completed = {
      id: 'evt_checkout',
      type: 'checkout.session.completed',
      created: t0,
      data: { object: { subscription: 'sub_cargo', customer: 'cus_cargo', metadata: metadata() } },
    };
    expect((await deliver(completed)).json()).toMatchObject({ outcome: 'applied: pro active' });
    expect(await sub()).toMatchObject({ planId: 'pro', state: 'active', seats: 6, stripeSubscriptionId: 'sub_cargo' });
    // Stripe delivers at least once: the same event again changes nothing.
    expect((await deliver(completed)).json()).toMatchObject({ outcome: 'duplicate: already applied' });
    // Signed with the previous secret during a rotation: accepted.
    const late = (id: string, created: number, status: string) => ({
      id,
      type: 'customer.subscription.updated',
      created,
      data: {
        object: { id: 'sub_cargo', customer: 'cus_cargo', status, cancel_at_period_end: false, metadata: metadata() },
      },
    });
    const newer = await deliver(late('evt_upd_2', t0 + 20, 'past_due'), { secret: TEST_STRIPE.webhookSecrets[1] });
    expect(newer.json()).toMatchObject({ outcome: 'applied: pro past_due' });
    // An older update delivered after a newer one is recorded and ignored.
    expect((await deliver(late('evt_upd_1', t0 + 10, 'active'))).json()).toMatchObject({
      outcome: 'ignored: older than the last event applied',
    });
    expect(await sub()).toMatchObject({ state: 'past_due' });
    const paid = {
      id: 'evt_paid',
      type: 'invoice.paid',
      created: t0 + 30,
      data: { object: { subscription: 'sub_cargo' } },
    };
    expect((await deliver(paid)).json()).toMatchObject({ outcome: 'applied: pro active' });
    const deleted = {
      id: 'evt_deleted',
      type: 'customer.subscription.deleted',
      created: t0 + 40,
      data: { object: { id: 'sub_cargo', customer: 'cus_cargo', status: 'canceled' } },
    };
    expect((await deliver(deleted)).json()).toMatchObject({ outcome: 'applied: free canceled' });
    expect(await sub()).toMatchObject({ planId: 'free', state: 'canceled' });
    // An event for a subscription Perch does not know, without Perch's metadata: recorded, nothing else.
    const stranger = {
      id: 'evt_stranger',
      type: 'invoice.paid',
      created: t0,
      data: { object: { subscription: 'sub_x' } },
    };
    expect((await deliver(stranger)).json()).toMatchObject({ outcome: 'ignored: no Perch subscription for it' });
    const audit = await db.prisma.auditLog.count({
      where: { organizationId: t.organizationId, action: { startsWith: 'billing.stripe.' } },
    });
    expect(audit).toBe(4);
    expect(await db.prisma.stripeEvent.count()).toBe(6);
  });
});
