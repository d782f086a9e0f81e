import { PgBoss, type Job, type JobResult } from 'pg-boss';
import type { Database, Tx } from '../db/database.ts';
import { connectionExecutor, transactionExecutor } from '../db/raw-executor.ts';
import type { SqlClient } from '../db/pg-transaction.ts';
import type { Logger } from '../logger.ts';
import { createPgWakeSignal } from './queue-wake.ts';

/** Every queue Perch uses, with its retry policy: capped exponential back-off with jitter, dead letters kept. */
export const QUEUES = {
  ingest: {
    name: 'ingest.process',
    policy: 'standard',
    retryLimit: 8,
    retryDelay: 2,
    retryBackoff: true,
    retryDelayMax: 300,
    // A worker killed mid-job (kill -9) stops its heartbeat: the job is retried within ~20 s instead of staying
    // active until pg-boss's 15-minute expiry (R2, found by `reliability -- r1`).
    heartbeatSeconds: 10,
  },
  /** X mention polls, one `{channelId}` job per channel: `stately` keeps at most one waiting poll per key. */
  poll: {
    name: 'ingest.poll',
    policy: 'stately',
    retryLimit: 8,
    retryDelay: 2,
    retryBackoff: true,
    retryDelayMax: 300,
    heartbeatSeconds: 10,
  },
  /** Opens a snoozed conversation when its snooze ends: `{organizationId, conversationId, until}`, startAfter until. */
  wake: {
    name: 'conversation.wake',
    policy: 'standard',
    retryLimit: 8,
    retryDelay: 2,
    retryBackoff: true,
    retryDelayMax: 300,
  },
  /** Automatic assignment of one brand's waiting conversations: `{organizationId, brandId}`, one waiting per brand. */
  routing: {
    name: 'routing.assign',
    policy: 'stately',
    retryLimit: 8,
    retryDelay: 2,
    retryBackoff: true,
    retryDelayMax: 300,
  },
  /**
   * Automation rules to run (features/automation): `{organizationId, trigger, targets}`, at most
   * AUTOMATION_JOB_TARGETS conversations per job; each conversation runs in its own transaction.
   */
  /**
   * Reply delivery (features/replies/delivery): `{organizationId, replyId}`, one attempt per job. Network failures
   * are the worker's own state machine (back-off, 429 resets, dead letters on the reply row); these retries only
   * cover a handler that crashed (database down).
   */
  delivery: {
    name: 'reply.deliver',
    policy: 'standard',
    retryLimit: 8,
    retryDelay: 2,
    retryBackoff: true,
    retryDelayMax: 60,
  },
  /**
   * Rebuilds one brand's rollups from its facts (features/metrics): `{organizationId, brandId}`, after a change of
   * the brand's time zone moves its local days. `stately`: a rebuild already waiting for the brand absorbs another.
   */
  metricsRebuild: {
    name: 'metrics.rebuild',
    policy: 'stately',
    retryLimit: 8,
    retryDelay: 2,
    retryBackoff: true,
    retryDelayMax: 300,
  },
  automation: {
    name: 'automation.run',
    policy: 'standard',
    retryLimit: 8,
    retryDelay: 2,
    retryBackoff: true,
    retryDelayMax: 300,
  },
  /**
   * Releases a brand's mentions held over its quota after a plan change lifted it (features/billing/quota-release.ts):
   * `{organizationId, brandId}`. `stately`: a release already waiting for the brand absorbs another.
   */
  releaseHeld: {
    name: 'billing.release-held',
    policy: 'stately',
    retryLimit: 8,
    retryDelay: 2,
    retryBackoff: true,
    retryDelayMax: 300,
  },
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES]['name'];

