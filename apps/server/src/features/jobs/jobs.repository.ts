import { DEAD_JOB_COUNT_CAP, DEAD_JOB_ERROR_MAX, type DeadJobQueue } from '@perch/shared';
import type { DbOrTx } from '../../db/database.ts';
import { Prisma } from '../../generated/prisma/client.ts';
import { QUEUES, type QueueName } from '../../queue/queue.ts';

/**
 * Dead letters live in pg-boss's own table (`pgboss.job`, pg-boss's default schema), in the `<queue>.dead` queues
 * that queue.ts configures. pg-boss stamps each copy with where it came from: `source_name` (the queue it failed
 * on), `source_created_on`, `source_retry_count` and `source_output` (its last error). Every read and write here is
 * scoped by `data->>'organizationId'`: a job without it is nobody's, and another tenant's is simply not there.
 */
export const DEAD_QUEUES = {
  ingest: `${QUEUES.ingest.name}.dead`,
  poll: `${QUEUES.poll.name}.dead`,
} as const satisfies Record<DeadJobQueue, `${QueueName}.dead`>;
export type DeadQueueName = (typeof DEAD_QUEUES)[DeadJobQueue];

const QUEUE_OF = new Map<string, DeadJobQueue>(
  Object.entries(DEAD_QUEUES).map(([queue, name]) => [name, queue as DeadJobQueue]),
);

/** The queue a dead-letter queue name belongs to (null for a name this module does not manage). */
export function deadJobQueueOf(deadQueueName: string): DeadJobQueue | null {
  return QUEUE_OF.get(deadQueueName) ?? null;
}

const UUID = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

function scope(organizationId: string) {
  return Prisma.sql`j.name IN (${Prisma.join(Object.values(DEAD_QUEUES))})
    AND j.data->>'organizationId' = ${organizationId}`;
}

export interface DeadJobRow {
  id: string;
  deadQueue: string;
  error: string | null;
  retryCount: number | null;
  failedAt: Date;
  createdAt: Date;
  eventCount: number | null;
  channelId: string | null;
  channelName: string | null;
  brandId: string | null;
  brandName: string | null;
}

/**
 * One page of an organization's dead jobs, newest first, keyset on (failed at, id). What a job was about is
 * resolved from its data: a poll names its channel; an ingest job names inbound events, whose channel is looked up
 * (the first event's; one job's events come from one delivery). A cursor that is no longer a dead job of the
 * organization gives an empty page.
 */
export async function listDeadJobs(
  db: DbOrTx,
  organizationId: string,
  opts: { limit: number; cursor?: string | undefined },
): Promise<DeadJobRow[]> {
  const after = opts.cursor
    ? Prisma.sql`AND (j.created_on, j.id) < (
        SELECT k.created_on, k.id FROM pgboss.job k
        WHERE k.id = ${opts.cursor}::uuid AND k.name IN (${Prisma.join(Object.values(DEAD_QUEUES))})
          AND k.data->>'organizationId' = ${organizationId})`
    : Prisma.empty;
  return db.$queryRaw<DeadJobRow[]>`
    SELECT j.id::text AS id,
      j.name AS "deadQueue",
      left(COALESCE(j.source_output->>'message', j.source_output->>'value'), ${DEAD_JOB_ERROR_MAX}::int) AS error,
      j.source_retry_count AS "retryCount",
      j.created_on AS "failedAt",
      COALESCE(j.source_created_on, j.created_on) AS "createdAt",
      CASE
        WHEN jsonb_typeof(j.data->'inboundEventIds') = 'array' THEN jsonb_array_length(j.data->'inboundEventIds')
        WHEN j.data->>'inboundEventId' IS NOT NULL THEN 1
      END AS "eventCount",
      c.id::text AS "channelId",
      c.name AS "channelName",
      b.id::text AS "brandId",
      b.name AS "brandName"
    FROM pgboss.job j
    LEFT JOIN LATERAL (
      SELECT COALESCE(j.data->>'channelId', (
        SELECT e."channelId"::text FROM "InboundEvent" e
        WHERE e."organizationId" = ${organizationId}::uuid
          AND e.id = (CASE WHEN COALESCE(j.data->'inboundEventIds'->>0, j.data->>'inboundEventId') ~ ${UUID}
                      THEN COALESCE(j.data->'inboundEventIds'->>0, j.data->>'inboundEventId')::uuid END)
      )) AS channel_id
    ) ref ON true
    LEFT JOIN "Channel" c
      ON c."organizationId" = ${organizationId}::uuid
      AND c.id = (CASE WHEN ref.channel_id ~ ${UUID} THEN ref.channel_id::uuid END)
    LEFT JOIN "Brand" b ON b.id = c."brandId"
    WHERE ${scope(organizationId)} ${after}
    ORDER BY j.created_on DESC, j.id DESC
    LIMIT ${opts.limit}::int`;
}

/** How many dead jobs the organization has, counted up to DEAD_JOB_COUNT_CAP (a badge needs no more). */
export async function countDeadJobs(db: DbOrTx, organizationId: string): Promise<number> {
  const [row] = await db.$queryRaw<{ count: number }[]>`
    SELECT count(*)::int AS count FROM (
      SELECT 1 FROM pgboss.job j WHERE ${scope(organizationId)} LIMIT ${DEAD_JOB_COUNT_CAP}::int
    ) capped`;
  return row?.count ?? 0;
}

export interface DeadJobRef {
  id: string;
  deadQueue: DeadQueueName;
  sourceName: string | null;
  /** pg-boss refused to move it: the destination's policy already holds an equivalent job. */
  redriveConflict: boolean;
}

/** One dead job of the organization (null when it is not one: missing, moved, discarded or another tenant's). */
export async function findDeadJob(db: DbOrTx, organizationId: string, jobId: string): Promise<DeadJobRef | null> {
  const [row] = await db.$queryRaw<(Omit<DeadJobRef, 'deadQueue'> & { deadQueue: string })[]>`
    SELECT j.id::text AS id, j.name AS "deadQueue", j.source_name AS "sourceName",
      COALESCE(j.output->>'reason' = 'redrive_conflict', false) AS "redriveConflict"
    FROM pgboss.job j
    WHERE j.id = ${jobId}::uuid AND ${scope(organizationId)}`;
  return row ? { ...row, deadQueue: row.deadQueue as DeadQueueName } : null;
}

/** Deletes one dead job of the organization; returns what it was, or null when there was none. */
export async function deleteDeadJob(
  db: DbOrTx,
  organizationId: string,
  jobId: string,
): Promise<{ id: string; deadQueue: string; sourceName: string | null } | null> {
  const [row] = await db.$queryRaw<{ id: string; deadQueue: string; sourceName: string | null }[]>`
    DELETE FROM pgboss.job j
    WHERE j.id = ${jobId}::uuid AND ${scope(organizationId)}
    RETURNING j.id::text AS id, j.name AS "deadQueue", j.source_name AS "sourceName"`;
  return row ?? null;
}

/** The dead-letter copy of a job that failed past its retries (tests and samples: pg-boss gives the copy a new id). */
export async function findDeadCopyOf(db: DbOrTx, sourceJobId: string): Promise<string | null> {
  const [row] = await db.$queryRaw<{ id: string }[]>`
    SELECT j.id::text AS id FROM pgboss.job j
    WHERE j.name IN (${Prisma.join(Object.values(DEAD_QUEUES))}) AND j.source_id = ${sourceJobId}::uuid
    ORDER BY j.created_on DESC LIMIT 1`;
  return row?.id ?? null;
}
