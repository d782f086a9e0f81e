import type { Tx } from './database.ts';
import type { SqlClient } from './pg-transaction.ts';

/**
 * The one reviewed use of Prisma's `$queryRawUnsafe` (S13): it lets pg-boss insert a job through the connection
 * of an open Prisma transaction, so that a row and the job that processes it commit together (transactional
 * outbox). The SQL is pg-boss's own, fixed and parameterised: `values` are bound parameters, never spliced into
 * the text. Nothing else may call this.
 */
export function transactionExecutor(tx: Tx) {
  return {
    async executeSql(text: string, values: unknown[] = []) {
      // eslint-disable-next-line no-restricted-syntax -- reviewed: pg-boss SQL with bound parameters (see above)
      const rows = await tx.$queryRawUnsafe<unknown[]>(text, ...values);
      return { rows };
    },
  };
}

/** The same for a pg connection inside a transaction (`withPgTransaction`): pg-boss's SQL, bound parameters. */
export function connectionExecutor(client: SqlClient) {
  return {
    async executeSql(text: string, values: unknown[] = []) {
      const { rows } = await client.query(text, values);
      return { rows };
    },
  };
}