export interface Queue {
  /** Adds a job inside `tx`: it exists if and only if the transaction commits (and starts no earlier than `startAfter`). */
  enqueueInTransaction(tx: Tx, queue: QueueName, data: object, options?: { startAfter?: Date }): Promise<void>;
  /** The same through a pg connection inside a transaction (`withPgTransaction`, the webhooks' hot path). */
  enqueueOnConnection(client: SqlClient, queue: QueueName, data: object): Promise<void>;
  /**
   * Adds a job now (outside any transaction), to start no earlier than `startAfter`. With `singletonKey` on a
   * `stately` queue, a job already waiting under that key wins and this one is dropped (returns false).
   */
  enqueue(queue: QueueName, data: object, options?: { startAfter?: Date; singletonKey?: string }): Promise<boolean>;
  work<T extends object>(queue: QueueName, handler: (job: Job<T>) => Promise<void>): Promise<void>;
  /**
   * Hands each fetch of up to `batchSize` jobs to `handler` at once, so that it can do their work together (the
   * ingest worker stores many small group-commit jobs in one pass). It answers the jobs that failed, each with its
   * error; the others complete. A throw fails every job of the fetch. Each failed job is retried on its own policy.
   */
  workBatch<T extends object>(
    queue: QueueName,
    options: { batchSize: number },
    handler: (jobs: Job<T>[]) => Promise<ReadonlyMap<string, Error>>,
  ): Promise<void>;
  /**
   * Wakes workers of `queue` to fetch now (after a commit that added jobs), not at their next poll: this process's
   * own, or, when it has none, every process's by NOTIFY on a server (queue-wake.ts).
   */
  wake(queue: QueueName): void;
  stop(): Promise<void>;
  // Dead letters (features/jobs) ------------------------------------------------------------------------------
  /**
   * Moves one dead-lettered job of `organizationId` (its `data.organizationId`) from `deadQueue` back to the queue
   * it failed on, as a fresh job with that queue's retry policy (pg-boss `redrive`), inside `tx`. One statement
   * that locks the row (SKIP LOCKED): two concurrent calls never both move it. False when nothing moved (gone,
   * being moved by another call, or refused by the destination's policy: then the row is marked, see pg-boss).
   */
  redriveDeadInTransaction(
    tx: Tx,
    deadQueue: `${QueueName}.dead`,
    jobId: string,
    organizationId: string,
  ): Promise<boolean>;
  /**
   * Adds a job with its own retry limit and no delay between attempts; returns its id. Tests and the security
   * samples use it (with a failing handler, or `failNow`) to reach the dead-letter queue without the back-off.
   */
  enqueueWithRetryLimit(queue: QueueName, data: object, retryLimit: number): Promise<string>;
  /** Fails a job that is waiting or running, as its handler's error would: past its retries, pg-boss dead-letters it. */
  failNow(queue: QueueName, jobId: string, error: Error): Promise<void>;
  /**
   * Job counts of every Perch queue and its dead-letter queue, as pg-boss's supervisor last counted them (at most
   * one supervise interval old): for /metrics.
   */
  stats(): Promise<QueueStat[]>;
}

export interface QueueStat {
  queue: string;
  /** Waiting and startable now. */
  ready: number;
  /** Waiting for their start time (back-off, snoozes, scheduled polls). */
  deferred: number;
  active: number;
  failed: number;
}

/**
 * pg-boss on the same PostgreSQL: jobs survive restarts and crashes like any row. On a real server it has its
 * own small pool; on the embedded database it shares Perch's single connection (see db/database.ts).
 */
