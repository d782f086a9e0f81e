import type { z } from 'zod';
import {
  BILLING_LIMITS,
  type BillingOverview,
  type BrandBilling,
  type BrandEntitlements,
  type cancelSubscriptionInput,
  type confirmPlanChangeInput,
  type InvoiceLine,
  type PlanChangePreview,
  type previewPlanChangeInput,
  type reactivateSubscriptionInput,
  type startTrialInput,
} from '@perch/shared';
import type { Db, DbOrTx } from '../../db/database.ts';
import { DomainError, notFound } from '../../lib/errors.ts';
import type { EventBus } from '../../live/event-bus.ts';
import { writeAudit, type Actor } from '../audit/audit.repository.ts';
import type { Queue } from '../../queue/queue.ts';
import { periodOf } from './billing-period.ts';
import { prorationLines } from './invoice-lines.ts';
import { issueInvoice } from './invoicing.service.ts';
import { brandsOf, claimIdempotencyKey, mentionsIn, seatsUsed, storeIdempotentAnswer } from './billing.repository.ts';
import { catalogOf, organizationEntitlements, organizationSeats } from './entitlements.ts';
import { announcePlanChange, applyFeatureChange } from './plan-effects.ts';
import { issuePreviewToken, readPreviewToken } from './preview-token.ts';
import { monthlyCents, prorate } from './proration.ts';
import {
  compInForce,
  entitledPlan,
  freeSubscription,
  isImmediate,
  planOf,
  transition,
  type Catalog,
  type SubscriptionEvent,
  type SubscriptionSnapshot,
} from './subscription-machine.ts';
import { saveSubscription, subscriptionOf, subscriptionsOf, type SubscriptionRow } from './subscriptions.repository.ts';

export interface BillingDeps {
  db: Db;
  bus: EventBus;
  queue: Queue;
  secretKey: Buffer;
}

const DAY_MS = 86_400_000;

function brandView(
  brand: { id: string; name: string },
  sub: SubscriptionSnapshot,
  version: number,
  catalog: Catalog,
  usage: { mentions: number },
  now: Date,
): BrandBilling {
  const plan = planOf(catalog, entitledPlan(sub, now));
  return {
    brandId: brand.id,
    brandName: brand.name,
    planId: sub.planId,
    state: sub.state,
    seats: sub.seats,
    mentionsThisPeriod: usage.mentions,
    monthlyMentions: plan.monthlyMentions,
    periodStart: sub.currentPeriodStart.toISOString(),
    periodEnd: sub.currentPeriodEnd.toISOString(),
    daysLeft: Math.max(0, Math.ceil((sub.currentPeriodEnd.getTime() - now.getTime()) / DAY_MS)),
    trialEndsAt: sub.trialEndsAt?.toISOString() ?? null,
    cancelAtPeriodEnd: sub.cancelAtPeriodEnd,
    scheduledPlanId: sub.scheduledPlanId,
    scheduledSeats: sub.scheduledSeats,
    graceEndsAt: sub.graceEndsAt?.toISOString() ?? null,
    trialAvailable: sub.planId === 'free' && !sub.trialUsed && sub.state !== 'past_due' && !compInForce(sub, now),
    paysWithStripe: Boolean((sub as Partial<SubscriptionRow>).stripeCustomerId),
    comp: compInForce(sub, now) ? { planId: sub.compPlanId!, endsAt: sub.compEndsAt!.toISOString() } : null,
    version,
  };
}

