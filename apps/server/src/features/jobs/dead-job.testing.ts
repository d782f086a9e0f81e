import type { DbOrTx } from '../../db/database.ts';
import type { Queue, QueueName } from '../../queue/queue.ts';
import { findDeadCopyOf } from './jobs.repository.ts';

/**
 * Test support: a real dead letter, made by pg-boss itself. The job is sent with no retries and failed at once,
 * exactly as a handler's error past the retry limit would; pg-boss then copies it to `<queue>.dead`.
 * Returns the dead copy's id (what the jobs procedures take).
 */
export async function createDeadJob(
  db: DbOrTx,
  queue: Queue,
  name: QueueName,
  data: { organizationId: string } & Record<string, unknown>,
  reason = 'X answered 503 Service Unavailable',
): Promise<string> {
  const id = await queue.enqueueWithRetryLimit(name, data, 0);
  await queue.failNow(name, id, new Error(reason));
  const deadId = await findDeadCopyOf(db, id);
  if (!deadId) throw new Error(`pg-boss did not dead-letter job ${id} of ${name}`);
  return deadId;
}
