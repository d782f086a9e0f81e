import { FEATURES, type BrandEntitlements, type Feature, type PlanView } from '@perch/shared';
import type { DbOrTx } from '../../db/database.ts';
import { DomainError } from '../../lib/errors.ts';
import { loadCatalog } from './plans.repository.ts';
import {
  compInForce,
  entitledPlan,
  freeSubscription,
  ownPlan,
  type Catalog,
  type SubscriptionSnapshot,
} from './subscription-machine.ts';
import { subscriptionsOf } from './subscriptions.repository.ts';

/**
 * The one entitlement check (docs/billing.md): gated procedures (through the gate middleware), workers
 * (auto-assignment, triage, rules, automation, SLA clocks) and the web (locked features) all read a brand's
 * features from here. Answers are cached per organization for at most ENTITLEMENTS_TTL_MS; a change made by this
 * process drops its organization's entry at once, other processes see it within the TTL.
 *
 * Only answers are shared, never a read in flight: each caller reads through its own handle. On the embedded
 * database (one connection) a transaction that waited for a read queued behind itself would wait forever.
 */
export const ENTITLEMENTS_TTL_MS = 3_000;

let catalogCache: { at: number; catalog: Catalog } | null = null;
/** `until`: the answer's expiry — the TTL, or sooner when a comp ends (its brand's plan changes at that instant). */
const cache = new Map<string, { until: number; brands: Map<string, BrandEntitlements> }>();
/** Bumped by each drop: a read that started before a drop does not store its (maybe stale) answer. */
const generations = new Map<string, number>();

export async function catalogOf(db: DbOrTx): Promise<Catalog> {
  if (catalogCache && Date.now() - catalogCache.at <= ENTITLEMENTS_TTL_MS) return catalogCache.catalog;
  const at = Date.now();
  const catalog = await loadCatalog(db);
  catalogCache = { at, catalog };
  return catalog;
}

/** Forget what this process cached for `organizationId` (after a plan change), or everything (catalog edits). */
export function dropEntitlements(organizationId?: string) {
  if (organizationId) {
    cache.delete(organizationId);
    generations.set(organizationId, (generations.get(organizationId) ?? 0) + 1);
  } else {
    cache.clear();
    catalogCache = null;
  }
}

/**
 * What a brand may use at `now`. Seats: the subscription's own (at least the plan's included seats, which the
 * operator may have raised since); under a comp, the comp plan's included seats or the brand's own if more.
 */
export function entitlementsFromSubscription(
  catalog: Catalog,
  brandId: string,
  sub: SubscriptionSnapshot,
  now: Date,
): BrandEntitlements {
  const plan = catalog.get(entitledPlan(sub, now)) ?? catalog.get('free')!;
  const ownSeats = ownPlan(sub) === sub.planId ? sub.seats : 0;
  const seats = compInForce(sub, now)
    ? Math.max(plan.includedSeats, ownSeats)
    : plan.id === sub.planId
      ? Math.max(sub.seats, plan.includedSeats)
      : plan.includedSeats;
  const unlockedBy: BrandEntitlements['unlockedBy'] = {};
  for (const feature of FEATURES) {
    const cheapest = plan.features.includes(feature) ? null : cheapestPlanWith(catalog, feature);
    if (cheapest) unlockedBy[feature] = cheapest.id;
  }
  return {
    brandId,
    planId: plan.id,
    state: sub.state,
    features: plan.features,
    seats,
    monthlyMentions: plan.monthlyMentions,
    retentionDays: plan.retentionDays,
    unlockedBy,
  };
}

async function loadOrganization(db: DbOrTx, organizationId: string) {
  const started = Date.now();
  const [catalog, brands, subs] = await Promise.all([
    catalogOf(db),
    db.brand.findMany({ where: { organizationId }, select: { id: true } }),
    subscriptionsOf(db, organizationId),
  ]);
  const byBrand = new Map(subs.map((s) => [s.brandId, s]));
  const now = new Date();
  let until = started + ENTITLEMENTS_TTL_MS;
  for (const sub of subs) {
    if (compInForce(sub, now)) until = Math.min(until, sub.compEndsAt!.getTime());
  }
  const entitlements = new Map(
    brands.map((b) => [
      b.id,
      entitlementsFromSubscription(catalog, b.id, byBrand.get(b.id) ?? freeSubscription(catalog, now), now),
    ]),
  );
  return { brands: entitlements, until };
}

