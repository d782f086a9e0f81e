import { z } from 'zod';
import { idSchema } from './limits.ts';

/**
 * Plans and entitlements (docs/billing.md). A brand is on one plan; the plan's features are the exclusive services
 * the server lets the brand use. The catalog's figures are data (the `Plan` table, seeded by a migration and
 * editable by the platform operator); the feature names are code.
 */
export const PLAN_IDS = ['free', 'pro', 'enterprise'] as const;
export type PlanId = (typeof PLAN_IDS)[number];
export const planIdSchema = z.enum(PLAN_IDS);

export const FEATURES = [
  'auto_assignment',
  'sla_policies',
  'approvals',
  'advanced_analytics',
  'automation_rules',
  'triage',
  'vip_keyword_rules',
  'api_access',
  'audit_export',
] as const;
export type Feature = (typeof FEATURES)[number];

export const SUBSCRIPTION_STATES = ['trialing', 'active', 'past_due', 'canceled'] as const;
export type SubscriptionStateName = (typeof SUBSCRIPTION_STATES)[number];

export const BILLING_LIMITS = {
  /** Seats a brand may buy (sanity bound: a bigger team talks to sales). */
  maxSeats: 10_000,
  trialDays: 14,
  /** Days a brand whose payment failed keeps its plan before it falls back to Free. */
  graceDays: 7,
  /** How long a proration preview may be confirmed. */
  previewMinutes: 10,
  idempotencyKey: 64,
} as const;

/** Who sees billing: owners and billing admins (admins, managers and agents do not). */
export const BILLING_ROLES = ['owner', 'billing_admin'] as const;

export interface PlanView {
  id: PlanId;
  name: string;
  priceCents: number;
  includedSeats: number;
  /** 0: extra seats are not sold on this plan. */
  seatPriceCents: number;
  monthlyMentions: number;
  /** 0: mentions over the quota are held, not billed (Free). */
  overagePer1kCents: number;
  retentionDays: number;
  features: Feature[];
}

/** What a brand may use now, as every part of Perch reads it. */
export interface BrandEntitlements {
  brandId: string;
  planId: PlanId;
  state: SubscriptionStateName;
  features: Feature[];
  seats: number;
  monthlyMentions: number;
  retentionDays: number;
  /** For each feature the plan lacks, the cheapest plan that includes it (what the web offers). */
  unlockedBy: Partial<Record<Feature, PlanId>>;
}

const idempotencyKey = z
  .string()
  .trim()
  .min(8, 'An idempotency key has at least 8 characters')
  .max(BILLING_LIMITS.idempotencyKey)
  .regex(/^[A-Za-z0-9_-]+$/, 'An idempotency key is letters, digits, - and _');

const org = { organizationId: idSchema };
const brandChange = {
  ...org,
  brandId: idSchema,
  idempotencyKey,
  expectedVersion: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31),
};
const seats = z
  .number()
  .int('Seats are a whole number')
  .min(1, 'A brand has at least one seat')
  .max(BILLING_LIMITS.maxSeats, `At most ${BILLING_LIMITS.maxSeats} seats`);

export const billingOverviewInput = z.strictObject(org);
export const entitlementsInput = z.strictObject(org);
export const previewPlanChangeInput = z.strictObject({ ...org, brandId: idSchema, planId: planIdSchema, seats });
export const confirmPlanChangeInput = z.strictObject({
  ...brandChange,
  /** The preview's token: the server recomputes the change and refuses a token that is expired or was altered. */
  previewToken: z.string().min(10).max(2_000),
});
export const startTrialInput = z.strictObject({ ...brandChange, planId: planIdSchema.exclude(['free']) });
export const cancelSubscriptionInput = z.strictObject(brandChange);
export const reactivateSubscriptionInput = z.strictObject(brandChange);

export interface ProrationLine {
  kind: 'credit' | 'charge';
  description: string;
  /** Negative for a credit. */
  amountCents: number;
}

