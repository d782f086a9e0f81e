import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../src/db/database.ts';

/**
 * A fresh, migrated database for one test file. With TEST_DATABASE_URL (a real PostgreSQL server), a new
 * database is created on it and dropped afterwards; without it, an in-memory embedded PostgreSQL (PGlite) is
 * started — the same two paths Perch itself runs on.
 */
export async function createTestDatabase(): Promise<Database & { dispose(): Promise<void> }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const template = inject('embeddedTemplate');
    const fromSnapshot = template ? new Blob([await fs.readFile(template)]) : undefined;
    const db = await openDatabase({
      dataDir: 'memory://',
      poolSize: 4,
      statementTimeoutMs: 30_000,
      migrate: true,
      fromSnapshot,
    });
    return Object.assign(db, { dispose: () => db.close() });
  }
  const name = `perch_test_${randomBytes(6).toString('hex')}`;
  await admin(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({
    databaseUrl: url.toString(),
    dataDir: '',
    poolSize: 4,
    statementTimeoutMs: 30_000,
    migrate: true,
  });
  return Object.assign(db, {
    async dispose() {
      await db.close();
      // pg-pool's end() resolves before its clients' connections have closed; forcing the drop while one is still
      // closing makes the server terminate it, which that client reports as an uncaught error. Wait for them first.
      await untilNoConnections(serverUrl, name);
      await admin(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  });
}

async function admin(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Waits (up to 5 s) until no session is connected to the database; the drop then needs no force in practice. */
async function untilNoConnections(url: string, database: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (let waited = 0; waited < 5_000; waited += 50) {
      const { rows } = await client.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [database],
      );
      if (rows[0]?.n === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await client.end();
  }
}
