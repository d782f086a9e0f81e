import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../db/database.ts';

/**
 * A fresh database on a PostgreSQL server, migrated, and dropped by `dispose()`. The reliability runs need a
 * server (not the embedded database): the worker under test is a process of its own.
 */
export async function createScratchDatabase(
  serverUrl: string,
  prefix: string,
): Promise<{ db: Database; url: string; dispose(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  await admin(serverUrl, `CREATE DATABASE ${name}`);
  const url = Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();
  const db = await openDatabase({
    databaseUrl: url,
    dataDir: '',
    poolSize: 6,
    statementTimeoutMs: 60_000,
    migrate: true,
  });
  return {
    db,
    url,
    async dispose() {
      await db.close();
      await admin(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

async function admin(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
