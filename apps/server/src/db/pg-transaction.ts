import type pg from 'pg';

/** A pooled connection inside an open transaction (see `withPgTransaction`). */
export type SqlClient = Pick<pg.PoolClient, 'query'>;

/**
 * Runs `work` in one transaction on a connection of the pg pool behind Prisma, without Prisma: for a hot write path
 * where Prisma's per-call cost counts (the webhook routes' group commit). COMMIT before it resolves; any error rolls
 * back and is rethrown. A connection whose ROLLBACK failed is discarded, not returned to the pool.
 */
export async function withPgTransaction<T>(pool: pg.Pool, work: (client: SqlClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  // A connection lost while checked out (PostgreSQL restarting) emits 'error' on the client: without a listener
  // that would end the process. It is recorded instead; the pending or next query fails and rolls back.
  const onError = (error: Error) => {
    broken = error;
  };
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollback: unknown) => {
      broken = rollback instanceof Error ? rollback : new Error(String(rollback));
    });
    throw error;
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}
