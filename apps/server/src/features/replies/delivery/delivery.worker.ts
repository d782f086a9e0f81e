import type { Logger } from '../../../logger.ts';
import { QUEUES } from '../../../queue/queue.ts';
import { deliverReply, DEFAULT_LEASE_MS, type DeliveryDeps } from './deliver-reply.ts';
import type { DeliveryJob } from './delivery-job.ts';
import { strandedReplies } from './delivery.repository.ts';

export { deliverReply, type DeliveryDeps, type DeliveryResult } from './deliver-reply.ts';

export const DEFAULT_SWEEP_INTERVAL_MS = 15_000;
/** A due reply whose job has not run this long after its time is taken as lost. */
export const OVERDUE_GRACE_MS = 30_000;
const SWEEP_BATCH = 500;
const DEFAULT_CONCURRENCY = 4;

/**
 * Works `reply.deliver` jobs (one attempt each) and runs the sweeper, which gives a fresh job to every reply
 * whose job was lost: `sending` with an expired lease (its worker was killed mid-attempt) and `queued`/`failed`
 * overdue by 30 s. A duplicate job is harmless: the claim lets one attempt through. `stop()` ends the sweeper and
 * waits for the attempts in flight (the queue itself is stopped by its owner).
 */
export async function startDeliveryWorker(deps: DeliveryDeps, log: Logger): Promise<{ stop(): Promise<void> }> {
  const inFlight = new Set<Promise<unknown>>();
  const handle = async (data: DeliveryJob) => {
    const run = deliverReply(deps, { organizationId: data.organizationId, replyId: data.replyId });
    inFlight.add(run);
    try {
      const result = await run;
      if (result.state !== 'skipped') log.debug({ replyId: data.replyId, ...result }, 'reply delivery: attempt');
    } finally {
      inFlight.delete(run);
    }
  };
  for (let i = 0; i < Math.max(1, deps.concurrency ?? DEFAULT_CONCURRENCY); i++) {
    await deps.queue.work<DeliveryJob>(QUEUES.delivery.name, (job) => handle(job.data));
  }

  let sweeping: Promise<void> | null = null;
  const timer = setInterval(() => {
    sweeping ??= sweepDeliveries(deps, log)
      .then((n) => {
        if (n > 0) log.info({ requeued: n }, 'reply delivery: sweeper re-queued stranded replies');
      })
      .catch((error: unknown) => log.warn({ err: error }, 'reply delivery: sweep failed'))
      .finally(() => {
        sweeping = null;
      });
  }, deps.sweepIntervalMs ?? DEFAULT_SWEEP_INTERVAL_MS);
  timer.unref();

  return {
    async stop() {
      clearInterval(timer);
      await sweeping;
      await Promise.allSettled([...inFlight]);
    },
  };
}

/**
 * Replies re-queued lately, per queue (process): a reply stays stranded until its job runs, and is not given
 * another job at every sweep meanwhile.
 */
const sweptByQueue = new WeakMap<object, Map<string, number>>();

/** One pass of the sweeper; returns how many replies got a fresh job. Exported for tests. */
export async function sweepDeliveries(deps: DeliveryDeps, log?: Logger): Promise<number> {
  const now = (deps.now ?? Date.now)();
  let recentlySwept = sweptByQueue.get(deps.queue);
  if (!recentlySwept) sweptByQueue.set(deps.queue, (recentlySwept = new Map<string, number>()));
  const quiet = Math.max(deps.leaseMs ?? DEFAULT_LEASE_MS, OVERDUE_GRACE_MS);
  for (const [id, at] of recentlySwept) if (now - at > quiet) recentlySwept.delete(id);
  const stranded = await strandedReplies(deps.db, new Date(now), new Date(now - OVERDUE_GRACE_MS), SWEEP_BATCH);
  let requeued = 0;
  for (const reply of stranded) {
    const key = `${reply.organizationId}:${reply.id}`;
    if (recentlySwept.has(key)) continue;
    await deps.queue.enqueue(QUEUES.delivery.name, { organizationId: reply.organizationId, replyId: reply.id });
    recentlySwept.set(key, now);
    requeued++;
  }
  if (requeued > 0) deps.queue.wake(QUEUES.delivery.name);
  log?.debug({ stranded: stranded.length, requeued }, 'reply delivery: sweep');
  return requeued;
}
