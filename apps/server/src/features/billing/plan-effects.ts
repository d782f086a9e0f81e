import type { Feature } from '@perch/shared';
import type { Db, Tx } from '../../db/database.ts';
import type { EventBus } from '../../live/event-bus.ts';
import type { Queue } from '../../queue/queue.ts';
import { requestRouting } from '../routing/routing-triggers.ts';
import { markBrandDirty } from '../sla/sla-clocks.repository.ts';
import { dropEntitlements } from './entitlements.ts';
import { requestHeldRelease } from './quota-release.ts';

/**
 * What a change of a brand's features does beyond the subscription, shared by every writer of a plan (billing
 * admins' changes, the operator's comps): in the change's transaction, SLA clocks start or stop with the plan (the
 * SLA worker recomputes the brand's open conversations); after COMMIT, this process forgets the organization's
 * entitlements, open browsers hear `plan.changed`, and a brand that gained automatic assignment has its waiting
 * conversations routed now rather than at the next mention.
 */
export async function applyFeatureChange(
  tx: Tx,
  organizationId: string,
  brandId: string,
  before: readonly Feature[],
  after: readonly Feature[],
): Promise<{ routingGained: boolean }> {
  if (before.includes('sla_policies') !== after.includes('sla_policies')) {
    await markBrandDirty(tx, organizationId, brandId);
  }
  return { routingGained: !before.includes('auto_assignment') && after.includes('auto_assignment') };
}

/** After COMMIT of a plan change (see applyFeatureChange). */
export async function announcePlanChange(
  deps: { db: Db; bus: EventBus; queue: Queue },
  change: { organizationId: string; brandId: string; routingGained: boolean; at: Date },
): Promise<void> {
  dropEntitlements(change.organizationId);
  await deps.bus.publish([
    {
      organizationId: change.organizationId,
      brandId: change.brandId,
      type: 'plan.changed',
      at: change.at.toISOString(),
    },
  ]);
  if (change.routingGained) await requestRouting(deps, change.organizationId, [change.brandId]);
  // Mentions held over a Free quota: the new plan may let them in (the job decides; the clock catches up too).
  await requestHeldRelease(deps, change.organizationId, change.brandId);
}
