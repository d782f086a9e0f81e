import { z } from 'zod';
import { idSchema, pageSizeSchema } from './limits.ts';

/**
 * Failed jobs ("dead letters"): jobs that failed past their retries, kept so an administrator can see what they
 * were about and retry or discard them. `queue` names the work, not pg-boss's queue.
 */
export const DEAD_JOB_QUEUES = ['ingest', 'poll'] as const;
export type DeadJobQueue = (typeof DEAD_JOB_QUEUES)[number];

/** The last error of a failed job is cut to this many characters. */
export const DEAD_JOB_ERROR_MAX = 500;
/** The badge count stops at this number ("1000+"). */
export const DEAD_JOB_COUNT_CAP = 1000;

export const listDeadJobsInput = z.strictObject({
  organizationId: idSchema,
  limit: pageSizeSchema.default(25),
  /** Keyset cursor: the id of the last job of the previous page. */
  cursor: idSchema.optional(),
});

export const deadJobInput = z.strictObject({ organizationId: idSchema, jobId: idSchema });
