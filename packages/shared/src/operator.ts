import { z } from 'zod';
import {
  BILLING_LIMITS,
  FEATURES,
  planIdSchema,
  type InvoiceSummary,
  type PlanId,
  type PlanView,
  type SubscriptionStateName,
} from './billing.ts';
import { idSchema, isoDateTime, text } from './limits.ts';

/**
 * The platform operator's console (docs/billing.md, "Operator"): Perch's own staff edit the plan catalog, comp a
 * plan for a brand until a date, read every organization's usage and invoices, and record payments.
 */
export const OPERATOR_LIMITS = {
  /** Sanity bounds of the catalog's figures (a price of 100,000.00 per month is a typo, not a plan). */
  maxPriceCents: 10_000_000,
  maxSeatPriceCents: 1_000_000,
  maxIncludedSeats: BILLING_LIMITS.maxSeats,
  maxMonthlyMentions: 100_000_000,
  maxOveragePer1kCents: 100_000,
  maxRetentionDays: 3_650,
  /** A comp ends at most this many days after it is granted (two years). */
  compMaxDays: 731,
  compNote: 500,
  search: 100,
  organizationsPage: 50,
} as const;

const whole = (label: string, min: number, max: number) =>
  z
    .number({ error: `${label} is a number` })
    .int(`${label} is a whole number`)
    .min(min, min === 0 ? `${label} cannot be negative` : `${label} is at least ${min}`)
    .max(max, `${label} is at most ${max}`);

/** Free stays free: these figures are 0 on it (its brands are never charged, extra seats are not sold). */
const FREE_ZEROES = ['priceCents', 'seatPriceCents', 'overagePer1kCents'] as const;

/** A plan's figures and features, all at once; `expectedUpdatedAt` is the version of the plan the operator saw. */
export const updatePlanInput = z
  .strictObject({
    planId: planIdSchema,
    expectedUpdatedAt: isoDateTime(),
    priceCents: whole('The price', 0, OPERATOR_LIMITS.maxPriceCents),
    includedSeats: whole('Included seats', 1, OPERATOR_LIMITS.maxIncludedSeats),
    seatPriceCents: whole('The seat price', 0, OPERATOR_LIMITS.maxSeatPriceCents),
    monthlyMentions: whole('The mention quota', 1, OPERATOR_LIMITS.maxMonthlyMentions),
    overagePer1kCents: whole('The overage price', 0, OPERATOR_LIMITS.maxOveragePer1kCents),
    retentionDays: whole('Retention', 1, OPERATOR_LIMITS.maxRetentionDays),
    features: z
      .array(z.enum(FEATURES))
      .max(FEATURES.length)
      .refine((list) => new Set(list).size === list.length, 'Each feature at most once'),
  })
  .superRefine((plan, ctx) => {
    if (plan.planId !== 'free') return;
    for (const field of FREE_ZEROES) {
      if (plan[field] !== 0) ctx.addIssue({ code: 'custom', path: [field], message: 'Free stays free: 0' });
    }
  });

export const operatorOrganizationsInput = z.strictObject({
  /** Part of an organization's or one of its brands' names. */
  q: z.string().trim().max(OPERATOR_LIMITS.search).optional(),
  /** The last organization of the previous page. */
  cursor: idSchema.optional(),
});

export const compPlanInput = z.strictObject({
  brandId: idSchema,
  planId: planIdSchema.exclude(['free']),
  /** In the future, at most two years ahead (checked by the server at its own clock). */
  endsAt: isoDateTime(),
  /** Why (a partner, a pilot, a goodwill gesture): kept with the comp and in the audit log. */
  note: text(OPERATOR_LIMITS.compNote),
});

export const endCompInput = z.strictObject({ brandId: idSchema });

/** A plan of the catalog with its version (the last edit), for the operator's form. */
export interface CatalogPlan extends PlanView {
  updatedAt: string;
}

export interface CompView {
  planId: PlanId;
  endsAt: string;
  note: string | null;
}

export interface OperatorBrand {
  brandId: string;
  name: string;
  /** The brand's own subscription: its plan and state (what it returns to when a comp ends). */
  ownPlanId: PlanId;
  state: SubscriptionStateName;
  /** The plan whose features the brand has now (the comp's while one is in force). */
  planId: PlanId;
  comp: CompView | null;
  mentionsThisPeriod: number;
  monthlyMentions: number;
}

export interface OperatorOrganization {
  id: string;
  name: string;
  slug: string;
  currency: string;
  brands: OperatorBrand[];
  seatsUsed: number;
  seatsTotal: number;
  openInvoices: number;
  openCents: number;
  overdueInvoices: number;
  overdueCents: number;
}

export interface OperatorOrganizationsPage {
  organizations: OperatorOrganization[];
  /** The cursor of the next page; null on the last one. */
  nextCursor: string | null;
}

export interface OperatorInvoice extends InvoiceSummary {
  organizationId: string;
  organizationName: string;
}
