import { previewPlanChange } from '../../src/features/billing/billing.service.ts';
import { issueInvoice } from '../../src/features/billing/invoicing.service.ts';
import { createBrand, subscribeBrand } from '../../src/seed/factories.ts';
import { TEST_SECRET_KEY, type TenantFixture } from '../harness.ts';
import { brandOf, org, type Sample, type SamplesOf } from './sample.ts';

/**
 * Per tenant: a Free brand (for a trial) and a brand whose Pro plan is cancelled at period end (to reactivate),
 * and a preview token for a downgrade of the first brand from Enterprise to Pro. Fixed idempotency keys make a
 * repeated call (each role of the policy suite) a replay, which succeeds without changing anything twice.
 */
const fixtures = new Map<
  string,
  { freeBrandId: string; cancelledBrandId: string; previewToken: string; invoiceId: string }
>();
const setup: Sample['setup'] = async ({ db }, own) => {
  if (fixtures.has(own.organizationId)) return;
  const free = await createBrand(db, own.organizationId, { name: 'Trial brand', timeZone: 'UTC' });
  const cancelled = await createBrand(db, own.organizationId, { name: 'Cancelled brand', timeZone: 'UTC' });
  const sub = await subscribeBrand(db, own.organizationId, cancelled.id, 'pro');
  // The second brand pays through Stripe (its customer portal sample).
  await db.subscription.update({
    where: { brandId: own.brandIds[1]! },
    data: { stripeCustomerId: `cus_${own.organizationId.slice(0, 8)}` },
  });
  await db.subscription.update({ where: { id: sub.id }, data: { cancelAtPeriodEnd: true } });
  const preview = await previewPlanChange({ db, secretKey: TEST_SECRET_KEY }, own.organizationId, {
    organizationId: own.organizationId,
    brandId: own.brandIds[0]!,
    planId: 'pro',
    seats: 5,
  });
  const invoice = await db.$transaction((tx) =>
    issueInvoice(
      tx,
      own.organizationId,
      'change',
      [
        {
          kind: 'proration_charge',
          brandId: own.brandIds[0]!,
          description: 'Sample charge',
          quantity: 1,
          unitCents: 1234,
          amountCents: 1234,
        },
      ],
      new Date(),
    ),
  );
  fixtures.set(own.organizationId, {
    freeBrandId: free.id,
    cancelledBrandId: cancelled.id,
    previewToken: preview.previewToken,
    invoiceId: invoice!.id,
  });
};
const fixtureOf = (f: TenantFixture) => {
  const fixture = fixtures.get(f.organizationId);
  if (!fixture) throw new Error('no billing fixture for this tenant: await the sample setup first');
  return fixture;
};

/** Samples of the `billing.*` procedures for the policy, cross-tenant and audit suites. */
export const BILLING_SAMPLES: SamplesOf<'billing'> = {
  'billing.stripeCheckout': {
    kind: 'mutation',
    valid: (o) => ({ ...brandOf(o), planId: 'enterprise', seats: 21, idempotencyKey: 'sample-checkout' }),
    foreignIds: (o, f) => [
      { ...org(o), brandId: f.brandIds[0], planId: 'enterprise', seats: 21, idempotencyKey: 'sample-checkout-x' },
    ],
  },
  'billing.stripePortal': {
    kind: 'mutation',
    setup,
    valid: (o) => ({ ...org(o), brandId: o.brandIds[1], idempotencyKey: 'sample-portal' }),
    foreignIds: (o, f) => [{ ...org(o), brandId: f.brandIds[1], idempotencyKey: 'sample-portal-x' }],
  },
  'billing.invoices': { kind: 'query', valid: org },
  'billing.invoice': {
    kind: 'query',
    setup,
    valid: (o) => ({ ...org(o), invoiceId: fixtureOf(o).invoiceId }),
    foreignIds: (o, f) => [{ ...org(o), invoiceId: fixtureOf(f).invoiceId }],
  },
  'billing.overview': { kind: 'query', valid: org },
  'billing.entitlements': { kind: 'query', valid: org },
  'billing.previewChange': {
    kind: 'query',
    valid: (o) => ({ ...brandOf(o), planId: 'pro', seats: 5 }),
    foreignIds: (o, f) => [{ ...org(o), brandId: f.brandIds[0], planId: 'pro', seats: 5 }],
  },
  'billing.confirmChange': {
    kind: 'mutation',
    setup,
    valid: (o) => ({
      ...brandOf(o),
      previewToken: fixtureOf(o).previewToken,
      expectedVersion: 1,
      idempotencyKey: 'sample-confirm',
    }),
    foreignIds: (o, f) => [
      {
        ...org(o),
        brandId: f.brandIds[0],
        previewToken: fixtureOf(o).previewToken,
        expectedVersion: 1,
        idempotencyKey: 'sample-confirm-foreign',
      },
    ],
  },
  'billing.startTrial': {
    kind: 'mutation',
    setup,
    valid: (o) => ({
      ...org(o),
      brandId: fixtureOf(o).freeBrandId,
      planId: 'pro',
      expectedVersion: 0,
      idempotencyKey: 'sample-trial',
    }),
    foreignIds: (o, f) => [
      { ...org(o), brandId: f.brandIds[1], planId: 'pro', expectedVersion: 0, idempotencyKey: 'sample-trial-foreign' },
    ],
  },
  'billing.cancel': {
    kind: 'mutation',
    valid: (o) => ({ ...org(o), brandId: o.brandIds[1], expectedVersion: 1, idempotencyKey: 'sample-cancel' }),
    foreignIds: (o, f) => [
      { ...org(o), brandId: f.brandIds[1], expectedVersion: 1, idempotencyKey: 'sample-cancel-foreign' },
    ],
  },
  'billing.reactivate': {
    kind: 'mutation',
    setup,
    valid: (o) => ({
      ...org(o),
      brandId: fixtureOf(o).cancelledBrandId,
      expectedVersion: 1,
      idempotencyKey: 'sample-reactivate',
    }),
    foreignIds: (o, f) => [
      { ...org(o), brandId: f.brandIds[0], expectedVersion: 1, idempotencyKey: 'sample-reactivate-foreign' },
    ],
  },
};