export interface PlanChangePreview {
  brandId: string;
  fromPlanId: PlanId;
  toPlanId: PlanId;
  fromSeats: number;
  toSeats: number;
  /** `now`: an upgrade or more seats, charged for the rest of the period; `period_end`: a downgrade. */
  effective: 'now' | 'period_end';
  effectiveAt: string;
  currency: string;
  lines: ProrationLine[];
  totalCents: number;
  /** Features the brand loses, and how far back its history stays visible after the change. */
  lostFeatures: Feature[];
  retentionDaysAfter: number;
  hiddenHistoryBefore: string | null;
  previewToken: string;
  expiresAt: string;
}

export interface BrandBilling {
  brandId: string;
  brandName: string;
  planId: PlanId;
  state: SubscriptionStateName;
  seats: number;
  mentionsThisPeriod: number;
  monthlyMentions: number;
  periodStart: string;
  periodEnd: string;
  daysLeft: number;
  trialEndsAt: string | null;
  cancelAtPeriodEnd: boolean;
  scheduledPlanId: PlanId | null;
  scheduledSeats: number | null;
  graceEndsAt: string | null;
  trialAvailable: boolean;
  /** The brand pays through Stripe (its customer portal opens from Perch). */
  paysWithStripe: boolean;
  /** A plan the platform operator granted free of charge, in force until `endsAt` (docs/billing.md, "Operator"). */
  comp: { planId: PlanId; endsAt: string } | null;
  version: number;
}

export interface BillingOverview {
  currency: string;
  plans: PlanView[];
  brands: BrandBilling[];
  /** The organization's monthly total at current plans and seats (before usage and taxes). */
  monthlyTotalCents: number;
  /** Seats are pooled: each brand's plan brings its seats; working members and pending invitations take them. */
  seatsUsed: number;
  seatsTotal: number;
  /** Stripe is configured on this server: plans can be paid by card through Stripe Checkout. */
  stripeEnabled: boolean;
}

// ── Invoices (docs/billing.md, "Invoices") ─────────────────────────────────────────────────────────────────

export const INVOICE_STATUSES = ['draft', 'open', 'paid', 'void'] as const;
export type InvoiceStatusName = (typeof INVOICE_STATUSES)[number];
/** Days between an invoice's issue and its due date (bank transfer). */
export const INVOICE_NET_DAYS = 14;

export interface InvoiceLine {
  kind: 'plan' | 'seats' | 'overage' | 'proration_credit' | 'proration_charge';
  brandId: string | null;
  description: string;
  quantity: number;
  unitCents: number;
  /** Negative for a credit. */
  amountCents: number;
}

export interface InvoiceSummary {
  id: string;
  number: number;
  kind: 'period' | 'change';
  status: InvoiceStatusName;
  provider: string;
  currency: string;
  totalCents: number;
  periodStart: string;
  periodEnd: string;
  issuedAt: string | null;
  dueAt: string | null;
  paidAt: string | null;
}

export interface InvoiceDetail extends InvoiceSummary {
  organizationName: string;
  lines: InvoiceLine[];
  subtotalCents: number;
  taxRateBps: number;
  taxCents: number;
}

export const invoicesInput = z.strictObject({ ...org, cursor: idSchema.optional() });
export const invoiceInput = z.strictObject({ ...org, invoiceId: idSchema });
export const operatorInvoicesInput = z.strictObject({
  status: z.enum(INVOICE_STATUSES).optional(),
  cursor: idSchema.optional(),
});
export const markInvoicePaidInput = z.strictObject({ invoiceId: idSchema });

// ── Stripe (docs/billing.md, "Payment providers") ──────────────────────────────────────────────────────────

export const stripeCheckoutInput = z.strictObject({
  ...org,
  brandId: idSchema,
  planId: planIdSchema.exclude(['free']),
  seats,
  idempotencyKey,
});
export const stripePortalInput = z.strictObject({ ...org, brandId: idSchema, idempotencyKey });
