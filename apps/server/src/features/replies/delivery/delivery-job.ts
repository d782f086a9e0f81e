import type { Tx } from '../../../db/database.ts';
import { QUEUES, type Queue } from '../../../queue/queue.ts';

/** One delivery attempt of one reply (the worker claims the row first: a duplicate job is a no-op). */
export interface DeliveryJob {
  organizationId: string;
  replyId: string;
}

/**
 * The transactional outbox: the job is written in the caller's transaction, beside the reply row it delivers, so
 * both exist or neither does. `startAfter`: the next attempt's time (back-off, or a rate limit's reset).
 */
export function enqueueDelivery(queue: Queue, tx: Tx, job: DeliveryJob, startAfter?: Date): Promise<void> {
  return queue.enqueueInTransaction(tx, QUEUES.delivery.name, job, startAfter ? { startAfter } : {});
}
