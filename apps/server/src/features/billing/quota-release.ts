import type { Db, DbOrTx } from '../../db/database.ts';
import { groupBy } from '../../lib/group-by.ts';
import type { EventBus, LiveEvent } from '../../live/event-bus.ts';
import type { Logger } from '../../logger.ts';
import { QUEUES, type Queue } from '../../queue/queue.ts';
import { requestAutomation, type AutomationTarget } from '../automation/automation-triggers.ts';
import { lockBrandForIngest } from '../ingest/mention-batch.repository.ts';
import { storeMentionBatch, type Enrich, type LoadBrandTriage } from '../ingest/mention-batch.ts';
import { requestRoutingAfterIngest } from '../routing/routing-triggers.ts';
import { periodOf } from './billing-period.ts';
import { brandEntitlements, dropEntitlements } from './entitlements.ts';
import { brandHoldsOverQuota, reviveHeld } from './quota-hold.ts';
import { brandsWithHeldMentions, hasHeldMentions, mentionsUsed, takeHeldMentions } from './quota-hold.repository.ts';

/**
 * Releasing held mentions (docs/billing.md, "Quotas: hold and warnings"). A brand's held mentions reach the inbox,
 * oldest received first: all of them once its plan bills overage (an upgrade, a trial, a comp), or up to what is
 * left of the current period's quota on Free (a new month). Each batch is one transaction under the brand's ingest
 * lock: the held rows are taken out, stored by the ingest step (threaded, enriched, metered in the current period,
 * quota re-checked) and their live events published after COMMIT — so two processes releasing the same brand
 * store each post once. The billing clock calls it every minute; a plan change asks for it at once (a job).
 */

export interface ReleaseDeps {
  db: Db;
  enrich: Enrich;
  loadTriage?: LoadBrandTriage;
  bus?: EventBus;
  /** To ask for routing and automation on what was released, as a live delivery would. */
  queue?: Queue;
  log?: Logger;
}

export interface ReleaseJob {
  organizationId: string;
  brandId: string;
}

/** Held mentions released per transaction. */
export const RELEASE_BATCH = 500;
/** Batches per brand in one clock tick (the next tick goes on); a release job runs to the end. */
const CLOCK_BATCHES = 20;
const BATCH_TX = { maxWait: 30_000, timeout: 120_000 } as const;

/** How many held posts the brand's plan lets in now, at most a batch (0: none, or not the organization's brand). */
async function releasable(db: DbOrTx, target: ReleaseJob, now: Date): Promise<number> {
  const entitlements = await brandEntitlements(db, target.organizationId, target.brandId);
  if (!entitlements) return 0;
  if (!(await brandHoldsOverQuota(db, entitlements))) return RELEASE_BATCH;
  const used = await mentionsUsed(db, target.organizationId, target.brandId, periodOf(now).start);
  return Math.max(0, Math.min(RELEASE_BATCH, entitlements.monthlyMentions - used));
}

/**
 * Releases what the brand's plan now allows, in batches; returns how many posts left the hold (stored, or found
 * already stored). After a plan change (`fresh`), entitlements are read afresh: a change made by another process
 * must not wait for this one's cache; the clock makes do with the cache (its next tick catches up).
 */
