import type pg from 'pg';
import { withPgTransaction, type SqlClient } from '../src/db/pg-transaction.ts';

/**
 * Runs `work` while another transaction, on a connection of its own, has run `hold` and stays open; that
 * transaction commits once `work` has settled. For tests of what one open transaction's locks make another wait
 * for, or skip (PostgreSQL only: the embedded database has one connection, where the two cannot overlap).
 */
export async function whileTransactionOpen<H, T>(
  pool: pg.Pool,
  hold: (client: SqlClient) => Promise<H>,
  work: () => Promise<T>,
): Promise<{ held: H; result: T }> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let opened!: () => void;
  const open = new Promise<void>((resolve) => (opened = resolve));
  const holder = withPgTransaction(pool, async (client) => {
    const held = await hold(client);
    opened();
    await released;
    return held;
  });
  // A failing `hold` fails here, rather than leaving `work` to run without it.
  await Promise.race([open, holder]);
  try {
    const result = await work();
    release();
    return { held: await holder, result };
  } finally {
    release();
    await holder.catch(() => undefined);
  }
}
