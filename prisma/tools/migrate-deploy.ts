// `DATABASE_URL=postgres://... pnpm --filter @perch/prisma run migrate:deploy [-- --migrations dir]`
// Offline equivalent of `prisma migrate deploy`: applies the pending migrations to DATABASE_URL.
import { parseArgs } from 'node:util';
import pg from 'pg';
import { applyMigrations, migrationsDir } from './apply-migrations.ts';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'), // pnpm passes the `--` separator through
  options: { migrations: { type: 'string' } },
});
const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/perch).');
  process.exit(1);
}

// A single Client, not a Pool: the advisory lock and each transaction must stay on one connection.
const client = new pg.Client({ connectionString: url });
try {
  await client.connect();
  const { applied } = await applyMigrations(client, values.migrations ?? migrationsDir, (m) => console.log(m));
  console.log(applied.length ? `Applied ${applied.length} migration(s).` : 'No pending migrations.');
} catch (e) {
  console.error(`\nmigrate:deploy failed: ${(e as Error).message}`);
  process.exitCode = 1;
} finally {
  await client.end().catch(() => {});
}
