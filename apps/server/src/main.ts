import { loadConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
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
// The workers' code loads only in a process that runs them: a web-only one (PERCH_WORKERS=false) never holds it (P11).
const workers = config.workers
  ? await import('./workers.ts').then(({ startWorkers }) =>
      startWorkers({ db, queue, bus, config, trustedOrigins, logger }),
    )
  : null;
if (workers) logger.info('startup: workers started');
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
      .then(() => workers?.stop())
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
