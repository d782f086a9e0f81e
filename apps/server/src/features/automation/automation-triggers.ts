import type { AutomationTrigger } from '@perch/shared';
import type { DbOrTx } from '../../db/database.ts';
import { groupBy } from '../../lib/group-by.ts';
import type { Logger } from '../../logger.ts';
import { QUEUES, type Queue } from '../../queue/queue.ts';
import { brandsWithRules } from './automation.repository.ts';

/** One conversation an automation trigger happened to (and the mention, for mention_received). */
export interface AutomationTarget {
  organizationId: string;
  brandId: string;
  conversationId: string;
  mentionId?: string;
}

/** At most this many conversations per `automation.run` job (a 5,000-post batch becomes a few jobs). */
export const AUTOMATION_JOB_TARGETS = 500;

/** The `automation.run` job: one organization, one trigger, its conversations in order. */
export interface AutomationJob {
  organizationId: string;
  trigger: AutomationTrigger;
  targets: { brandId: string; conversationId: string; mentionId?: string }[];
}

/**
 * Asks for the brand's rules of `trigger` to run on these conversations. Call it AFTER the change commits; best
 * effort (logged, never thrown). Changes made by rules never call this, so rules cannot trigger each other.
 * Enqueues nothing unless a target's brand has an enabled rule for the trigger (one indexed query per
 * organization), so ingest pays almost nothing for brands without rules.
 */
export async function requestAutomation(
  deps: { db: DbOrTx; queue: Queue; log?: Logger },
  trigger: AutomationTrigger,
  targets: readonly AutomationTarget[],
): Promise<void> {
  for (const [organizationId, own] of groupBy(targets, (t) => t.organizationId)) {
    try {
      const brands = await brandsWithRules(deps.db, organizationId, [...new Set(own.map((t) => t.brandId))], trigger);
      const wanted = own
        .filter((t) => brands.has(t.brandId))
        .map((t) => ({
          brandId: t.brandId,
          conversationId: t.conversationId,
          ...(t.mentionId ? { mentionId: t.mentionId } : {}),
        }));
      for (let i = 0; i < wanted.length; i += AUTOMATION_JOB_TARGETS) {
        const job: AutomationJob = { organizationId, trigger, targets: wanted.slice(i, i + AUTOMATION_JOB_TARGETS) };
        await deps.queue.enqueue(QUEUES.automation.name, job);
      }
      if (wanted.length > 0) deps.queue.wake(QUEUES.automation.name);
    } catch (error) {
      deps.log?.warn({ err: error, organizationId, trigger }, 'automation: request failed');
    }
  }
}
