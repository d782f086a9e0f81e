import type { Db } from '../../db/database.ts';
import type { Logger } from '../../logger.ts';
import { QUEUES, type Queue } from '../../queue/queue.ts';
import type { IngestJob } from './ingest.service.ts';
import { processInboundEvent, type Enrich } from './pipeline.ts';

/** Consumes ingest jobs. A thrown error leaves the job to pg-boss: retried with back-off, then dead-lettered. */
export async function startIngestWorker(db: Db, queue: Queue, enrich: Enrich, log: Logger) {
  await queue.work<IngestJob>(QUEUES.ingest.name, async (job) => {
    const result = await processInboundEvent(db, enrich, job.data.inboundEventId);
    log.debug({ inboundEventId: job.data.inboundEventId, ...result }, 'ingest: processed');
  });
}