export async function startQueue(
  db: Database,
  log: Logger,
  /** Tests lengthen the poll to show that a wake, not the poll, started a job. */
  options: { pollingIntervalSeconds?: number } = {},
): Promise<Queue> {
  const boss = db.embedded
    ? new PgBoss({ db: { executeSql: (text, values) => db.pool.query(text, values) } })
    : // The monitor pass (heartbeat failures, queue stats) runs with the supervisor, every 10 s: at pg-boss's default
      // of 60 s, a job whose worker was killed right after fetching it waited a minute for its retry (R2).
      new PgBoss({ connectionString: db.url, max: 3, superviseIntervalSeconds: 10, monitorIntervalSeconds: 10 });
  boss.on('error', (error) => log.error({ err: error }, 'queue error'));
  await boss.start();
  for (const q of Object.values(QUEUES)) {
    await boss.createQueue(`${q.name}.dead`);
    const settings = {
      retryLimit: q.retryLimit,
      retryDelay: q.retryDelay,
      retryBackoff: q.retryBackoff,
      retryDelayMax: q.retryDelayMax,
      ...('heartbeatSeconds' in q ? { heartbeatSeconds: q.heartbeatSeconds } : {}),
      deadLetter: `${q.name}.dead`,
    };
    // createQueue leaves an existing queue as it is: the update brings a deployed database's queues to these
    // settings (a policy cannot change after creation).
    await boss.createQueue(q.name, { policy: q.policy, ...settings });
    await boss.updateQueue(q.name, settings);
  }
  const workers = new Map<QueueName, string[]>();
  const wakeHere = (queue: string) => {
    for (const id of workers.get(queue as QueueName) ?? []) boss.notifyWorker(id);
  };
  // On a server, workers may live in another process (ARCHITECTURE.md): wakes travel by NOTIFY.
  const elsewhere = db.embedded
    ? null
    : await createPgWakeSignal({ url: db.url, pool: db.pool, log, onWake: wakeHere });
  /**
   * One pg-boss worker: fetches of up to `batchSize` jobs, back to back while they come back full (a backlog drains
   * at the handler's speed, not at one fetch per poll interval); `settle` answers the jobs that failed.
   */
  const workFetched = async (
    queue: QueueName,
    batchSize: number,
    settle: (jobs: Job<unknown>[]) => Promise<ReadonlyMap<string, Error>>,
  ) => {
    const id = await boss.work(
      queue,
      {
        batchSize,
        pollingIntervalSeconds: options.pollingIntervalSeconds ?? 0.5,
        burstWhenBatchFull: true,
        perJobResults: true,
      },
      async (jobs) => {
        const failed = await settle(jobs);
        return jobs.map((job): JobResult => {
          const e = failed.get(job.id);
          if (!e) return { id: job.id, status: 'completed' };
          log.warn({ err: e, queue, jobId: job.id }, 'job failed');
          return { id: job.id, status: 'failed', output: { name: e.name, message: e.message, stack: e.stack } };
        });
      },
    );
    workers.set(queue, [...(workers.get(queue) ?? []), id]);
  };
  return {
    async enqueueInTransaction(tx, queue, data, options = {}) {
      await boss.send(queue, data, {
        db: transactionExecutor(tx),
        ...(options.startAfter ? { startAfter: options.startAfter } : {}),
      });
    },
    async enqueueOnConnection(client, queue, data) {
      await boss.send(queue, data, { db: connectionExecutor(client) });
    },
    async enqueue(queue, data, options = {}) {
      const id = await boss.send(queue, data, {
        ...(options.startAfter ? { startAfter: options.startAfter } : {}),
        ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
      });
      return id !== null;
    },
    async work(queue, handler) {
      // Up to 10 jobs per fetch; each job settles on its own outcome.
      await workFetched(queue, 10, async (jobs) => {
        const failed = new Map<string, Error>();
        for (const job of jobs) {
          try {
            await handler(job as Job<never>);
          } catch (error) {
            failed.set(job.id, error instanceof Error ? error : new Error(String(error)));
          }
        }
        return failed;
      });
    },
    async workBatch(queue, settings, handler) {
      await workFetched(queue, settings.batchSize, async (jobs) => {
        try {
          return await handler(jobs as Job<never>[]);
        } catch (error) {
          const e = error instanceof Error ? error : new Error(String(error));
          return new Map(jobs.map((job) => [job.id, e]));
        }
      });
    },
    wake(queue) {
      if (workers.get(queue)?.length) wakeHere(queue);
      else elsewhere?.signal(queue);
    },
    async stop() {
      await elsewhere?.close();
      await boss.stop({ graceful: true, timeout: 10_000 });
    },
    // Dead letters (features/jobs) ----------------------------------------------------------------------------
    async redriveDeadInTransaction(tx, deadQueue, jobId, organizationId) {
      const moved = await boss.redrive(deadQueue, {
        ids: [jobId],
        data: { organizationId },
        limit: 1,
        db: transactionExecutor(tx),
      });
      return moved > 0;
    },
    async enqueueWithRetryLimit(queue, data, retryLimit) {
      const id = await boss.send(queue, data, { retryLimit, retryDelay: 0, retryBackoff: false });
      if (!id) throw new Error(`queue ${queue} refused the job`);
      return id;
    },
    async failNow(queue, jobId, error) {
      await boss.fail(queue, jobId, { name: error.name, message: error.message });
    },
    async stats() {
      const names = Object.values(QUEUES).flatMap((q) => [q.name, `${q.name}.dead`]);
      const rows = await boss.getQueues(names);
      return rows.map((r) => ({
        queue: r.name,
        ready: r.readyCount,
        deferred: r.deferredCount,
        active: r.activeCount,
        failed: r.failedCount,
      }));
    },
  };
}