/** Every brand of the organization with its plan, meters and what it pays (owners and billing admins). */
export async function billingOverview(
  db: DbOrTx,
  organizationId: string,
  stripeEnabled: boolean,
  now = new Date(),
): Promise<BillingOverview> {
  const [catalog, org, brands, subs, mentions] = await Promise.all([
    catalogOf(db),
    db.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { currency: true } }),
    brandsOf(db, organizationId),
    subscriptionsOf(db, organizationId),
    mentionsIn(db, organizationId, periodOf(now).start),
  ]);
  const used = await seatsUsed(db, organizationId);
  const byBrand = new Map(subs.map((s) => [s.brandId, s]));
  let monthlyTotalCents = 0;
  const views = brands.map((brand) => {
    const row = byBrand.get(brand.id);
    const sub = row ?? freeSubscription(catalog, now);
    // Nothing is charged during a trial or a comp.
    if (sub.state !== 'trialing' && sub.state !== 'canceled' && !compInForce(sub, now)) {
      monthlyTotalCents += monthlyCents(planOf(catalog, sub.planId), sub.seats);
    }
    return brandView(brand, sub, row?.version ?? 0, catalog, { mentions: mentions.get(brand.id) ?? 0 }, now);
  });
  const seatsTotal = await organizationSeats(db, organizationId);
  return {
    currency: org.currency,
    plans: [...catalog.values()],
    brands: views,
    monthlyTotalCents,
    seatsUsed: used,
    seatsTotal,
    stripeEnabled,
  };
}

/** What each brand the member sees may use (every member: the web shows locked features from it). */
export async function entitlementsFor(
  db: DbOrTx,
  member: { organizationId: string; brandIds: string[] },
): Promise<BrandEntitlements[]> {
  const all = await organizationEntitlements(db, member.organizationId);
  return [...all.values()].filter((e) => member.brandIds.length === 0 || member.brandIds.includes(e.brandId));
}

async function loadBrandSubscription(db: DbOrTx, organizationId: string, brandId: string, catalog: Catalog, now: Date) {
  const brand = await db.brand.findFirst({ where: { id: brandId, organizationId }, select: { id: true, name: true } });
  if (!brand) throw notFound('Brand');
  const row = await subscriptionOf(db, organizationId, brandId);
  return { brand, sub: row ?? freeSubscription(catalog, now), version: row?.version ?? 0 };
}

/** The preview of a plan or seat change, with the amounts to the cent and a signed token to confirm it. */
export async function previewPlanChange(
  deps: Pick<BillingDeps, 'db' | 'secretKey'>,
  organizationId: string,
  input: z.output<typeof previewPlanChangeInput>,
  now = new Date(),
): Promise<PlanChangePreview> {
  const catalog = await catalogOf(deps.db);
  const { brand, sub, version } = await loadBrandSubscription(deps.db, organizationId, input.brandId, catalog, now);
  const org = await deps.db.organization.findUniqueOrThrow({
    where: { id: organizationId },
    select: { currency: true },
  });
  // The state machine refuses what cannot happen (cancelled, past due, same plan, bad seats) before any amount.
  transition(catalog, sub, { type: 'change_plan', planId: input.planId, seats: input.seats, at: now });
  const body = computePreview(catalog, brand, sub, input.planId, input.seats, now);
  const expiresAt = new Date(now.getTime() + BILLING_LIMITS.previewMinutes * 60_000);
  const previewToken = issuePreviewToken(deps.secretKey, {
    organizationId,
    brandId: brand.id,
    planId: input.planId,
    seats: input.seats,
    version,
    at: now.getTime(),
    expiresAt: expiresAt.getTime(),
    totalCents: body.totalCents,
  });
  return { ...body, currency: org.currency, previewToken, expiresAt: expiresAt.toISOString() };
}

