import type { Job } from 'pg-boss';
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

/** Ingest jobs fetched at once. Under load each group commit makes one small job; a backlog is many of them. */
export const INGEST_JOBS_PER_FETCH = 50;
/** Raw events stored in one pass (one transaction per channel): the size of an import batch. */
export const INGEST_EVENTS_PER_PASS = 5_000;

const eventIdsOf = (job: Job<StoredIngestJob>) =>
  'inboundEventIds' in job.data ? job.data.inboundEventIds : [job.data.inboundEventId];

/**
 * Consumes ingest jobs and publishes what changed on the event bus once committed. The jobs of one fetch are
 * stored together, in passes of up to INGEST_EVENTS_PER_PASS events: a backlog of small group-commit jobs costs
 * one set-based write per channel and pass instead of one per job. Jobs of a channel whose transaction failed are
 * tried again one at a time, so that one bad event never holds back its neighbours; a job that still fails is
 * left to pg-boss (retried with back-off, then dead-lettered), and its retry skips the events already processed.
 */
export async function startIngestWorker(db: Db, queue: Queue, deps: PipelineDeps & { bus?: EventBus }, log: Logger) {
  // Its n-gram database takes about a second to build: at start, not in the first job.
  warmLanguageDetector();
  /** Stores the events of `jobs` in one pass and requests what follows; answers the jobs that failed. */
  const pass = async (jobs: Job<StoredIngestJob>[]): Promise<Map<string, Error>> => {
    const ids = jobs.flatMap(eventIdsOf);
    const failed = new Map<string, Error>();
    let result: Awaited<ReturnType<typeof processInboundEvents>>;
    try {
      result = await processInboundEvents(db, deps, ids);
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      return new Map(jobs.map((job) => [job.id, e]));
    }
    const { live, automation, failed: failedEvents, ...counts } = result;
    for (const job of jobs) {
      const e = eventIdsOf(job)
        .map((id) => failedEvents.get(id))
        .find((x) => x !== undefined);
      if (e) failed.set(job.id, e);
    }
    if (deps.bus && live.length > 0) await deps.bus.publish(live);
    // Automatic assignment (features/routing): new and reopened conversations go to the brands' online agents.
    await requestRoutingAfterIngest({ db, queue, log }, live);
    // Automation rules (features/automation): a new conversation's rules first, then one run per received post.
    await requestAutomation({ db, queue, log }, 'conversation_created', automation.created);
    await requestAutomation({ db, queue, log }, 'mention_received', automation.received);
    log.debug({ jobs: jobs.length, events: ids.length, failed: failedEvents.size, ...counts }, 'ingest: processed');
    return failed;
  };
  await queue.workBatch<StoredIngestJob>(QUEUES.ingest.name, { batchSize: INGEST_JOBS_PER_FETCH }, async (jobs) => {
    const failed = new Map<string, Error>();
    for (const jobsOfPass of passes(jobs)) {
      const failedHere = await pass(jobsOfPass);
      if (failedHere.size > 0 && jobsOfPass.length > 1) {
        // Seen even when every job then succeeds alone (a transient failure).
        const [error] = failedHere.values();
        log.warn(
          { err: error, jobs: failedHere.size },
          'ingest: a shared pass failed; its jobs are tried one at a time',
        );
      }
      for (const job of jobsOfPass) {
        if (!failedHere.has(job.id)) continue;
        const alone = jobsOfPass.length > 1 ? (await pass([job])).get(job.id) : failedHere.get(job.id);
        if (alone) failed.set(job.id, alone);
      }
    }
    return failed;
  });
}

/** The fetched jobs in order, cut into passes of at most INGEST_EVENTS_PER_PASS events (a bigger job alone). */
function passes(jobs: Job<StoredIngestJob>[]): Job<StoredIngestJob>[][] {
  const out: Job<StoredIngestJob>[][] = [];
  let current: Job<StoredIngestJob>[] = [];
  let events = 0;
  for (const job of jobs) {
    const n = eventIdsOf(job).length;
    if (current.length > 0 && events + n > INGEST_EVENTS_PER_PASS) {
      out.push(current);
      current = [];
      events = 0;
    }
    current.push(job);
    events += n;
  }
  if (current.length > 0) out.push(current);
  return out;
}
