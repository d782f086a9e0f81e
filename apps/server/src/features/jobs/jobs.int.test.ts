import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUES } from '../../queue/queue.ts';
import { createTestDatabase } from '../../../test/test-database.ts';
import { callerFor, createTenant, startTestServices, type TenantFixture } from '../../../test/harness.ts';
import { outcome } from '../../../test/procedure-samples.ts';
import { createDeadJob } from './dead-job.testing.ts';

/** Polls `check` until it returns a value (not undefined), or fails after `ms`. */
async function eventually<T>(check: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('failed jobs: dead letters seen, retried and discarded by admins, per tenant', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let services: Awaited<ReturnType<typeof startTestServices>>;
  let a: TenantFixture;
  let b: TenantFixture;
  let eventId: string;
  /** The ingest handler fails while this is set, like a worker whose database call keeps throwing. */
  let failing = true;
  const processed: { organizationId: string; inboundEventIds: string[] }[] = [];
  const admin = () => callerFor(db.prisma, a.users.admin.userId);
  const other = () => callerFor(db.prisma, b.users.owner.userId);
  const own = () => ({ organizationId: a.organizationId });

  beforeAll(async () => {
    db = await createTestDatabase();
    services = await startTestServices(db);
    a = await createTenant(db.prisma, 'Dead Letter Air');
    b = await createTenant(db.prisma, 'Other Telecom');
    const event = await db.prisma.inboundEvent.create({
      data: {
        organizationId: a.organizationId,
        channelId: a.webhookChannelId,
        source: 'generic_webhook',
        payload: { text: 'Where is my bag?' },
      },
      select: { id: true },
    });
    eventId = event.id;
    await services.queue.work<{ organizationId: string; inboundEventIds: string[] }>(QUEUES.ingest.name, (job) => {
      if (failing) return Promise.reject(new Error('Mention store unavailable: connection reset'));
      processed.push(job.data);
      return Promise.resolve();
    });
  });
  afterAll(async () => {
    await services.stop();
    await db.dispose();
  });

  it('a job that keeps failing ends in the dead list after its retries, with what it was about', async () => {
    const data = { organizationId: a.organizationId, inboundEventIds: [eventId] };
    // One retry, no delay (production queues retry 8 times with back-off).
    await services.queue.enqueueWithRetryLimit(QUEUES.ingest.name, data, 1);
    const caller = await admin();
    const page = await eventually(async () => {
      const p = await caller.jobs.listDead({ ...own(), limit: 10 });
      return p.items.length > 0 ? p : undefined;
    });
    expect(page.nextCursor).toBeNull();
    expect(page.items).toHaveLength(1);
    const job = page.items[0]!;
    expect(job).toMatchObject({
      queue: 'ingest',
      channel: { id: a.webhookChannelId, name: 'Dead Letter Air webhook' },
      brand: { id: a.brandIds[0], name: 'Dead Letter Air Main' },
      eventCount: 1,
      error: 'Mention store unavailable: connection reset',
      attempts: 2,
    });
    expect(job.failedAt.getTime()).toBeGreaterThanOrEqual(job.createdAt.getTime());
    expect(await caller.jobs.countDead(own())).toEqual({ count: 1 });
    expect(processed).toHaveLength(0);
  });

  it('another tenant sees nothing and gets NOT_FOUND on the id', async () => {
    const [job] = (await (await admin()).jobs.listDead({ ...own(), limit: 10 })).items;
    const caller = await other();
    const theirs = { organizationId: b.organizationId };
    expect((await caller.jobs.listDead({ ...theirs, limit: 10 })).items).toEqual([]);
    expect(await caller.jobs.countDead(theirs)).toEqual({ count: 0 });
    expect(await outcome(caller.jobs.retryDead({ ...theirs, jobId: job!.id }))).toBe('NOT_FOUND');
    expect(await outcome(caller.jobs.discardDead({ ...theirs, jobId: job!.id }))).toBe('NOT_FOUND');
    // Naming A's organization is no better: B is not a member.
    expect(await outcome(caller.jobs.listDead({ ...own(), limit: 10 }))).toBe('NOT_FOUND');
    expect((await (await admin()).jobs.listDead({ ...own(), limit: 10 })).items).toHaveLength(1);
  });

  it('a manager sees the failed jobs but may not retry them', async () => {
    const manager = await callerFor(db.prisma, a.users.manager.userId);
    const [job] = (await manager.jobs.listDead({ ...own(), limit: 10 })).items;
    expect(job).toBeDefined();
    expect(await outcome(manager.jobs.retryDead({ ...own(), jobId: job!.id }))).toBe('FORBIDDEN');
  });

  it('retry puts the job back on its queue once (a double click retries once) and a worker processes it', async () => {
    const caller = await admin();
    const [job] = (await caller.jobs.listDead({ ...own(), limit: 10 })).items;
    failing = false;
    const results = await Promise.all([
      outcome(caller.jobs.retryDead({ ...own(), jobId: job!.id })),
      outcome(caller.jobs.retryDead({ ...own(), jobId: job!.id })),
    ]);
    expect(results.filter((r) => r === 'OK')).toHaveLength(1);
    expect(['NOT_FOUND', 'CONFLICT']).toContain(results.find((r) => r !== 'OK'));
    expect(await outcome(caller.jobs.retryDead({ ...own(), jobId: job!.id }))).toBe('NOT_FOUND');
    expect((await caller.jobs.listDead({ ...own(), limit: 10 })).items).toEqual([]);

    await eventually(() => Promise.resolve(processed.length > 0 ? true : undefined));
    expect(processed).toEqual([{ organizationId: a.organizationId, inboundEventIds: [eventId] }]);
    const audit = await db.prisma.auditLog.findMany({
      where: { organizationId: a.organizationId, action: 'jobs.retryDead', outcome: 'ok' },
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ targetId: job!.id, actorUserId: a.users.admin.userId });
    // Processed once, not twice: no second job was created.
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(processed).toHaveLength(1);
  });

  it('discard deletes the job for good; a second discard is NOT_FOUND', async () => {
    const jobId = await createDeadJob(db.prisma, services.queue, QUEUES.poll.name, {
      organizationId: a.organizationId,
      channelId: a.webhookChannelId,
    });
    const caller = await admin();
    const [job] = (await caller.jobs.listDead({ ...own(), limit: 10 })).items;
    expect(job).toMatchObject({
      id: jobId,
      queue: 'poll',
      channel: { name: 'Dead Letter Air webhook' },
      brand: { name: 'Dead Letter Air Main' },
      eventCount: null,
      error: 'X answered 503 Service Unavailable',
      attempts: 1,
    });
    expect(await caller.jobs.discardDead({ ...own(), jobId })).toEqual({ discarded: true });
    expect(await outcome(caller.jobs.discardDead({ ...own(), jobId }))).toBe('NOT_FOUND');
    expect(await outcome(caller.jobs.retryDead({ ...own(), jobId }))).toBe('NOT_FOUND');
    expect(await caller.jobs.countDead(own())).toEqual({ count: 0 });
    expect(
      await db.prisma.auditLog.count({
        where: { organizationId: a.organizationId, action: 'jobs.discardDead', outcome: 'ok' },
      }),
    ).toBe(1);
  });

  it('a retry the queue refuses (a poll already waiting) is a CONFLICT and keeps the job', async () => {
    const jobId = await createDeadJob(db.prisma, services.queue, QUEUES.poll.name, {
      organizationId: a.organizationId,
      channelId: a.webhookChannelId,
    });
    // `ingest.poll` is stately: one waiting poll per key. Nobody works polls in this test, so this one waits.
    expect(await services.queue.enqueue(QUEUES.poll.name, { organizationId: a.organizationId })).toBe(true);
    const caller = await admin();
    const result = caller.jobs.retryDead({ ...own(), jobId });
    await expect(result).rejects.toMatchObject({ code: 'CONFLICT', message: /already waiting/ });
    expect((await caller.jobs.listDead({ ...own(), limit: 10 })).items.map((j) => j.id)).toEqual([jobId]);
    await caller.jobs.discardDead({ ...own(), jobId });
  });

  it('pages newest first, and never shows jobs that name no organization', async () => {
    await createDeadJob(db.prisma, services.queue, QUEUES.ingest.name, { organizationId: a.organizationId }, 'one');
    await createDeadJob(db.prisma, services.queue, QUEUES.ingest.name, { organizationId: a.organizationId }, 'two');
    await createDeadJob(db.prisma, services.queue, QUEUES.ingest.name, { organizationId: a.organizationId }, 'three');
    const orphan = await services.queue.enqueueWithRetryLimit(QUEUES.ingest.name, { inboundEventIds: [] }, 0);
    await services.queue.failNow(QUEUES.ingest.name, orphan, new Error('no organization'));

    const caller = await admin();
    const first = await caller.jobs.listDead({ ...own(), limit: 2 });
    expect(first.items.map((j) => j.error)).toEqual(['three', 'two']);
    expect(first.nextCursor).toBe(first.items[1]!.id);
    const second = await caller.jobs.listDead({ ...own(), limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((j) => j.error)).toEqual(['one']);
    expect(second.nextCursor).toBeNull();
    expect(second.items[0]).toMatchObject({ channel: null, brand: null, eventCount: null });
    expect(await caller.jobs.countDead(own())).toEqual({ count: 3 });
  });
});
