// What `prisma migrate deploy` does, without Prisma's native schema engine (it cannot be downloaded here):
// apply the pending prisma/migrations/*/migration.sql in order and record each in `_prisma_migrations`, with
// the table layout, checksum and advisory lock of Prisma's engine, so the real Prisma CLI can take over the
// same database later. Depends only on a minimal pg-like client: used by migrate:deploy (pg on PostgreSQL),
// by the server at startup (PostgreSQL, or embedded PGlite behind pglite-socket) and by tests (PGlite).
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/** One database session. Not a pool: the advisory lock and the transactions must stay on one connection. */
export interface PgLikeClient {
  // `any[]` as in pg's own QueryResult, so that a pg Client (or any wrapper) fits without casts.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  query(sql: string, params?: unknown[]): Promise<{ rows: any[] }>;
}

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

/** Absolute path of prisma/migrations. */
export const migrationsDir = path.resolve(import.meta.dirname, '..', 'migrations');

// The key Prisma's schema engine locks with: deploys from this tool and from the Prisma CLI exclude each other.
const LOCK_KEY = 72707369;

// Same definition as Prisma's engine creates on PostgreSQL.
const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

interface MigrationRow {
  migration_name: string;
  checksum: string;
  finished_at: unknown;
  rolled_back_at: unknown;
}

export const checksumOf = (sql: string) => createHash('sha256').update(sql, 'utf8').digest('hex');

// Like Prisma, accept the file with either line ending: git may have converted it on checkout.
const checksumMatches = (sql: string, stored: string) =>
  [sql, sql.replace(/\r\n/g, '\n'), sql.replace(/\r?\n/g, '\r\n')].some((s) => checksumOf(s) === stored);

/** The migration folders, in the order Prisma applies them (by name, i.e. by timestamp). */
export async function readMigrationFiles(dir: string): Promise<MigrationFile[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return [];
    throw e;
  });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort((a, b) => a.localeCompare(b));
  return Promise.all(
    names.map(async (name) => {
      const sql = await fs.readFile(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: checksumOf(sql) };
    }),
  );
}

async function appliedRows(client: PgLikeClient): Promise<MigrationRow[] | undefined> {
  const exists: { rows: { exists: boolean }[] } = await client.query(
    `SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS "exists"`,
  );
  if (!exists.rows[0]?.exists) return undefined;
  const result: { rows: MigrationRow[] } = await client.query(
    `SELECT "migration_name", "checksum", "finished_at", "rolled_back_at"
       FROM "_prisma_migrations" ORDER BY "started_at"`,
  );
  return result.rows;
}

/** Rows that count as applied: finished and not rolled back (as in Prisma). */
const isApplied = (r: MigrationRow) => r.finished_at != null && r.rolled_back_at == null;

/** Names of the migrations not yet applied (read-only; for a readiness check). */
export async function pendingMigrations(client: PgLikeClient, dir: string = migrationsDir): Promise<string[]> {
  const files = await readMigrationFiles(dir);
  const applied = new Set(((await appliedRows(client)) ?? []).filter(isApplied).map((r) => r.migration_name));
  return files.map((f) => f.name).filter((name) => !applied.has(name));
}

/** Refuse to go on over a history Prisma would refuse too: a failed migration, or an edited applied one. */
function assertHistoryIntact(rows: MigrationRow[], files: MigrationFile[]) {
  const failed = rows.filter((r) => r.finished_at == null && r.rolled_back_at == null);
  if (failed.length) {
    throw new Error(
      `Migration(s) ${failed.map((r) => r.migration_name).join(', ')} started but did not finish (recorded ` +
        `in _prisma_migrations with finished_at = NULL). Fix the database by hand, then mark it rolled back.`,
    );
  }
  const edited = rows.filter(isApplied).filter((r) => {
    const file = files.find((f) => f.name === r.migration_name);
    return file && !checksumMatches(file.sql, r.checksum);
  });
  if (edited.length) {
    throw new Error(
      `Migration(s) ${edited.map((r) => r.migration_name).join(', ')} were modified after being applied ` +
        `(checksum differs from _prisma_migrations). Restore the original file and add a new migration instead.`,
    );
  }
}

/**
 * Applies the pending migrations of `dir`, each in its own transaction together with its `_prisma_migrations`
 * row: a failing migration leaves neither schema changes nor a record behind, and the next run retries it.
 * A session advisory lock serialises concurrent callers (several server instances starting at once); the
 * history is read only after taking it, so the losers find the work done.
 * Caveat: a migration file that itself contains BEGIN/COMMIT (Prisma renders some enum changes that way) ends
 * our transaction early; the rest still applies in order, but that file is no longer atomic with its record.
 */
export function applyMigrations(
  client: PgLikeClient,
  dir: string = migrationsDir,
  log: (msg: string) => void = () => {},
): Promise<{ applied: string[] }> {
  // The advisory lock excludes other sessions, but every connection through pglite-socket shares PGlite's one
  // session, where the lock is re-entrant and excludes nothing. The embedded database lives in this process,
  // so serialising the calls of this process as well closes that gap.
  const run = processQueue.then(() => applyLocked(client, dir, log));
  processQueue = run.catch(() => {});
  return run;
}
let processQueue: Promise<unknown> = Promise.resolve();

async function applyLocked(client: PgLikeClient, dir: string, log: (msg: string) => void) {
  const files = await readMigrationFiles(dir);
  const applied: string[] = [];
  await client.query(`SELECT pg_advisory_lock(${LOCK_KEY})`);
  try {
    await client.query(CREATE_TABLE);
    const rows = (await appliedRows(client)) ?? [];
    assertHistoryIntact(rows, files);
    const done = new Set(rows.filter(isApplied).map((r) => r.migration_name));
    for (const file of files.filter((f) => !done.has(f.name))) {
      log(`Applying migration ${file.name}`);
      await client.query('BEGIN');
      try {
        // No parameters here: multi-statement SQL only goes through the simple query protocol.
        await client.query(file.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations"
             ("id", "checksum", "migration_name", "started_at", "finished_at", "applied_steps_count")
           VALUES ($1, $2, $3, now(), clock_timestamp(), 1)`,
          [randomUUID(), file.checksum, file.name],
        );
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK').catch(() => {});
        throw new Error(`Migration ${file.name} failed, nothing of it was applied: ${(e as Error).message}`, {
          cause: e,
        });
      }
      applied.push(file.name);
    }
    const unknown = rows.filter((r) => isApplied(r) && !files.some((f) => f.name === r.migration_name));
    if (unknown.length) {
      log(`Warning: applied migration(s) missing from ${dir}: ${unknown.map((r) => r.migration_name).join(', ')}`);
    }
  } finally {
    await client.query(`SELECT pg_advisory_unlock(${LOCK_KEY})`).catch(() => {});
  }
  return { applied };
}
