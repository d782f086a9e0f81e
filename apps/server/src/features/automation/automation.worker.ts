import { z } from 'zod';
import { AUTOMATION_TRIGGERS } from '@perch/shared';
import type { Db } from '../../db/database.ts';
import type { EventBus } from '../../live/event-bus.ts';
import type { Logger } from '../../logger.ts';
import { QUEUES, type Queue } from '../../queue/queue.ts';
import { runAutomation } from './automation-engine.ts';
import { AUTOMATION_JOB_TARGETS, type AutomationJob } from './automation-triggers.ts';

const uuid = z.uuid();
const jobSchema = z.object({
  organizationId: uuid,
  trigger: z.enum(AUTOMATION_TRIGGERS),
  targets: z
    .array(z.object({ brandId: uuid, conversationId: uuid, mentionId: uuid.optional() }))
    .max(AUTOMATION_JOB_TARGETS),
});

/**
 * Runs each `automation.run` job, one transaction per conversation. A conversation whose run failed is retried
 * without re-running the others (they committed; running them twice would write their notes twice): when some
 * failed, those go to a new job; when all failed, nothing was written and the job itself is retried by pg-boss.
 */
export async function startAutomationWorker(db: Db, queue: Queue, bus: EventBus, log: Logger) {
  await queue.work<AutomationJob>(QUEUES.automation.name, async (job) => {
    const parsed = jobSchema.safeParse(job.data);
    if (!parsed.success) {
      log.warn({ jobId: job.id, issues: parsed.error.issues.slice(0, 3) }, 'automation: malformed job dropped');
      return;
    }
    const { organizationId, trigger, targets } = parsed.data;
    const failed: typeof targets = [];
    let matched = 0;
    for (const target of targets) {
      try {
        matched += (await runAutomation({ db, bus, queue, log }, organizationId, trigger, target)).length;
      } catch (error) {
        log.warn({ err: error, jobId: job.id, conversationId: target.conversationId }, 'automation: run failed');
        failed.push(target);
      }
    }
    if (failed.length === targets.length && failed.length > 0)
      throw new Error('automation: every run of the job failed');
    if (failed.length > 0) {
      await queue.enqueue(QUEUES.automation.name, { organizationId, trigger, targets: failed } satisfies AutomationJob);
    }
    log.debug({ jobId: job.id, trigger, targets: targets.length, matched }, 'automation: ran');
  });
}
