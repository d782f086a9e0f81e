import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { startQueue, type Queue } from '../../../queue/queue.ts';
import { createTestDatabase } from '../../../../test/test-database.ts';
import { createTenant, type TenantFixture } from '../../../../test/harness.ts';
import { enqueueDelivery } from './delivery-job.ts';
import { claimReply } from './delivery.repository.ts';
import { startDeliveryWorld } from './delivery.testing.ts';
import { startDeliveryWorker, sweepDeliveries } from './delivery.worker.ts';

const log = pino({ level: process.env.TEST_LOG ?? 'silent' });

describe('the delivery worker: outbox jobs, the sweeper after a crash, many replies under faults', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let queue: Queue;
  let t: TenantFixture;
  let w: Awaited<ReturnType<typeof startDeliveryWorld>>;
  let worker: { stop(): Promise<void> };

  const jobsFor = async (replyId: string) =>
    Number(
      (
        await db.pool.query<{ n: string }>(
          `SELECT count(*) AS n FROM pgboss.job WHERE name = 'reply.deliver' AND data->>'replyId' = $1`,
          [replyId],
        )
      ).rows[0]!.n,
    );
  async function until<T>(read: () => Promise<T>, done: (v: T) => boolean, ms = 30_000): Promise<T> {
    const end = Date.now() + ms;
    for (;;) {
      const value = await read();
      if (done(value) || Date.now() > end) return value;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const stateOf = (replyId: string) => w.replyRow(replyId).then((r) => r.state);

  beforeAll(async () => {
    db = await createTestDatabase();
    queue = await startQueue(db, log);
    t = await createTenant(db.prisma, 'Worker Air');
    w = await startDeliveryWorld(db, queue, t);
    // Jitter 0: the shortest back-off (1 s, 2 s, 4 s…), so retried replies settle within the test.
    w.deps.random = () => 0;
    worker = await startDeliveryWorker({ ...w.deps, sweepIntervalMs: 200, leaseMs: 1_500, timeoutMs: 400 }, log);
  });
  afterAll(async () => {
    await worker?.stop();
    await queue?.stop();
    await w?.sandbox.close();
    await db?.dispose();
  });

  it('transactional outbox: a reply and its job commit together, and the worker sends it', async () => {
    const r = await w.queuedReply();
    await db.prisma.$transaction((tx) => enqueueDelivery(queue, tx, w.job(r.replyId)));
    queue.wake('reply.deliver');
    expect(
      await until(
        () => stateOf(r.replyId),
        (s) => s === 'sent',
      ),
    ).toBe('sent');
    expect(w.answersTo(r.postId)).toHaveLength(1);

    // Rolled back: neither the row nor its job exists.
    const ghost = '01900000-0000-7000-8000-00000000abcd';
    await expect(
      db.prisma.$transaction(async (tx) => {
        await enqueueDelivery(queue, tx, w.job(ghost));
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await jobsFor(ghost)).toBe(0);
  });

  it('kill -9 after X accepted the post: the sweeper re-queues the expired lease, the lookup finds the post', async () => {
    const r = await w.queuedReply();
    // A worker claims the reply, X accepts the post, and the worker dies before it can record anything.
    const claimed = await db.prisma.$transaction((tx) =>
      claimReply(tx, w.job(r.replyId), new Date(w.now()), new Date(w.now() + 300)),
    );
    expect(claimed?.attempts).toBe(1);
    w.sandbox.state.postTweet({ authorId: w.brand.id, text: r.text, inReplyToTweetId: r.postId, via: 'api' });
    expect(await jobsFor(r.replyId)).toBe(0);

    expect(
      await until(
        () => stateOf(r.replyId),
        (s) => s === 'sent',
      ),
    ).toBe('sent');
    const row = await w.replyRow(r.replyId);
    const posts = w.answersTo(r.postId);
    expect(posts).toHaveLength(1);
    expect(row).toMatchObject({ attempts: 2, networkId: posts[0]!.id, outcomeUnknown: false });
    const sent = await db.prisma.conversationEvent.findFirstOrThrow({
      where: { conversationId: r.conversationId, type: 'reply_sent' },
    });
    expect(sent.data).toMatchObject({ reconciled: true, attempts: 2 });
  });

  it('kill -9 before the request left: the lookup finds nothing and the reply is posted once', async () => {
    const r = await w.queuedReply();
    await db.prisma.$transaction((tx) => claimReply(tx, w.job(r.replyId), new Date(w.now()), new Date(w.now() + 300)));
    expect(
      await until(
        () => stateOf(r.replyId),
        (s) => s === 'sent',
      ),
    ).toBe('sent');
    expect(w.answersTo(r.postId)).toHaveLength(1);
    expect((await w.replyRow(r.replyId)).attempts).toBe(2);
  });

  it('a lost job: a queued reply overdue by more than 30 s gets a fresh one', async () => {
    const r = await w.queuedReply();
    await db.prisma.reply.update({
      where: { id: r.replyId },
      data: { nextAttemptAt: new Date(w.now() - 31_000) },
    });
    expect(
      await until(
        () => stateOf(r.replyId),
        (s) => s === 'sent',
      ),
    ).toBe('sent');
    expect(w.answersTo(r.postId)).toHaveLength(1);
    // Not overdue (a job is on its way): the sweeper leaves it alone.
    const fresh = await w.queuedReply();
    await db.prisma.reply.update({ where: { id: fresh.replyId }, data: { state: 'failed' } });
    expect(await sweepDeliveries({ ...w.deps, queue })).toBe(0);
    await db.prisma.reply.update({ where: { id: fresh.replyId }, data: { state: 'canceled' } });
  });

  // (429s wait for X's 15-minute window: delivery.int.test.ts covers them with a moved clock.)
  it('30 replies under 5xx, timeouts and lost answers: every one sent, none posted twice', async () => {
    const replies: Awaited<ReturnType<typeof w.queuedReply>>[] = [];
    for (let i = 0; i < 30; i++) replies.push(await w.queuedReply());
    w.sandbox.faults.set({
      error5xxRate: 0.2,
      timeoutRate: 0.1,
      lostResponseRate: 0.2,
      endpoints: ['tweets'],
    });
    await db.prisma.$transaction(async (tx) => {
      for (const r of replies) await enqueueDelivery(queue, tx, w.job(r.replyId));
    });
    queue.wake('reply.deliver');
    const states = await until(
      () => Promise.all(replies.map((r) => stateOf(r.replyId))),
      (s) => s.every((x) => x === 'sent' || x === 'dead'),
      90_000,
    );
    w.sandbox.faults.reset();
    expect(states.filter((s) => s !== 'sent')).toEqual([]);
    for (const r of replies) expect(w.answersTo(r.postId)).toHaveLength(1);
    const injected = w.sandbox.faults.injected;
    expect(injected['5xx'] + injected.timeout + injected.lost).toBeGreaterThan(0);
  }, 120_000);
});
