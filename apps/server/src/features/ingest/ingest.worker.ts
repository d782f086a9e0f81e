import type { Db } from '../../db/database.ts';
import type { EventBus } from '../../live/event-bus.ts';
import type { Logger } from '../../logger.ts';
import { QUEUES, type Queue } from '../../queue/queue.ts';
import { requestAutomation } from '../automation/automation-triggers.ts';
import { requestRoutingAfterIngest } from '../routing/routing-triggers.ts';
import type { IngestJob } from './ingest.service.ts';
import { warmLanguageDetector } from '../enrichment/language.ts';
import { processInboundEvents, type PipelineDeps } from './pipeline.ts';

/** Jobs queued before group commit carried one id. */
type StoredIngestJob = IngestJob | { inboundEventId: string };

/**
 * Consumes ingest jobs and publishes what changed on the event bus once committed. A thrown error leaves the job
 * to pg-boss: retried with back-off, then dead-lettered.
 */
export async function startIngestWorker(db: Db, queue: Queue, deps: PipelineDeps & { bus?: EventBus }, log: Logger) {
  // Its n-gram database takes about a second to build: at start, not in the first job.
  warmLanguageDetector();
  await queue.work<StoredIngestJob>(QUEUES.ingest.name, async (job) => {
    const ids = 'inboundEventIds' in job.data ? job.data.inboundEventIds : [job.data.inboundEventId];
    const { live, automation, ...result } = await processInboundEvents(db, deps, ids);
    if (deps.bus && live.length > 0) await deps.bus.publish(live);
    // Automatic assignment (features/routing): new and reopened conversations go to the brands' online agents.
    await requestRoutingAfterIngest({ db, queue, log }, live);
    // Automation rules (features/automation): a new conversation's rules first, then one run per received post.
    await requestAutomation({ db, queue, log }, 'conversation_created', automation.created);
    await requestAutomation({ db, queue, log }, 'mention_received', automation.received);
    log.debug({ jobId: job.id, events: ids.length, ...result }, 'ingest: processed');
  });
}
