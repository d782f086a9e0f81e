import type { Db } from '../../src/db/database.ts';
import { issueInvoice } from '../../src/features/billing/invoicing.service.ts';
import { createUser } from '../../src/seed/factories.ts';
import type { ProcedurePath } from '../../src/trpc/policy.ts';
import { TEST_PASSWORD, type TenantFixture } from '../harness.ts';
import type { Sample } from './sample.ts';

/** The platform operator's procedures: to anyone but Perch's staff they answer NOT_FOUND. */
export type OperatorPath = Extract<ProcedurePath, `operator.${string}`>;

/**
 * Per tenant: an open invoice (to mark paid) and a comp on its second brand (to end). The catalog sample edits
 * Enterprise to the figures it has, at the version read just before (each call moves the version on).
 */
const invoices = new Map<string, string>();
let enterprise: Record<string, unknown> | null = null;

const setup: Sample['setup'] = async ({ db }, own) => {
  const plan = await db.plan.findUniqueOrThrow({ where: { id: 'enterprise' } });
  enterprise = {
    planId: 'enterprise',
    expectedUpdatedAt: plan.updatedAt.toISOString(),
    priceCents: plan.priceCents,
    includedSeats: plan.includedSeats,
    seatPriceCents: plan.seatPriceCents,
    monthlyMentions: plan.monthlyMentions,
    overagePer1kCents: plan.overagePer1kCents,
    retentionDays: plan.retentionDays,
    features: plan.features,
  };
  if (invoices.has(own.organizationId)) return;
  const line = { kind: 'proration_charge' as const, brandId: own.brandIds[0]!, description: 'Sample', quantity: 1 };
  const invoice = await db.$transaction((tx) =>
    issueInvoice(tx, own.organizationId, 'change', [{ ...line, unitCents: 4321, amountCents: 4321 }], new Date()),
  );
  invoices.set(own.organizationId, invoice!.id);
  await db.subscription.update({
    where: { brandId: own.brandIds[1]! },
    data: { compPlanId: 'enterprise', compEndsAt: new Date(Date.now() + 30 * 86_400_000), compNote: 'Sample comp' },
  });
};

const inAMonth = () => new Date(Date.now() + 30 * 86_400_000).toISOString();

/** Samples of the `operator.*` procedures for the policy, cross-tenant and audit suites. */
export const OPERATOR_SAMPLES: Record<OperatorPath, Sample> = {
  'operator.plans': { kind: 'query', valid: () => ({}) },
  'operator.updatePlan': {
    kind: 'mutation',
    setup,
    valid: () => {
      if (!enterprise) throw new Error('no catalog sample: await the sample setup first');
      return enterprise;
    },
  },
  'operator.organizations': { kind: 'query', valid: () => ({}) },
  'operator.compPlan': {
    kind: 'mutation',
    valid: (o) => ({ brandId: o.brandIds[0], planId: 'enterprise', endsAt: inAMonth(), note: 'Partner pilot' }),
  },
  'operator.endComp': { kind: 'mutation', setup, valid: (o) => ({ brandId: o.brandIds[1] }) },
  'operator.invoices': { kind: 'query', valid: () => ({ status: 'open' }) },
  'operator.markInvoicePaid': {
    kind: 'mutation',
    setup,
    valid: (o) => {
      const invoiceId = invoices.get(o.organizationId);
      if (!invoiceId) throw new Error('no invoice for this tenant: await the sample setup first');
      return { invoiceId };
    },
  },
};

let operatorCount = 0;

/** A platform operator (Perch's staff, member of no organization). */
export async function createOperator(db: Db): Promise<string> {
  operatorCount += 1;
  const user = await createUser(db, {
    email: `operator-${operatorCount}-${Date.now()}@perch.test`,
    name: 'Perch Operator',
    password: TEST_PASSWORD,
    isPlatformOperator: true,
  });
  return user.id;
}

/** The tenant an operator sample touches, for "nothing changed" checks. */
export async function operatorFootprint(db: Db, tenant: TenantFixture) {
  const where = { organizationId: tenant.organizationId };
  return JSON.stringify({
    plans: await db.plan.findMany({ orderBy: { id: 'asc' } }),
    subscriptions: await db.subscription.findMany({ where, orderBy: { id: 'asc' } }),
    invoices: await db.invoice.findMany({ where, orderBy: { id: 'asc' } }),
    audit: await db.auditLog.count({ where: { outcome: 'ok' } }),
  });
}
