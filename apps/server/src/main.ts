import { loadConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { enrich } from './features/enrichment/index.ts';
import { startAutomationWorker } from './features/automation/automation.worker.ts';
import { startWakeWorker } from './features/conversations/conversation-wake.worker.ts';
import { startIngestWorker } from './features/ingest/ingest.worker.ts';
import { startRoutingWorker } from './features/routing/routing.worker.ts';
import { loadBrandTriage } from './features/rules/brand-rules.ts';
import { startPollingWorker } from './features/ingest/x-polling.ts';
import { startDeliveryWorker } from './features/replies/delivery/delivery.worker.ts';
import { startMetricsWorker, startRollupRebuildWorker } from './features/metrics/metrics.worker.ts';
import { startReportsWorker } from './features/reports/reports.worker.ts';
import { startBillingClock } from './features/billing/billing-clock.ts';
import { startSlaWorker } from './features/sla/sla.worker.ts';
import { buildApp } from './http/app.ts';
import { createLocalEventBus } from './live/event-bus.ts';
import { createPgEventBus } from './live/pg-event-bus.ts';
import { startQueue } from './queue/queue.ts';
import { startDemoTraffic } from './sandbox/demo-traffic.ts';
import { createLogger } from './logger.ts';
import { DEMO_PASSWORD, demoSignIns, seedDemo } from './seed/demo.ts';

const config = loadConfig();
const logger = createLogger(config.logLevel);
const demo = process.argv.includes('--demo');

const db = await openDatabase({
  databaseUrl: config.databaseUrl,
  dataDir: config.dataDir,
  poolSize: config.dbPoolSize,
  statementTimeoutMs: config.statementTimeoutMs,
  migrate: true,
  log: (msg) => logger.info(msg),
});
logger.info({ embedded: db.embedded }, 'startup: database open, migrations applied');
if (demo && (await seedDemo(db.prisma, { history: { weeks: config.demoHistoryWeeks } })))
  logger.info('demo organizations seeded');

// One process runs everything by default: HTTP, the job queue and its workers (see ARCHITECTURE.md).
const queue = await startQueue(db, logger);
// Live events: in-process on the embedded database (one process), LISTEN/NOTIFY across processes on a server.
logger.info('startup: job queue started');
const bus = db.embedded ? createLocalEventBus() : await createPgEventBus({ url: db.url, pool: db.pool, log: logger });
logger.info('startup: event bus ready');
// Origins outbound requests may reach although private (S6): configuration only, plus the demo's own sandbox.
// The array is shared with the workers, so a sandbox on a port picked at start (SANDBOX_PORT=0) joins it below.
const demoTraffic = demo && config.simulator.enabled;
const trustedOrigins: string[] = [...config.trustedOrigins];
if (demoTraffic && config.simulator.sandboxPort !== 0) {
  trustedOrigins.push(`http://127.0.0.1:${config.simulator.sandboxPort}`);
}
let delivery: { stop(): Promise<void> } | null = null;
const measure: { stop(): Promise<void> }[] = [];
if (config.workers) {
  await startIngestWorker(db.prisma, queue, { enrich, loadTriage: loadBrandTriage, bus }, logger);
  // Snoozed conversations reopen when their snooze ends (one delayed job per snooze).
  await startWakeWorker(db.prisma, queue, bus, logger);
  // Automatic assignment: one run per brand whenever work arrives or an agent frees capacity.
  await startRoutingWorker(db.prisma, queue, bus, logger);
  await startRollupRebuildWorker(db.prisma, queue, logger);
  // Automation rules: runs requested by human changes and ingest batches (never by rules themselves).
  await startAutomationWorker(db.prisma, queue, bus, logger);
  // Polls of X channels without webhooks: each poll schedules the next one as a job, so polling survives restarts.
  await startPollingWorker({ db, queue, secretKey: config.secretKey, trustedOrigins }, logger);
  // Reply delivery (the outbox): one attempt per job, leases and a sweeper so that a killed worker loses nothing.
  delivery = await startDeliveryWorker(
    { db: db.prisma, queue, bus, secretKey: config.secretKey, trustedOrigins },
    logger,
  );
  // SLA clocks: due times kept with the events, warnings and breaches fired on time (docs/sla.md).
  measure.push(await startSlaWorker({ db: db.prisma, queue, bus }, logger));
  // Metric facts and rollups, fresh within a minute (docs/metrics.md); scheduled reports by email (docs/reports.md).
  measure.push(startMetricsWorker(db.prisma, logger, db.embedded ? { batch: 25 } : {}));
  measure.push(startReportsWorker({ db: db.prisma, smtp: config.smtp }, logger));
  // Trials, grace periods, period ends and scheduled downgrades, on time (docs/billing.md).
  measure.push(startBillingClock({ db: db.prisma, bus }, logger));
  logger.info('startup: workers started');
}
const app = await buildApp({ config, db, queue, bus, logger });
await app.listen({ host: config.host, port: config.port });
logger.info({ port: config.port }, 'startup: listening');

// After listen: the sandbox checks Perch's webhook with a CRC request when it is registered.
const traffic = demoTraffic
  ? await startDemoTraffic({
      db: db.prisma,
      secretKey: config.secretKey,
      publicUrl: config.publicUrl,
      sandboxPort: config.simulator.sandboxPort,
      ratePerMinute: config.simulator.ratePerMinute,
      log: logger,
    })
  : null;
if (traffic && !trustedOrigins.includes(new URL(traffic.url).origin)) trustedOrigins.push(new URL(traffic.url).origin);

if (demo) {
  const lines = [
    '',
    `  Perch is running at ${config.publicUrl}`,
    `  Database: ${db.embedded ? `embedded PostgreSQL in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)'}`,
    '',
    `  Demo sign-ins (password for all: ${DEMO_PASSWORD}):`,
    ...demoSignIns().map((l) => `    ${l}`),
    '',
    traffic
      ? config.simulator.ratePerMinute > 0
        ? `  Live traffic: sandbox X network at ${traffic.url}, simulator posting about ${config.simulator.ratePerMinute} mentions/min (PERCH_SIMULATOR=false to turn off)`
        : `  Live traffic: sandbox X network at ${traffic.url}, simulator off (SIMULATOR_RATE=0)`
      : '  Live traffic: off (PERCH_SIMULATOR=false)',
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

// Graceful shutdown: stop accepting, let in-flight requests finish, then close the database.
let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    void (traffic?.stop() ?? Promise.resolve())
      .then(() => app.close())
      .then(() => delivery?.stop())
      .then(() => Promise.all(measure.map((worker) => worker.stop())))
      .then(() => queue.stop())
      .then(() => bus.close())
      .then(() => db.close())
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  });
}
