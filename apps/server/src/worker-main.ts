import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { startAutomationWorker } from './features/automation/automation.worker.ts';
import { startWakeWorker } from './features/conversations/conversation-wake.worker.ts';
import { enrich } from './features/enrichment/index.ts';
import { startIngestWorker } from './features/ingest/ingest.worker.ts';
import { startPollingWorker } from './features/ingest/x-polling.ts';
import { startDeliveryWorker } from './features/replies/delivery/delivery.worker.ts';
import { startRoutingWorker } from './features/routing/routing.worker.ts';
import { loadBrandTriage } from './features/rules/brand-rules.ts';
import { startMetricsWorker, startRollupRebuildWorker } from './features/metrics/metrics.worker.ts';
import { startReportsWorker } from './features/reports/reports.worker.ts';
import { startBillingClock } from './features/billing/billing-clock.ts';
import { startSlaWorker } from './features/sla/sla.worker.ts';
import { createPgEventBus } from './live/pg-event-bus.ts';
import { createLogger } from './logger.ts';
import { startQueue } from './queue/queue.ts';

/**
 * A worker-only process: the job queue's workers (reply delivery, ingest, routing, automation, wake-ups, X polls)
 * and no HTTP. Several of them, and web-only servers (`PERCH_WORKERS=false`), share one PostgreSQL server; jobs
 * are claimed through pg-boss and replies through their lease, so any of these processes may die (`kill -9`)
 * and another, or its restart, carries on. The R4 reliability test (src/reliability) kills it on purpose.
 *
 * Flags (tuning for tests and drills; defaults are the delivery worker's own):
 *   --trusted-origin URL      an origin that may be private (the sandbox X network on 127.0.0.1); repeatable
 *   --delivery-timeout-ms N   per request to the network
 *   --lease-ms N              how long a claimed reply stays this process's before another may take it
 *   --sweep-ms N              how often stranded replies (a dead worker's) are looked for
 *   --only-delivery           start the delivery worker only
 */
const flags = z.object({
  'trusted-origin': z.array(z.url().transform((u) => new URL(u).origin)).default([]),
  'delivery-timeout-ms': z.coerce.number().int().min(100).max(120_000).optional(),
  'lease-ms': z.coerce.number().int().min(500).max(3_600_000).optional(),
  'sweep-ms': z.coerce.number().int().min(100).max(3_600_000).optional(),
  'only-delivery': z.boolean().default(false),
});

const { values } = parseArgs({
  options: {
    'trusted-origin': { type: 'string', multiple: true },
    'delivery-timeout-ms': { type: 'string' },
    'lease-ms': { type: 'string' },
    'sweep-ms': { type: 'string' },
    'only-delivery': { type: 'boolean' },
  },
});
const parsed = flags.safeParse(values);
if (!parsed.success) {
  process.stderr.write(`worker: ${parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ')}\n`);
  process.exit(2);
}
const options = parsed.data;

const config = loadConfig();
if (!config.databaseUrl) {
  // The embedded database lives inside one process: a separate worker process needs a PostgreSQL server.
  process.stderr.write(
    'worker: DATABASE_URL is required (a PostgreSQL server shared with the web process); the embedded database ' +
      'runs inside `pnpm start`, which already runs the workers.\n',
  );
  process.exit(2);
}
const logger = createLogger(config.logLevel);
const db = await openDatabase({
  databaseUrl: config.databaseUrl,
  dataDir: config.dataDir,
  poolSize: config.dbPoolSize,
  statementTimeoutMs: config.statementTimeoutMs,
  migrate: false,
  log: (msg) => logger.info(msg),
});
if (!(await db.migrationsApplied())) {
  process.stderr.write('worker: the database is not migrated; start the web process (or migrate) first.\n');
  await db.close();
  process.exit(2);
}
const queue = await startQueue(db, logger);
const bus = await createPgEventBus({ url: db.url, pool: db.pool, log: logger });
const trustedOrigins = options['trusted-origin'];

const delivery = await startDeliveryWorker(
  {
    db: db.prisma,
    queue,
    bus,
    secretKey: config.secretKey,
    trustedOrigins,
    ...(options['delivery-timeout-ms'] !== undefined ? { timeoutMs: options['delivery-timeout-ms'] } : {}),
    ...(options['lease-ms'] !== undefined ? { leaseMs: options['lease-ms'] } : {}),
    ...(options['sweep-ms'] !== undefined ? { sweepIntervalMs: options['sweep-ms'] } : {}),
  },
  logger,
);
const measure: { stop(): Promise<void> }[] = [];
if (config.workers && !options['only-delivery']) {
  await startIngestWorker(db.prisma, queue, { enrich, loadTriage: loadBrandTriage, bus }, logger);
  await startWakeWorker(db.prisma, queue, bus, logger);
  await startRoutingWorker(db.prisma, queue, bus, logger);
  await startRollupRebuildWorker(db.prisma, queue, logger);
  await startAutomationWorker(db.prisma, queue, bus, logger);
  await startPollingWorker({ db, queue, secretKey: config.secretKey, trustedOrigins }, logger);
  measure.push(await startSlaWorker({ db: db.prisma, queue, bus }, logger));
  measure.push(startMetricsWorker(db.prisma, logger));
  measure.push(startReportsWorker({ db: db.prisma, smtp: config.smtp }, logger));
  // Trials, grace periods, period ends and scheduled downgrades, on time (docs/billing.md).
  measure.push(startBillingClock({ db: db.prisma, bus }, logger));
}
logger.info({ pid: process.pid, trustedOrigins }, 'worker started');
// A line the supervisor (tests, the R4 runner) waits for before it counts this worker as up.
process.stdout.write(`perch-worker ready ${process.pid}\n`);

// Graceful shutdown: stop claiming, let the jobs in hand finish (their leases cover a kill anyway), then close.
let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'worker shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    void Promise.resolve(delivery.stop())
      .then(() => Promise.all(measure.map((worker) => worker.stop())))
      .then(() => queue.stop())
      .then(() => bus.close())
      .then(() => db.close())
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error({ err: error }, 'worker shutdown failed');
        process.exit(1);
      });
  });
}
