import type { DeadJobQueue } from '@perch/shared';
import type { Db, DbOrTx } from '../../db/database.ts';
import { DomainError } from '../../lib/errors.ts';
import type { Queue } from '../../queue/queue.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import type { OrgActor } from '../members/members.service.ts';
import { deadJobQueueOf, deleteDeadJob, findDeadJob, listDeadJobs } from './jobs.repository.ts';

export interface DeadJob {
  id: string;
  /** Which work failed: 'ingest' (processing received mentions) or 'poll' (fetching mentions from X). */
  queue: DeadJobQueue;
  /** The channel (and its brand) the job was about, when its data names one that still exists. */
  channel: { id: string; name: string } | null;
  brand: { id: string; name: string } | null;
  /** Ingest jobs: how many received events the job was processing. */
  eventCount: number | null;
  /** The last error, cut to DEAD_JOB_ERROR_MAX characters (never a stack trace). */
  error: string | null;
  /** Runs before it was given up on (the first one plus its retries). */
  attempts: number;
  failedAt: Date;
  createdAt: Date;
}

const gone = () => new DomainError('NOT_FOUND', 'This failed job no longer exists: it was retried or discarded');

export async function listDeadJobPage(
  db: DbOrTx,
  organizationId: string,
  opts: { limit: number; cursor?: string | undefined },
): Promise<{ items: DeadJob[]; nextCursor: string | null }> {
  const rows = await listDeadJobs(db, organizationId, { limit: opts.limit + 1, cursor: opts.cursor });
  const items = rows.slice(0, opts.limit).map((r): DeadJob => ({
    id: r.id,
    queue: deadJobQueueOf(r.deadQueue) ?? 'ingest',
    channel: r.channelId && r.channelName ? { id: r.channelId, name: r.channelName } : null,
    brand: r.brandId && r.brandName ? { id: r.brandId, name: r.brandName } : null,
    eventCount: r.eventCount,
    error: r.error,
    attempts: (r.retryCount ?? 0) + 1,
    failedAt: r.failedAt,
    createdAt: r.createdAt,
  }));
  return { items, nextCursor: rows.length > opts.limit ? (items.at(-1)?.id ?? null) : null };
}

/**
 * Puts a dead job's data back on the queue it failed on, as a fresh job (the queue's retry policy again), and
 * removes the dead copy — one pg-boss statement inside the transaction that writes the audit row. A second call
 * for the same job (double click, two admins) finds nothing to move: NOT_FOUND once the first committed, CONFLICT
 * while it is still in flight.
 */
export function retryDeadJob(db: Db, queue: Queue, actor: OrgActor, jobId: string) {
  return db.$transaction(async (tx) => {
    const job = await findDeadJob(tx, actor.organizationId, jobId);
    if (!job) throw gone();
    const moved = await queue.redriveDeadInTransaction(tx, job.deadQueue, job.id, actor.organizationId);
    if (!moved) {
      // Read in this transaction: it sees pg-boss's verdict; throwing rolls that verdict back, the job stays as it was.
      const now = await findDeadJob(tx, actor.organizationId, jobId);
      if (!now) throw gone();
      if (now.redriveConflict) {
        throw new DomainError(
          'CONFLICT',
          'An equivalent job is already waiting on that queue (e.g. the next poll of this channel), so this one was not retried; discard it',
        );
      }
      throw new DomainError('CONFLICT', 'This failed job is being retried already');
    }
    await writeAudit(tx, actor, {
      action: 'jobs.retryDead',
      targetType: 'job',
      targetId: job.id,
      after: { queue: deadJobQueueOf(job.deadQueue), requeuedOn: job.sourceName },
    });
    return { retried: true as const };
  });
}

/** Deletes a dead job for good (the web asks for confirmation first). */
export function discardDeadJob(db: Db, actor: OrgActor, jobId: string) {
  return db.$transaction(async (tx) => {
    const job = await deleteDeadJob(tx, actor.organizationId, jobId);
    if (!job) throw gone();
    await writeAudit(tx, actor, {
      action: 'jobs.discardDead',
      targetType: 'job',
      targetId: job.id,
      before: { queue: deadJobQueueOf(job.deadQueue), failedOn: job.sourceName },
    });
    return { discarded: true as const };
  });
}