function computePreview(
  catalog: Catalog,
  brand: { id: string; name: string },
  sub: SubscriptionSnapshot,
  planId: PlanChangePreview['toPlanId'],
  seats: number,
  at: Date,
): Omit<PlanChangePreview, 'currency' | 'previewToken' | 'expiresAt'> {
  const from = planOf(catalog, sub.planId);
  const to = planOf(catalog, planId);
  const immediate = isImmediate(catalog, sub, planId, seats);
  // Nothing was paid during a trial, and nothing is charged for one: a change then has no amounts.
  const { lines, totalCents } =
    immediate && sub.state !== 'trialing'
      ? prorate({
          from: { planName: from.name, monthlyCents: monthlyCents(from, sub.seats), seats: sub.seats },
          to: { planName: to.name, monthlyCents: monthlyCents(to, seats), seats },
          periodStart: sub.currentPeriodStart,
          periodEnd: sub.currentPeriodEnd,
          at,
        })
      : { lines: [], totalCents: 0 };
  const effectiveAt = immediate ? at : sub.currentPeriodEnd;
  const hidesHistory = to.retentionDays < from.retentionDays;
  return {
    brandId: brand.id,
    fromPlanId: sub.planId,
    toPlanId: planId,
    fromSeats: sub.seats,
    toSeats: seats,
    effective: immediate ? 'now' : 'period_end',
    effectiveAt: effectiveAt.toISOString(),
    lines,
    totalCents,
    lostFeatures: from.features.filter((f) => !to.features.includes(f)),
    retentionDaysAfter: to.retentionDays,
    hiddenHistoryBefore: hidesHistory
      ? new Date(effectiveAt.getTime() - to.retentionDays * DAY_MS).toISOString()
      : null,
  };
}

type Mutation = {
  procedure: string;
  brandId: string;
  idempotencyKey: string;
  expectedVersion: number;
};

/**
 * One billing change: idempotency key claimed, the subscription read at the version the caller saw (CONFLICT
 * otherwise), one event applied by the state machine, the row written only if still at that version, an audit
 * row with before and after — all in one transaction. After COMMIT, entitlements are dropped from this process's
 * cache and open browsers hear `plan.changed`.
 */
async function applyChange(
  deps: BillingDeps,
  actor: Actor & { organizationId: string },
  input: Mutation,
  decide: (args: {
    catalog: Catalog;
    sub: SubscriptionSnapshot;
    version: number;
    now: Date;
    brand: { id: string; name: string };
  }) => {
    event: SubscriptionEvent;
    extra?: Record<string, unknown>;
    /** Charged at once (an upgrade's proration): issued as an invoice in the same transaction. */
    invoiceLines?: InvoiceLine[];
  },
): Promise<BrandBilling> {
  const now = new Date();
  const catalog = await catalogOf(deps.db);
  const outcome = await deps.db.$transaction(async (tx) => {
    const prior = await claimIdempotencyKey(tx, actor.organizationId, input.idempotencyKey, input.procedure);
    if (prior) {
      const replay = prior.replay as { reusedFor?: string } & Partial<BrandBilling>;
      if (replay.reusedFor || (replay.brandId && replay.brandId !== input.brandId)) {
        throw new DomainError('VALIDATION', 'This idempotency key was used for another change');
      }
      if (!replay.brandId) throw new DomainError('CONFLICT', 'This change is still being applied: try again');
      return { view: replay as BrandBilling, changed: false, routingGained: false };
    }
    const { brand, sub, version } = await loadBrandSubscription(tx, actor.organizationId, input.brandId, catalog, now);
    if (version !== input.expectedVersion) {
      throw new DomainError('CONFLICT', 'This brand’s plan was changed meanwhile: review it and try again');
    }
    const { event, extra, invoiceLines } = decide({ catalog, sub, version, now, brand });
    const next = transition(catalog, sub, event);
    if (!(await saveSubscription(tx, actor.organizationId, brand.id, version, next))) {
      throw new DomainError('CONFLICT', 'This brand’s plan was changed meanwhile: review it and try again');
    }
    const before = planOf(catalog, entitledPlan(sub, now)).features;
    const after = planOf(catalog, entitledPlan(next, now)).features;
    const { routingGained } = await applyFeatureChange(tx, actor.organizationId, brand.id, before, after);
    const invoice = invoiceLines ? await issueInvoice(tx, actor.organizationId, 'change', invoiceLines, now) : null;
    await writeAudit(tx, actor, {
      action: input.procedure,
      targetType: 'subscription',
      targetId: brand.id,
      before: auditView(sub),
      after: {
        ...auditView(next),
        ...(extra ? (JSON.parse(JSON.stringify(extra)) as Record<string, string>) : {}),
        ...(invoice ? { invoiceNumber: invoice.number } : {}),
      },
    });
    const mentions = await mentionsIn(tx, actor.organizationId, periodOf(now).start);
    const view = brandView(brand, next, version + 1, catalog, { mentions: mentions.get(brand.id) ?? 0 }, now);
    await storeIdempotentAnswer(tx, actor.organizationId, input.idempotencyKey, view);
    return { view, changed: true, routingGained };
  });
  if (outcome.changed) {
    await announcePlanChange(deps, {
      organizationId: actor.organizationId,
      brandId: input.brandId,
      routingGained: outcome.routingGained,
      at: now,
    });
  }
  return outcome.view;
}

