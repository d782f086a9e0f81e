import type { z } from 'zod';
import type { CompView, compPlanInput, endCompInput } from '@perch/shared';
import type { Db } from '../../../db/database.ts';
import { DomainError, notFound } from '../../../lib/errors.ts';
import type { EventBus } from '../../../live/event-bus.ts';
import type { Queue } from '../../../queue/queue.ts';
import { writeAudit } from '../../audit/audit.repository.ts';
import { catalogOf } from '../entitlements.ts';
import { announcePlanChange, applyFeatureChange } from '../plan-effects.ts';
import {
  compInForce,
  entitledPlan,
  freeSubscription,
  ownPlan,
  planOf,
  transition,
  type SubscriptionEvent,
  type SubscriptionSnapshot,
} from '../subscription-machine.ts';
import { saveSubscription, subscriptionOf } from '../subscriptions.repository.ts';

/**
 * Comps (docs/billing.md, "Operator"): the platform operator grants a brand a paid plan free of charge until a
 * date. The brand has the comp plan's features, quota, retention and seats from the commit until `endsAt` (the
 * entitlement check reads the instant, the billing clock then closes it), and is charged nothing for the time it
 * covers. Its own subscription is kept as it was and applies again when the comp ends. Each grant or end is
 * audited in the organization's log, by the operator, with the subscription before and after.
 */
export interface OperatorDeps {
  db: Db;
  bus: EventBus;
  queue: Queue;
}
export interface OperatorActor {
  userId: string;
  ip: string | null;
}

export interface CompResult {
  organizationId: string;
  brandId: string;
  comp: CompView | null;
}

export function compPlan(deps: OperatorDeps, operator: OperatorActor, input: z.output<typeof compPlanInput>) {
  return changeComp(deps, operator, input.brandId, 'operator.compPlan', input.note, (sub, paysWithStripe, now) => {
    // Perch cannot stop Stripe from charging: a brand paying through it cancels there first.
    if (paysWithStripe && ownPlan(sub) !== 'free') {
      throw new DomainError('VALIDATION', 'This brand pays through Stripe: cancel its Stripe subscription first');
    }
    return { type: 'grant_comp', planId: input.planId, endsAt: new Date(input.endsAt), at: now };
  });
}

export function endComp(deps: OperatorDeps, operator: OperatorActor, input: z.output<typeof endCompInput>) {
  return changeComp(deps, operator, input.brandId, 'operator.endComp', undefined, (_sub, _stripe, now) => ({
    type: 'end_comp',
    at: now,
  }));
}

async function changeComp(
  deps: OperatorDeps,
  operator: OperatorActor,
  brandId: string,
  action: 'operator.compPlan' | 'operator.endComp',
  note: string | undefined,
  decide: (sub: SubscriptionSnapshot, paysWithStripe: boolean, now: Date) => SubscriptionEvent,
): Promise<CompResult> {
  const now = new Date();
  const catalog = await catalogOf(deps.db);
  const outcome = await deps.db.$transaction(async (tx) => {
    const brand = await tx.brand.findUnique({ where: { id: brandId }, select: { id: true, organizationId: true } });
    if (!brand) throw notFound('Brand');
    const { organizationId } = brand;
    const row = await subscriptionOf(tx, organizationId, brand.id);
    const sub = row ?? freeSubscription(catalog, now);
    const next = transition(catalog, sub, decide(sub, Boolean(row?.stripeCustomerId), now));
    if (!(await saveSubscription(tx, organizationId, brand.id, row?.version ?? 0, next))) {
      throw new DomainError('CONFLICT', 'This brand’s plan was changed meanwhile: try again');
    }
    const noteAfter = note ?? row?.compNote ?? null;
    if (note !== undefined) {
      await tx.subscription.updateMany({ where: { organizationId, brandId: brand.id }, data: { compNote: note } });
    }
    const { routingGained } = await applyFeatureChange(
      tx,
      organizationId,
      brand.id,
      planOf(catalog, entitledPlan(sub, now)).features,
      planOf(catalog, entitledPlan(next, now)).features,
    );
    await writeAudit(
      tx,
      { userId: operator.userId, organizationId, ip: operator.ip },
      {
        action,
        targetType: 'subscription',
        targetId: brand.id,
        before: compAudit(sub, row?.compNote ?? null, now),
        after: compAudit(next, noteAfter, now),
      },
    );
    return { organizationId, routingGained, comp: compView(next, noteAfter, now) };
  });
  await announcePlanChange(deps, {
    organizationId: outcome.organizationId,
    brandId,
    routingGained: outcome.routingGained,
    at: now,
  });
  return { organizationId: outcome.organizationId, brandId, comp: outcome.comp };
}

export function compView(sub: SubscriptionSnapshot, note: string | null, now: Date): CompView | null {
  return compInForce(sub, now) ? { planId: sub.compPlanId!, endsAt: sub.compEndsAt!.toISOString(), note } : null;
}

function compAudit(sub: SubscriptionSnapshot, note: string | null, now: Date) {
  return {
    planId: sub.planId,
    state: sub.state,
    entitledPlanId: entitledPlan(sub, now),
    compPlanId: sub.compPlanId,
    compEndsAt: sub.compEndsAt?.toISOString() ?? null,
    compNote: note,
  };
}
