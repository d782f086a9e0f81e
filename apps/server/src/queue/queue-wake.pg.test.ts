import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/test-database.ts';
import { QUEUES, startQueue, type Queue } from './queue.ts';

/**
 * A process without workers (a web process) wakes the workers of another (a worker process) on one PostgreSQL
 * (queue-wake.ts): the job starts at once, not at the worker's next poll. Their poll is made 60 s long here, so
 * only the wake can start the job within the test's time. PostgreSQL only (the embedded database is one process).
 */
if (!process.env.TEST_DATABASE_URL) throw new Error('queue-wake.pg.test.ts needs TEST_DATABASE_URL');

describe('queue wakes across processes', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let web: Queue;
  let worker: Queue;
  const handled: { id: string }[] = [];
  const log = pino({ level: 'silent' });

  beforeAll(async () => {
    db = await createTestDatabase();
    worker = await startQueue(db, log, { pollingIntervalSeconds: 60 });
    web = await startQueue(db, log, { pollingIntervalSeconds: 60 });
    await worker.work<{ id: string }>(QUEUES.wake.name, (job) => {
      handled.push({ id: job.data.id });
      return Promise.resolve();
    });
    // The worker's first fetch (at start) finds nothing; from now on it fetches only when polled or woken.
    await new Promise((r) => setTimeout(r, 1_000));
  });
  afterAll(async () => {
    await web?.stop();
    await worker?.stop();
    await db?.dispose();
  });

  const until = async (done: () => boolean, ms: number) => {
    const started = performance.now();
    while (!done() && performance.now() - started < ms) await new Promise((r) => setTimeout(r, 20));
    return done();
  };

  it('a job added without a wake waits for the poll; the wake from the other process starts it', async () => {
    await web.enqueue(QUEUES.wake.name, { id: 'quiet' });
    expect(await until(() => handled.length > 0, 2_000)).toBe(false);
    web.wake(QUEUES.wake.name);
    expect(await until(() => handled.some((h) => h.id === 'quiet'), 10_000)).toBe(true);
  });

  it('every wake of a burst is answered: coalesced wakes still start every job once', async () => {
    for (let i = 0; i < 30; i++) {
      await web.enqueue(QUEUES.wake.name, { id: `burst-${i}` });
      web.wake(QUEUES.wake.name);
    }
    expect(await until(() => handled.filter((h) => h.id.startsWith('burst-')).length === 30, 10_000)).toBe(true);
    const ids = handled.map((h) => h.id).filter((id) => id.startsWith('burst-'));
    expect(new Set(ids).size).toBe(ids.length);
  });
});