export async function releaseHeldMentions(
  deps: ReleaseDeps,
  target: ReleaseJob,
  options: { now?: () => Date; maxBatches?: number; fresh?: boolean } = {},
): Promise<number> {
  const { organizationId, brandId } = target;
  const clock = options.now ?? (() => new Date());
  if (options.fresh) dropEntitlements(organizationId);
  let released = 0;
  for (let batch = 0; batch < (options.maxBatches ?? Infinity); batch++) {
    const now = clock();
    // A Free brand whose month's quota is used (the common case for the clock) costs no transaction nor lock.
    if ((await releasable(deps.db, target, now)) === 0) break;
    const outcome = await deps.db.$transaction(async (tx) => {
      await lockBrandForIngest(tx, brandId);
      const limit = await releasable(tx, target, now);
      if (limit === 0) return null;
      const taken = await takeHeldMentions(tx, organizationId, brandId, limit);
      if (taken.length === 0) return null;
      const live: LiveEvent[] = [];
      const created: AutomationTarget[] = [];
      const received: AutomationTarget[] = [];
      let held = 0;
      for (const [channelId, rows] of groupBy(taken, (r) => r.channelId)) {
        const scope = { organizationId, brandId, channelId, network: rows[0]!.network };
        const result = await storeMentionBatch(
          tx,
          deps,
          scope,
          rows.map((r) => reviveHeld(r.payload)),
          [],
          undefined,
          { releasedAt: now },
        );
        held += result.held;
        live.push(...result.live);
        const touched = new Set(result.received.map((r) => r.conversationId));
        for (const conversationId of result.createdConversationIds) {
          if (touched.has(conversationId)) created.push({ organizationId, brandId, conversationId });
        }
        for (const r of result.received) {
          received.push({ organizationId, brandId, conversationId: r.conversationId, mentionId: r.mentionId });
        }
      }
      live.push({ organizationId, brandId, type: 'quota.changed', at: now.toISOString() });
      // A post held again (the quota moved under us: not expected under the lock) stays held: stop there.
      return { live, created, received, taken: taken.length, more: taken.length === limit && held === 0 };
    }, BATCH_TX);
    if (!outcome) break;
    released += outcome.taken;
    await announce(deps, outcome);
    if (!outcome.more) break;
  }
  if (released > 0) deps.log?.info({ organizationId, brandId, released }, 'quota: held mentions released');
  return released;
}

/** After COMMIT: what ingest does after a batch (live events, routing, automation), best effort. */
async function announce(
  deps: ReleaseDeps,
  outcome: { live: LiveEvent[]; created: AutomationTarget[]; received: AutomationTarget[] },
) {
  try {
    if (deps.bus && outcome.live.length > 0) await deps.bus.publish(outcome.live);
  } catch (error) {
    deps.log?.warn({ err: error }, 'quota: live events of a release were not published');
  }
  if (!deps.queue) return;
  const triggers = { db: deps.db, queue: deps.queue, ...(deps.log ? { log: deps.log } : {}) };
  await requestRoutingAfterIngest(triggers, outcome.live);
  await requestAutomation(triggers, 'conversation_created', outcome.created);
  await requestAutomation(triggers, 'mention_received', outcome.received);
}

/** The billing clock's step: every brand with held mentions gets what its plan allows now. */
export async function releaseDueHeldMentions(deps: ReleaseDeps, now: () => Date = () => new Date()) {
  let released = 0;
  for (const target of await brandsWithHeldMentions(deps.db)) {
    try {
      released += await releaseHeldMentions(deps, target, { now, maxBatches: CLOCK_BATCHES });
    } catch (error) {
      deps.log?.warn({ err: error, ...target }, 'quota: release failed');
    }
  }
  return released;
}

/**
 * After a plan change committed: asks for a release of the brand's held mentions now rather than at the clock's
 * next tick (the job decides what the new plan allows). Best effort: the clock catches up on any failure.
 */
export async function requestHeldRelease(
  deps: { db: DbOrTx; queue: Queue; log?: Logger },
  organizationId: string,
  brandId: string,
): Promise<void> {
  try {
    if (!(await hasHeldMentions(deps.db, organizationId, brandId))) return;
    await deps.queue.enqueue(QUEUES.releaseHeld.name, { organizationId, brandId } satisfies ReleaseJob, {
      singletonKey: `release-held:${brandId}`,
    });
    deps.queue.wake(QUEUES.releaseHeld.name);
  } catch (error) {
    deps.log?.warn({ err: error, organizationId, brandId }, 'quota: release request failed');
  }
}

/** Consumes release requests (in every worker process, beside the ingest worker). */
export async function startHeldReleaseWorker(deps: ReleaseDeps & { queue: Queue }) {
  await deps.queue.work<ReleaseJob>(QUEUES.releaseHeld.name, async (job) => {
    const target = { organizationId: job.data.organizationId, brandId: job.data.brandId };
    await releaseHeldMentions(deps, target, { fresh: true });
  });
}
