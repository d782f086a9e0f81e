import type pg from 'pg';
import { listenPg } from '../db/pg-listener.ts';
import type { Logger } from '../logger.ts';

const CHANNEL = 'perch_queue_wake';
/** At most one wake per queue per interval: under load the workers are busy anyway, fetching back to back. */
export const WAKE_INTERVAL_MS = 25;

/** Wakes the workers of a queue in every Perch process. */
export interface WakeSignal {
  signal(queue: string): void;
  close(): Promise<void>;
}

/**
 * Queue wakes across processes on a real PostgreSQL server: `signal` sends the queue's name with NOTIFY (called
 * after the COMMIT that added jobs), and each process LISTENs and wakes its own workers of that queue — a web
 * process's webhook is picked up by a worker process at once, not at its next poll (pg-boss polls every 0.5 s).
 * Signals are coalesced to one NOTIFY per queue per WAKE_INTERVAL_MS. A lost one costs a poll interval, nothing
 * else: the job is in the table.
 */
export async function createPgWakeSignal(options: {
  url: string;
  pool: pg.Pool;
  log: Logger;
  onWake: (queue: string) => void;
}): Promise<WakeSignal> {
  const listener = await listenPg({
    url: options.url,
    channel: CHANNEL,
    name: 'perch-queue-wake',
    log: options.log,
    onPayload: options.onWake,
  });
  const lastSent = new Map<string, number>();
  const scheduled = new Map<string, NodeJS.Timeout>();
  const send = (queue: string) => {
    lastSent.set(queue, performance.now());
    options.pool.query('SELECT pg_notify($1, $2)', [CHANNEL, queue]).catch((error: unknown) => {
      options.log.warn({ err: error, queue }, 'queue wake not sent (the next poll picks the job up)');
    });
  };
  return {
    signal(queue) {
      if (scheduled.has(queue)) return;
      const wait = (lastSent.get(queue) ?? -Infinity) + WAKE_INTERVAL_MS - performance.now();
      if (wait <= 0) return send(queue);
      scheduled.set(
        queue,
        setTimeout(() => {
          scheduled.delete(queue);
          send(queue);
        }, wait),
      );
    },
    async close() {
      for (const timer of scheduled.values()) clearTimeout(timer);
      scheduled.clear();
      await listener.close();
    },
  };
}
