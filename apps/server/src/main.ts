import { loadConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { buildApp } from './http/app.ts';
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
if (demo && (await seedDemo(db.prisma))) logger.info('demo organizations seeded');

const app = await buildApp({ config, db, logger });
await app.listen({ host: config.host, port: config.port });

if (demo) {
  const lines = [
    '',
    `  Perch is running at ${config.publicUrl}`,
    `  Database: ${db.embedded ? `embedded PostgreSQL in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)'}`,
    '',
    `  Demo sign-ins (password for all: ${DEMO_PASSWORD}):`,
    ...demoSignIns().map((l) => `    ${l}`),
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
    void app
      .close()
      .then(() => db.close())
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  });
}
