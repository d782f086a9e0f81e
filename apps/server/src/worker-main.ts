import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { createPgEventBus } from './live/pg-event-bus.ts';
import { createLogger } from './logger.ts';
import { startQueue } from './queue/queue.ts';
import { startWorkers } from './workers.ts';

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

const workers = await startWorkers({
  db,
  queue,
  bus,
  config,
  trustedOrigins,
  logger,
  delivery: {
    ...(options['delivery-timeout-ms'] !== undefined ? { timeoutMs: options['delivery-timeout-ms'] } : {}),
    ...(options['lease-ms'] !== undefined ? { leaseMs: options['lease-ms'] } : {}),
    ...(options['sweep-ms'] !== undefined ? { sweepIntervalMs: options['sweep-ms'] } : {}),
  },
  onlyDelivery: !config.workers || options['only-delivery'],
});
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
    void workers
      .stop()
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
