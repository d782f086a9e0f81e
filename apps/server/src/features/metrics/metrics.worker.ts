import type { Db } from '../../db/database.ts';
import type { Logger } from '../../logger.ts';
import { QUEUES, type Queue } from '../../queue/queue.ts';
import { METRICS_BATCH, rebuildRollups, refreshDirtyMetrics } from './metrics.service.ts';

export interface RollupRebuildJob {
  organizationId: string;
  brandId: string;
}

/** Runs `rebuildRollups` for each `metrics.rebuild` job (a brand whose time zone changed); errors are retried. */
export async function startRollupRebuildWorker(db: Db, queue: Queue, log: Logger) {
  await queue.work<RollupRebuildJob>(QUEUES.metricsRebuild.name, async (job) => {
    const started = Date.now();
    await rebuildRollups(db, job.data);
    log.info({ brandId: job.data.brandId, ms: Date.now() - started }, 'metrics: rollups rebuilt in the new time zone');
  });
}

/** Default pause between two drains of the queue: live changes reach the rollups within about 15 s. */
export const METRICS_INTERVAL_MS = 10_000;

/**
 * How long the worker leaves a conversation to the SLA worker first (docs/metrics.md "Keeping them current"). That
 * worker syncs a changed conversation within seconds and its SLA events change the facts again: measured before
 * it, a live change would be measured twice. Past this age an SLA mark no longer holds the metrics back, whether
 * or not an SLA worker runs. Two minutes covers a start-up backlog too (the demo's six weeks of history: ≈ 80 s of
 * SLA syncs on the embedded database), so each of its conversations is computed once.
 */
export const METRICS_DEFER_TO_SLA_MS = 120_000;

/**
 * Keeps the metric facts and rollups fresh: every `intervalMs`, drains the 'metrics' DirtyConversation queue batch
 * by batch. Safe to run in several processes (batches of a brand serialise on its lock; a batch is idempotent).
 * `stop()` lets the batch in progress finish.
 */
export function startMetricsWorker(
  db: Db,
  log: Logger,
  opts: { intervalMs?: number; batch?: number; deferToSlaForMs?: number } = {},
) {
  const intervalMs = opts.intervalMs ?? METRICS_INTERVAL_MS;
  const deferToSlaForMs = opts.deferToSlaForMs ?? METRICS_DEFER_TO_SLA_MS;
  // One batch is one transaction: on the embedded database (one connection) a smaller batch lets people's
  // actions through between batches instead of waiting seconds behind a large one.
  const batch = opts.batch ?? METRICS_BATCH;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();

  const drain = async () => {
    const started = Date.now();
    let total = 0;
    try {
      while (!stopped) {
        const { conversations } = await refreshDirtyMetrics(db, { limit: batch, deferToSlaForMs });
        total += conversations;
        if (conversations < batch) break;
      }
      if (total > 0) log.info({ conversations: total, ms: Date.now() - started }, 'metrics: conversations recomputed');
    } catch (error) {
      log.error({ err: error, conversations: total }, 'metrics: refresh failed (retried at the next tick)');
    }
  };

  const tick = () => {
    running = drain().finally(() => {
      if (!stopped) timer = setTimeout(tick, intervalMs);
    });
  };
  tick();

  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