function auditView(sub: SubscriptionSnapshot) {
  return {
    planId: sub.planId,
    state: sub.state,
    seats: sub.seats,
    cancelAtPeriodEnd: sub.cancelAtPeriodEnd,
    scheduledPlanId: sub.scheduledPlanId,
    scheduledSeats: sub.scheduledSeats,
    trialEndsAt: sub.trialEndsAt?.toISOString() ?? null,
    graceEndsAt: sub.graceEndsAt?.toISOString() ?? null,
  };
}

/**
 * Confirms a previewed change. The brand is looked up first (another tenant's reads as missing), then the token is
 * checked (signature, organization, brand, expiry, version) and the amounts recomputed at the previewed instant.
 */
export function confirmPlanChange(
  deps: BillingDeps,
  actor: Actor & { organizationId: string },
  input: z.output<typeof confirmPlanChangeInput>,
) {
  return applyChange(deps, actor, { ...input, procedure: 'billing.confirmChange' }, ({ catalog, sub, now, brand }) => {
    const claims = readPreviewToken(deps.secretKey, input.previewToken, actor.organizationId, now);
    if (claims.brandId !== input.brandId) throw new DomainError('VALIDATION', 'This preview is for another brand');
    if (claims.version !== input.expectedVersion) {
      throw new DomainError('CONFLICT', 'This brand’s plan was changed after the preview: preview the change again');
    }
    const at = new Date(claims.at);
    const preview = computePreview(catalog, brand, sub, claims.planId, claims.seats, at);
    if (preview.totalCents !== claims.totalCents) {
      throw new DomainError('CONFLICT', 'The prices changed since the preview: preview the change again');
    }
    return {
      event: { type: 'change_plan', planId: claims.planId, seats: claims.seats, at },
      extra: { proration: preview.lines, totalCents: preview.totalCents, effective: preview.effective },
      ...(preview.effective === 'now' && preview.totalCents > 0
        ? { invoiceLines: prorationLines(brand, preview.lines) }
        : {}),
    };
  });
}

export function startTrial(
  deps: BillingDeps,
  actor: Actor & { organizationId: string },
  input: z.output<typeof startTrialInput>,
) {
  return applyChange(deps, actor, { ...input, procedure: 'billing.startTrial' }, ({ now }) => ({
    event: { type: 'start_trial', planId: input.planId, at: now },
  }));
}

export function cancelSubscription(
  deps: BillingDeps,
  actor: Actor & { organizationId: string },
  input: z.output<typeof cancelSubscriptionInput>,
) {
  return applyChange(deps, actor, { ...input, procedure: 'billing.cancel' }, ({ now }) => ({
    event: { type: 'cancel', at: now },
  }));
}

export function reactivateSubscription(
  deps: BillingDeps,
  actor: Actor & { organizationId: string },
  input: z.output<typeof reactivateSubscriptionInput>,
) {
  return applyChange(deps, actor, { ...input, procedure: 'billing.reactivate' }, ({ now }) => ({
    event: { type: 'reactivate', at: now },
  }));
}
