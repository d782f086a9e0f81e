import type { Db } from '../../db/database.ts';
import type { EventBus } from '../../live/event-bus.ts';
import type { Logger } from '../../logger.ts';
import { QUEUES, type Queue } from '../../queue/queue.ts';
import { assignWaiting } from './assign-waiting.ts';
import type { RoutingJob } from './routing-triggers.ts';

/** Runs `assignWaiting` for each `routing.assign` job; a thrown error leaves the job to pg-boss (retried). */
export async function startRoutingWorker(db: Db, queue: Queue, bus: EventBus, log: Logger) {
  await queue.work<RoutingJob>(QUEUES.routing.name, async (job) => {
    const assigned = await assignWaiting({ db, bus }, job.data.organizationId, job.data.brandId);
    log.debug({ jobId: job.id, brandId: job.data.brandId, assigned }, 'routing: run');
  });
}
