import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { registerPool } from './read-rows.ts';
import { applyMigrations, migrationsDir, pendingMigrations } from '@perch/prisma/apply-migrations';
import { PrismaClient, type Prisma } from '../generated/prisma/client.ts';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded.ts';

export type Db = PrismaClient;
export type Tx = Prisma.TransactionClient;
export type DbOrTx = Db | Tx;

export interface Database {
  prisma: Db;
  /** The pg pool behind Prisma; on the embedded database, the only connection every part of Perch uses. */
  pool: pg.Pool;
  url: string;
  embedded: boolean;
  /** The embedded database's data directory as a tarball (undefined on a real server). */
  snapshot?: () => Promise<Blob>;
  /** true when every migration in prisma/migrations is applied (for /readyz). */
  migrationsApplied(): Promise<boolean>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** A real PostgreSQL server; without it Perch starts the embedded one in `dataDir`. */
  databaseUrl?: string | undefined;
  dataDir: string;
  poolSize: number;
  statementTimeoutMs: number;
  migrate: boolean;
  /** Embedded only: start from this snapshot (see EmbeddedPostgres.snapshot). */
  fromSnapshot?: Blob | undefined;
  log?: (msg: string) => void;
}

export async function openDatabase(opts: OpenDatabaseOptions): Promise<Database> {
  let embedded: EmbeddedPostgres | undefined;
  let url = opts.databaseUrl;
  if (!url) {
    embedded = await startEmbeddedPostgres(opts.dataDir, opts.poolSize + 2, opts.fromSnapshot);
    url = embedded.url;
    opts.log?.(`embedded PostgreSQL (PGlite) in ${opts.dataDir}`);
  }
  if (opts.migrate) {
    await withClient(url, async (client) => {
      const { applied } = await applyMigrations(client, migrationsDir, opts.log);
      if (applied.length) opts.log?.(`applied migrations: ${applied.join(', ')}`);
    });
  }
  const pool = new pg.Pool({
    connectionString: url,
    // pglite-socket feeds protocol messages from all its connections into the one PGlite backend as they come,
    // so two connections' extended-protocol exchanges can interleave ("unnamed prepared statement does not
    // exist"). PGlite runs one query at a time anyway: on it, one connection, shared by Prisma and the queue.
    max: embedded ? 1 : opts.poolSize,
    // Bounds every statement (S11). PGlite ignores it; a real server enforces it.
    statement_timeout: opts.statementTimeoutMs,
    // No JIT compilation on a server: Perch's queries are index-bounded and answer in milliseconds, but the
    // planner's row estimates on large tables (a week of 10M facts) pass jit_above_cost and compiling then costs
    // 8–50 ms per statement — more than the query (measured on the P7 data set). PGlite has no JIT.
    ...(embedded ? {} : { options: '-c jit=off' }),
  });
  // An idle connection lost (PostgreSQL restarting) is dropped by the pool, which then emits 'error': logged here
  // rather than ending the process; the next query opens a new connection.
  pool.on('error', (error) => opts.log?.(`database: an idle connection was lost (${error.message})`));
  const prisma = new PrismaClient({
    adapter: new PrismaPg(pool),
    // Embedded: one connection serves every transaction in turn (background workers included), so waiting for it
    // is queueing, not a fault; a server's pool answers within Prisma's default 2 s.
    ...(embedded ? { transactionOptions: { maxWait: 15_000 } } : {}),
  });
  registerPool(prisma, pool);
  return {
    prisma,
    pool,
    url,
    embedded: Boolean(embedded),
    ...(embedded ? { snapshot: () => embedded.snapshot() } : {}),
    async migrationsApplied() {
      const client = await pool.connect();
      try {
        return (await pendingMigrations(client, migrationsDir)).length === 0;
      } finally {
        client.release();
      }
    },
    async ping() {
      await pool.query('select 1');
    },
    async close() {
      await prisma.$disconnect();
      await pool.end().catch(() => undefined);
      await embedded?.stop();
    },
  };
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
