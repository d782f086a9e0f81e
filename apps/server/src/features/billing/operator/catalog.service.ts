import type { z } from 'zod';
import { FEATURES, PLAN_IDS, type CatalogPlan, type Feature, type PlanId, type updatePlanInput } from '@perch/shared';
import type { Db, DbOrTx, Tx } from '../../../db/database.ts';
import { DomainError, notFound } from '../../../lib/errors.ts';
import type { EventBus } from '../../../live/event-bus.ts';
import type { Queue } from '../../../queue/queue.ts';
import { writeAudit } from '../../audit/audit.repository.ts';
import { requestRouting } from '../../routing/routing-triggers.ts';
import { dropEntitlements } from '../entitlements.ts';
import { applyFeatureChange } from '../plan-effects.ts';
import { PLAN_SELECT } from '../plans.repository.ts';
import { entitledPlan } from '../subscription-machine.ts';

/**
 * The plan catalog as the operator edits it (docs/billing.md, "Operator"). An edit names the version it saw (the
 * plan's `updatedAt`): another edit in between answers CONFLICT. It is audited as a platform action (no
 * organization) with the figures before and after, in its transaction. The catalog is read afresh by every process
 * within ENTITLEMENTS_TTL_MS; this one forgets its cache at once. Issued invoices keep their amounts: prices apply to
 * the invoices issued from then on.
 */
const planSelect = { ...PLAN_SELECT, updatedAt: true } as const;

type PlanRow = { id: string; features: string[]; updatedAt: Date } & Omit<CatalogPlan, 'id' | 'features' | 'updatedAt'>;

const knownPlans = new Set<string>(PLAN_IDS);
const knownFeatures = new Set<string>(FEATURES);

function toCatalogPlan(row: PlanRow): CatalogPlan {
  return {
    ...row,
    id: row.id as PlanId,
    features: row.features.filter((f): f is Feature => knownFeatures.has(f)),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The catalog, cheapest first, read from the table (never from a cache: the operator edits what is stored). */
export async function catalogPlans(db: DbOrTx): Promise<CatalogPlan[]> {
  const rows = await db.plan.findMany({ select: planSelect, orderBy: [{ priceCents: 'asc' }, { id: 'asc' }] });
  return rows.filter((r) => knownPlans.has(r.id)).map(toCatalogPlan);
}

const figures = (plan: CatalogPlan) => {
  const { updatedAt: _version, name: _name, id: _id, ...rest } = plan;
  return rest;
};

export async function updatePlan(
  deps: { db: Db; bus: EventBus; queue: Queue },
  operator: { userId: string; ip: string | null },
  input: z.output<typeof updatePlanInput>,
): Promise<CatalogPlan> {
  const now = new Date();
  const { planId, expectedUpdatedAt, ...data } = input;
  const outcome = await deps.db.$transaction(async (tx) => {
    const row = await tx.plan.findUnique({ where: { id: planId }, select: planSelect });
    if (!row) throw notFound('Plan');
    const before = toCatalogPlan(row);
    const stale = () => new DomainError('CONFLICT', `${before.name} was edited meanwhile: review it and try again`);
    if (row.updatedAt.getTime() !== Date.parse(expectedUpdatedAt)) throw stale();
    // The version always moves forward, even for two edits within one millisecond.
    const updatedAt = new Date(Math.max(now.getTime(), row.updatedAt.getTime() + 1));
    const written = await tx.plan.updateMany({
      where: { id: planId, updatedAt: row.updatedAt },
      data: { ...data, updatedAt },
    });
    if (written.count !== 1) throw stale();
    const after = toCatalogPlan(await tx.plan.findUniqueOrThrow({ where: { id: planId }, select: planSelect }));
    await writeAudit(
      tx,
      { userId: operator.userId, organizationId: null, ip: operator.ip },
      {
        action: 'operator.updatePlan',
        targetType: 'plan',
        targetId: planId,
        before: figures(before),
        after: figures(after),
      },
    );
    const brands = await brandsOnPlan(tx, planId, now);
    const routing = await applyToBrands(tx, brands, before.features, after.features);
    return { after, brands, routing };
  });
  // Every organization's entitlements may have changed: this process forgets them all, and the catalog.
  dropEntitlements();
  await deps.bus.publish(outcome.brands.map((b) => ({ ...b, type: 'plan.changed' as const, at: now.toISOString() })));
  for (const [organizationId, brandIds] of outcome.routing) {
    await requestRouting(deps, organizationId, brandIds);
  }
  return outcome.after;
}

/** The brands whose plan is `planId` at `now`: their own, or the operator's comp. */
async function brandsOnPlan(tx: Tx, planId: PlanId, now: Date) {
  const subs = await tx.subscription.findMany({
    where: {
      OR: [{ planId }, { compPlanId: planId }, ...(planId === 'free' ? [{ state: 'canceled' as const }] : [])],
    },
    select: { organizationId: true, brandId: true, planId: true, state: true, compPlanId: true, compEndsAt: true },
  });
  const brands = subs
    .filter(
      (s) => entitledPlan({ ...s, planId: s.planId as PlanId, compPlanId: s.compPlanId as PlanId }, now) === planId,
    )
    .map((s) => ({ organizationId: s.organizationId, brandId: s.brandId }));
  if (planId === 'free') {
    // A brand that never subscribed is on Free.
    const never = await tx.brand.findMany({
      where: { subscriptions: { none: {} } },
      select: { id: true, organizationId: true },
    });
    brands.push(...never.map((b) => ({ organizationId: b.organizationId, brandId: b.id })));
  }
  return brands;
}

/** SLA clocks of the plan's brands follow a change of its features; brands that gained routing are routed. */
async function applyToBrands(
  tx: Tx,
  brands: { organizationId: string; brandId: string }[],
  before: readonly Feature[],
  after: readonly Feature[],
) {
  const routing = new Map<string, string[]>();
  const changed = before.length !== after.length || before.some((f) => !after.includes(f));
  if (!changed) return routing;
  for (const { organizationId, brandId } of brands) {
    const { routingGained } = await applyFeatureChange(tx, organizationId, brandId, before, after);
    if (routingGained) routing.set(organizationId, [...(routing.get(organizationId) ?? []), brandId]);
  }
  return routing;
}