/** Every brand of the organization with what it may use now. */
export async function organizationEntitlements(
  db: DbOrTx,
  organizationId: string,
): Promise<Map<string, BrandEntitlements>> {
  const hit = cache.get(organizationId);
  if (hit && Date.now() < hit.until) return hit.brands;
  // A change dropped during the read may not be in what we read: then the answer is used once, not stored.
  const generation = generations.get(organizationId) ?? 0;
  const answer = await loadOrganization(db, organizationId);
  if ((generations.get(organizationId) ?? 0) === generation) cache.set(organizationId, answer);
  return answer.brands;
}

/** A brand's entitlements; null when the brand is not the organization's (the caller answers NOT_FOUND). */
export async function brandEntitlements(db: DbOrTx, organizationId: string, brandId: string) {
  return (await organizationEntitlements(db, organizationId)).get(brandId) ?? null;
}

export async function brandHasFeature(db: DbOrTx, organizationId: string, brandId: string, feature: Feature) {
  return (await brandEntitlements(db, organizationId, brandId))?.features.includes(feature) ?? false;
}

/** The cheapest plan of the catalog that includes `feature` (null if none does). */
export function cheapestPlanWith(catalog: Catalog, feature: Feature): PlanView | null {
  return (
    [...catalog.values()].sort((a, b) => a.priceCents - b.priceCents).find((p) => p.features.includes(feature)) ?? null
  );
}

/**
 * PAYMENT_REQUIRED unless the brand's plan includes `feature`; the error names the feature and the cheapest plan
 * that unlocks it, so the web can offer the upgrade. A brand of another organization passes here untouched: the
 * service's own lookup answers NOT_FOUND, so a gate never tells one tenant about another's brands.
 */
export async function requireFeature(db: DbOrTx, organizationId: string, brandId: string, feature: Feature) {
  const entitlements = await brandEntitlements(db, organizationId, brandId);
  if (!entitlements || entitlements.features.includes(feature)) return;
  const plan = cheapestPlanWith(await catalogOf(db), feature);
  throw new DomainError('PAYMENT_REQUIRED', `${FEATURE_NAMES[feature]} needs the ${plan?.name ?? 'a higher'} plan`, {
    feature,
    brandId,
    planId: plan?.id ?? null,
  });
}

export const FEATURE_NAMES: Record<Feature, string> = {
  auto_assignment: 'Automatic assignment',
  sla_policies: 'SLA policies',
  approvals: 'Reply approvals',
  advanced_analytics: 'Advanced analytics',
  automation_rules: 'Automation rules',
  triage: 'Sentiment and priority triage',
  vip_keyword_rules: 'VIP and keyword rules',
  api_access: 'API access',
  audit_export: 'Audit-log export',
};

/**
 * The brands a multi-brand read of `feature` may cover. Brands the caller listed must each include the feature
 * (PAYMENT_REQUIRED names the first that does not); without a list, the read covers the brands that include it and
 * leaves the others out — PAYMENT_REQUIRED only when none does.
 */
export async function brandsEntitledTo(
  db: DbOrTx,
  organizationId: string,
  brandIds: readonly string[],
  feature: Feature,
  listed: boolean,
): Promise<string[]> {
  if (listed) {
    for (const brandId of brandIds) await requireFeature(db, organizationId, brandId, feature);
    return [...brandIds];
  }
  const all = await organizationEntitlements(db, organizationId);
  const entitled = brandIds.filter((id) => all.get(id)?.features.includes(feature) ?? false);
  if (entitled.length === 0 && brandIds[0]) await requireFeature(db, organizationId, brandIds[0], feature);
  return entitled;
}

/** The organization's seats: each brand's plan brings its seats (Free brings its included seats). */
export async function organizationSeats(db: DbOrTx, organizationId: string): Promise<number> {
  let total = 0;
  for (const e of (await organizationEntitlements(db, organizationId)).values()) total += e.seats;
  return total;
}
