import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { startAutomationWorker } from './features/automation/automation.worker.ts';
import { startBillingClock } from './features/billing/billing-clock.ts';
import { startHeldReleaseWorker } from './features/billing/quota-release.ts';
import { startWakeWorker } from './features/conversations/conversation-wake.worker.ts';
import { enrich } from './features/enrichment/index.ts';
import { startIngestWorker } from './features/ingest/ingest.worker.ts';
import { startPollingWorker } from './features/ingest/x-polling.ts';
import { startMetricsWorker, startRollupRebuildWorker } from './features/metrics/metrics.worker.ts';
import type { DeliveryDeps } from './features/replies/delivery/deliver-reply.ts';
import { startDeliveryWorker } from './features/replies/delivery/delivery.worker.ts';
import { startReportsWorker } from './features/reports/reports.worker.ts';
import { startRoutingWorker } from './features/routing/routing.worker.ts';
import { loadBrandTriage } from './features/rules/brand-rules.ts';
import { startSlaWorker } from './features/sla/sla.worker.ts';
import type { EventBus } from './live/event-bus.ts';
import type { Logger } from './logger.ts';
import type { Queue } from './queue/queue.ts';

export interface WorkerContext {
  db: Database;
  queue: Queue;
  bus: EventBus;
  config: Pick<Config, 'secretKey' | 'smtp'>;
  /** Origins that may be private (S6): configuration only, plus the demo's sandbox. Shared, so it may grow. */
  trustedOrigins: string[];
  logger: Logger;
  /** Tuning of the delivery worker (tests and drills: worker-main.ts flags). */
  delivery?: Pick<DeliveryDeps, 'timeoutMs' | 'leaseMs' | 'sweepIntervalMs'>;
  /** Only the reply delivery worker (worker-main.ts --only-delivery). */
  onlyDelivery?: boolean;
}

export interface RunningWorkers {
  /** Stops the loops that are not pg-boss jobs (the queue itself is stopped by its owner). */
  stop(): Promise<void>;
}

/**
 * Every worker of Perch, started in a process that runs them: `pnpm start` (unless PERCH_WORKERS=false) or a
 * worker-only process (worker-main.ts). Imported only by processes that run workers, so that a web-only process
 * never loads their code (P11).
 */
export async function startWorkers(ctx: WorkerContext): Promise<RunningWorkers> {
  const { db, queue, bus, config, trustedOrigins, logger } = ctx;
  const prisma = db.prisma;
  const loops: { stop(): Promise<void> }[] = [];
  // Reply delivery (the outbox): one attempt per job, leases and a sweeper so that a killed worker loses nothing.
  loops.push(
    await startDeliveryWorker(
      { db: prisma, queue, bus, secretKey: config.secretKey, trustedOrigins, ...ctx.delivery },
      logger,
    ),
  );
  if (!ctx.onlyDelivery) {
    await startIngestWorker(prisma, queue, { enrich, loadTriage: loadBrandTriage, bus }, logger);
    // Snoozed conversations reopen when their snooze ends (one delayed job per snooze).
    await startWakeWorker(prisma, queue, bus, logger);
    // Automatic assignment: one run per brand whenever work arrives or an agent frees capacity.
    await startRoutingWorker(prisma, queue, bus, logger);
    await startRollupRebuildWorker(prisma, queue, logger);
    // Automation rules: runs requested by human changes and ingest batches (never by rules themselves).
    await startAutomationWorker(prisma, queue, bus, logger);
    // Polls of X channels without webhooks: each poll schedules the next one as a job, so polling survives restarts.
    await startPollingWorker({ db, queue, secretKey: config.secretKey, trustedOrigins }, logger);
    // SLA clocks: due times kept with the events, warnings and breaches fired on time (docs/sla.md).
    loops.push(await startSlaWorker({ db: prisma, queue, bus }, logger));
    // Metric facts and rollups, fresh within a minute (docs/metrics.md); scheduled reports by email (docs/reports.md).
    loops.push(startMetricsWorker(prisma, logger, db.embedded ? { batch: 25 } : {}));
    loops.push(startReportsWorker({ db: prisma, smtp: config.smtp }, logger));
    // Mentions held over a Free quota, released after a plan change (docs/billing.md).
    await startHeldReleaseWorker({ db: prisma, queue, bus, enrich, loadTriage: loadBrandTriage, log: logger });
    // Trials, grace periods, period ends and scheduled downgrades, on time; held mentions released (docs/billing.md).
    const release = { enrich, loadTriage: loadBrandTriage, queue };
    loops.push(startBillingClock({ db: prisma, bus, release }, logger));
  }
  return {
    async stop() {
      await Promise.all(loops.map((loop) => loop.stop()));
    },
  };
}
