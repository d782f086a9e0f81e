import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { seedDemo } from '../seed/demo.ts';

const config = loadConfig();
const db = await openDatabase({
  databaseUrl: config.databaseUrl,
  dataDir: config.dataDir,
  poolSize: 2,
  statementTimeoutMs: config.statementTimeoutMs,
  migrate: true,
  log: (m) => console.log(m),
});
console.log(
  (await seedDemo(db.prisma, { history: {} })) ? 'Demo organizations seeded.' : 'Demo organizations already present.',
);
await db.close();
