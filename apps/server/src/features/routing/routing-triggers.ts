import type { ConversationStatus } from '@perch/shared';
import type { DbOrTx } from '../../db/database.ts';
import type { LiveEvent } from '../../live/event-bus.ts';
import type { Logger } from '../../logger.ts';
import { QUEUES, type Queue } from '../../queue/queue.ts';
import { autoRoutedBrands } from './routing.repository.ts';

export interface RoutingJob {
  organizationId: string;
  brandId: string;
}

/**
 * Asks for a routing run of these brands (null: every brand; those in manual mode are skipped). Call it AFTER the change commits:
 * one `routing.assign` job per brand, coalesced (a run already waiting for the brand absorbs this request).
 * Best effort: the change that asked has committed, so a failure here is logged, never thrown.
 */
export async function requestRouting(
  deps: { db: DbOrTx; queue: Queue; log?: Logger },
  organizationId: string,
  brandIds: readonly string[] | null,
): Promise<void> {
  try {
    if (brandIds?.length === 0) return;
    const brands = await autoRoutedBrands(deps.db, organizationId, brandIds && [...new Set(brandIds)]);
    for (const brand of brands) {
      await deps.queue.enqueue(QUEUES.routing.name, { organizationId, brandId: brand.id } satisfies RoutingJob, {
        singletonKey: `routing:${brand.id}`,
      });
    }
    if (brands.length > 0) deps.queue.wake(QUEUES.routing.name);
  } catch (error) {
    deps.log?.warn({ err: error, organizationId }, 'routing: request failed');
  }
}

type Holding = { assigneeUserId: string | null; status: ConversationStatus };

/** Whether a change gave an agent capacity back: their conversation resolved, or taken off them. */
export const freesCapacity = (before: Holding, after: Holding) =>
  before.assigneeUserId !== null &&
  before.status !== 'resolved' &&
  (after.assigneeUserId !== before.assigneeUserId || after.status === 'resolved');

/** Requests routing for each brand where ingest created or changed conversations (a batch's live events). */
export async function requestRoutingAfterIngest(deps: { db: DbOrTx; queue: Queue; log?: Logger }, live: LiveEvent[]) {
  const byOrg = new Map<string, Set<string>>();
  for (const e of live) {
    const kinds = ['conversation.created', 'conversation.updated', 'inbox.bulk_changed'];
    if (!e.brandId || !kinds.includes(e.type)) continue;
    byOrg.set(e.organizationId, (byOrg.get(e.organizationId) ?? new Set()).add(e.brandId));
  }
  for (const [organizationId, brandIds] of byOrg) await requestRouting(deps, organizationId, [...brandIds]);
}
