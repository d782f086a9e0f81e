import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { REPLY_LIMITS } from '@perch/shared';
import { startQueue, type Queue } from '../../../queue/queue.ts';
import { createTestDatabase } from '../../../../test/test-database.ts';
import { createTenant, type TenantFixture } from '../../../../test/harness.ts';
import { deliverReply } from './deliver-reply.ts';
import { claimReply, markFailed, markSent } from './delivery.repository.ts';
import { startDeliveryWorld } from './delivery.testing.ts';

const log = pino({ level: process.env.TEST_LOG ?? 'silent' });

describe('reply delivery to X (the outbox worker, one attempt at a time, against the sandbox network)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let queue: Queue;
  let t: TenantFixture;
  let w: Awaited<ReturnType<typeof startDeliveryWorld>>;

  const deliveryJobs = async (replyId: string) =>
    (
      await db.pool.query<{ start_after: Date }>(
        `SELECT start_after FROM pgboss.job WHERE name = 'reply.deliver' AND data->>'replyId' = $1 ORDER BY created_on`,
        [replyId],
      )
    ).rows;
  const eventsOf = (conversationId: string) =>
    db.prisma.conversationEvent.findMany({ where: { conversationId }, orderBy: { id: 'asc' } });

  beforeAll(async () => {
    db = await createTestDatabase();
    queue = await startQueue(db, log);
    t = await createTenant(db.prisma, 'Deliver Air');
    w = await startDeliveryWorld(db, queue, t);
  });
  afterAll(async () => {
    await queue?.stop();
    await w?.sandbox.close();
    await db?.dispose();
  });
  beforeEach(() => {
    w.sandbox.faults.reset();
  });

  it('sends a public reply: network id stored, one post on X, reply_sent event, the conversation answered', async () => {
    const r = await w.queuedReply();
    const before = await db.prisma.conversation.findUniqueOrThrow({ where: { id: r.conversationId } });
    expect(await deliverReply(w.deps, w.job(r.replyId))).toEqual({ state: 'sent', attempt: 1 });

    const posts = w.answersTo(r.postId);
    expect(posts).toHaveLength(1);
    expect(posts[0]!.text).toBe(r.text);
    const row = await w.replyRow(r.replyId);
    expect(row).toMatchObject({
      state: 'sent',
      networkId: posts[0]!.id,
      attempts: 1,
      lastError: null,
      leaseUntil: null,
      outcomeUnknown: false,
      nextAttemptAt: null,
    });
    expect(row.sentAt).toBeInstanceOf(Date);
    const events = await eventsOf(r.conversationId);
    const sent = events.filter((e) => e.type === 'reply_sent');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      actorUserId: t.users.agent.userId,
      occurredAt: row.sentAt,
      data: { replyId: r.replyId, networkId: posts[0]!.id, isDirectMessage: false, attempts: 1 },
    });
    const after = await db.prisma.conversation.findUniqueOrThrow({ where: { id: r.conversationId } });
    expect(after.lastOutboundAt).toEqual(row.sentAt);
    expect(after.waitingSince).toBeNull();
    expect(after.version).toBe(before.version);
    await new Promise((resolve) => setImmediate(resolve));
    const live = w.events.filter((e) => e.conversationId === r.conversationId).map((e) => e.type);
    expect(live).toEqual(['reply.updated', 'reply.updated', 'conversation.updated']);

    // A duplicate job (or a late one) finds nothing to do: still one post.
    expect(await deliverReply(w.deps, w.job(r.replyId))).toEqual({ state: 'skipped' });
    expect(w.answersTo(r.postId)).toHaveLength(1);
  });

  it('a direct message goes to the DM endpoint and stores the dm_event_id', async () => {
    const r = await w.queuedReply({ isDirectMessage: true, text: 'Please send us your booking reference by DM.' });
    expect(await deliverReply(w.deps, w.job(r.replyId))).toMatchObject({ state: 'sent' });
    const dms = w.sandbox.state.directMessagesOf(w.brand.id, w.customer.id);
    expect(dms.filter((m) => m.text === r.text)).toHaveLength(1);
    const row = await w.replyRow(r.replyId);
    expect(row.networkId).toBe(dms.find((m) => m.text === r.text)!.id);
  });

  it('5xx: failed with capped exponential back-off and a job for the next attempt, then sent', async () => {
    const r = await w.queuedReply();
    w.sandbox.faults.set({ error5xxRate: 1, endpoints: ['tweets'] });
    const t0 = w.now();
    const first = await deliverReply(w.deps, w.job(r.replyId));
    expect(first).toMatchObject({ state: 'failed', attempt: 1 });
    const failed = await w.replyRow(r.replyId);
    expect(failed.state).toBe('failed');
    expect(failed.lastError).toMatch(/^X 50[023] /);
    expect(failed.outcomeUnknown).toBe(false);
    // Attempt 1: 2 s ceiling, equal jitter with random 0.5 → 1.5 s.
    expect(failed.nextAttemptAt!.getTime() - t0).toBeGreaterThanOrEqual(1_500);
    expect(failed.nextAttemptAt!.getTime() - t0).toBeLessThan(1_500 + 1_000);
    const jobs = await deliveryJobs(r.replyId);
    expect(jobs).toHaveLength(1);
    expect(Math.abs(jobs[0]!.start_after.getTime() - failed.nextAttemptAt!.getTime())).toBeLessThan(1_000);
    const failedEvent = (await eventsOf(r.conversationId)).find((e) => e.type === 'reply_failed');
    expect(failedEvent?.data).toMatchObject({ replyId: r.replyId, attempt: 1, error: failed.lastError });

    // Not due yet: the job is a no-op.
    expect(await deliverReply(w.deps, w.job(r.replyId))).toEqual({ state: 'skipped' });
    // Second failure: 4 s ceiling → 3 s.
    w.advanceTo(failed.nextAttemptAt!);
    const t1 = w.now();
    expect(await deliverReply(w.deps, w.job(r.replyId))).toMatchObject({ state: 'failed', attempt: 2 });
    const again = await w.replyRow(r.replyId);
    expect(again.nextAttemptAt!.getTime() - t1).toBeGreaterThanOrEqual(3_000);
    expect(again.nextAttemptAt!.getTime() - t1).toBeLessThan(4_000);

    w.sandbox.faults.reset();
    w.advanceTo(again.nextAttemptAt!);
    expect(await deliverReply(w.deps, w.job(r.replyId))).toEqual({ state: 'sent', attempt: 3 });
    expect(w.answersTo(r.postId)).toHaveLength(1);
    expect((await w.replyRow(r.replyId)).lastError).toBeNull();
  });

  it('429: waits until x-rate-limit-reset, then sends', async () => {
    const r = await w.queuedReply();
    w.sandbox.limiter.setLimits({ tweets: 0 });
    const result = await deliverReply(w.deps, w.job(r.replyId));
    expect(result).toMatchObject({ state: 'failed', attempt: 1 });
    const row = await w.replyRow(r.replyId);
    expect(row.lastError).toMatch(/^X 429 Too Many Requests/);
    const reset = w.sandbox.limiter.peek('tweets', `user:${w.brand.id}`).reset * 1000;
    expect(row.nextAttemptAt!.getTime()).toBe(reset);

    w.sandbox.limiter.setLimits({ tweets: 100 });
    w.advanceTo(row.nextAttemptAt!);
    expect(await deliverReply(w.deps, w.job(r.replyId))).toMatchObject({ state: 'sent', attempt: 2 });
    expect(w.answersTo(r.postId)).toHaveLength(1);
  });

  it("permanent 403: dead with X's reason, a reply_dead event and a notification to the author", async () => {
    const first = await w.queuedReply({ text: 'We are on it, sorry for the wait!' });
    expect(await deliverReply(w.deps, w.job(first.replyId))).toMatchObject({ state: 'sent' });
    // Same text again: X refuses duplicate content (permanent).
    const r = await w.queuedReply({ text: 'We are on it, sorry for the wait!' });
    const result = await deliverReply(w.deps, w.job(r.replyId));
    expect(result).toMatchObject({ state: 'dead', attempt: 1 });
    const row = await w.replyRow(r.replyId);
    expect(row.state).toBe('dead');
    expect(row.lastError).toBe('X 403 Forbidden: You are not allowed to create a Tweet with duplicate content.');
    expect(await deliveryJobs(r.replyId)).toHaveLength(0);
    const dead = (await eventsOf(r.conversationId)).find((e) => e.type === 'reply_dead');
    expect(dead?.data).toEqual({ replyId: r.replyId, error: row.lastError });
    const notifications = await db.prisma.notification.findMany({
      where: { organizationId: t.organizationId, kind: 'reply_dead', conversationId: r.conversationId },
    });
    expect(notifications).toHaveLength(1);
    expect(notifications[0]).toMatchObject({
      userId: t.users.agent.userId,
      data: { replyId: r.replyId, excerpt: row.lastError },
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(
      w.events.some(
        (e) =>
          e.type === 'notification.created' &&
          e.userId === t.users.agent.userId &&
          e.conversationId === r.conversationId,
      ),
    ).toBe(true);
    // Nothing counts it as a response.
    const conversation = await db.prisma.conversation.findUniqueOrThrow({ where: { id: r.conversationId } });
    expect(conversation.lastOutboundAt).toBeNull();
    expect(conversation.waitingSince).not.toBeNull();
  });

  it('gives up after the last attempt: dead with the count and the last error', async () => {
    const r = await w.queuedReply({ attempts: REPLY_LIMITS.maxAttempts - 1 });
    w.sandbox.faults.set({ error5xxRate: 1, endpoints: ['tweets'] });
    expect(await deliverReply(w.deps, w.job(r.replyId))).toMatchObject({ state: 'dead', attempt: 12 });
    expect((await w.replyRow(r.replyId)).lastError).toMatch(/^Gave up after 12 attempts: X 50[023] /);
  });

  it('a channel without a user token, or gone: dead with what to fix', async () => {
    const noToken = await db.prisma.channel.create({
      data: {
        organizationId: t.organizationId,
        brandId: t.brandIds[0]!,
        kind: 'x',
        name: 'X without token',
        externalId: w.brand.id,
        config: { apiBaseUrl: w.sandbox.url },
      },
      select: { id: true },
    });
    const r = await w.queuedReply({ channelId: noToken.id });
    expect(await deliverReply(w.deps, w.job(r.replyId))).toMatchObject({ state: 'dead' });
    expect((await w.replyRow(r.replyId)).lastError).toMatch(/no user access token/);
    const gone = await w.queuedReply({ channelId: null });
    expect(await deliverReply(w.deps, w.job(gone.replyId))).toMatchObject({ state: 'dead' });
    expect((await w.replyRow(gone.replyId)).lastError).toMatch(/channel is gone/);
  });

  it('S6: the sandbox is refused when it is not a trusted origin (dead, nothing sent)', async () => {
    const r = await w.queuedReply();
    const requests = w.sandbox.state.apiLog.length;
    expect(await deliverReply({ ...w.deps, trustedOrigins: [] }, w.job(r.replyId))).toMatchObject({ state: 'dead' });
    expect((await w.replyRow(r.replyId)).lastError).toMatch(/not a public address \(loopback\)/);
    expect(w.sandbox.state.apiLog.length).toBe(requests);
  });

  it('lost answer: the post was made; the next attempt finds it (reconciled) and does not post twice', async () => {
    const r = await w.queuedReply();
    w.sandbox.faults.set({ lostResponseRate: 1, endpoints: ['tweets'] });
    const t0 = w.now();
    const first = await deliverReply({ ...w.deps, timeoutMs: 300 }, w.job(r.replyId));
    const t1 = w.now();
    expect(first).toMatchObject({ state: 'failed', attempt: 1 });
    const failed = await w.replyRow(r.replyId);
    expect(failed).toMatchObject({ state: 'failed', outcomeUnknown: true });
    expect(failed.lastError).toMatch(/no answer in time/);
    // The attempt's start, on the test's (running) clock: between the call and its return.
    expect(failed.sendingStartedAt!.getTime()).toBeGreaterThanOrEqual(t0);
    expect(failed.sendingStartedAt!.getTime()).toBeLessThanOrEqual(t1);
    expect(w.answersTo(r.postId)).toHaveLength(1);

    w.sandbox.faults.reset();
    w.advanceTo(failed.nextAttemptAt!);
    const second = await deliverReply(w.deps, w.job(r.replyId));
    expect(second).toEqual({ state: 'sent', attempt: 2, reconciled: true });
    const posts = w.answersTo(r.postId);
    expect(posts).toHaveLength(1);
    const row = await w.replyRow(r.replyId);
    expect(row).toMatchObject({ state: 'sent', networkId: posts[0]!.id, outcomeUnknown: false });
    const sent = (await eventsOf(r.conversationId)).filter((e) => e.type === 'reply_sent');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.data).toMatchObject({ reconciled: true, attempts: 2, networkId: posts[0]!.id });
    // The lookup asked for the brand's posts since the uncertain attempt began, less a minute of skew.
    const lookup = w.sandbox.state.apiLog.filter((e) => e.url.startsWith(`/2/users/${w.brand.id}/tweets`)).at(-1);
    const startTime = new URL(lookup!.url, 'http://x').searchParams.get('start_time');
    expect(Date.parse(startTime!)).toBe(Math.floor((t0 - 60_000) / 1000) * 1000);
  });

  it('timeout before the post: the lookup finds nothing, so it is sent once', async () => {
    const r = await w.queuedReply();
    w.sandbox.faults.set({ timeoutRate: 1, endpoints: ['tweets'] });
    expect(await deliverReply({ ...w.deps, timeoutMs: 300 }, w.job(r.replyId))).toMatchObject({ state: 'failed' });
    expect((await w.replyRow(r.replyId)).outcomeUnknown).toBe(true);
    expect(w.answersTo(r.postId)).toHaveLength(0);
    w.sandbox.faults.reset();
    w.advanceTo((await w.replyRow(r.replyId)).nextAttemptAt!);
    expect(await deliverReply(w.deps, w.job(r.replyId))).toEqual({ state: 'sent', attempt: 2 });
    expect(w.answersTo(r.postId)).toHaveLength(1);
  });

  it('a failed lookup is retried later without sending (the outcome stays unknown)', async () => {
    const r = await w.queuedReply({ isDirectMessage: true, text: 'A DM whose answer gets lost' });
    w.sandbox.faults.set({ lostResponseRate: 1, endpoints: ['dms'] });
    expect(await deliverReply({ ...w.deps, timeoutMs: 300 }, w.job(r.replyId))).toMatchObject({ state: 'failed' });
    const sentDms = () => w.sandbox.state.directMessagesOf(w.brand.id, w.customer.id).filter((m) => m.text === r.text);
    expect(sentDms()).toHaveLength(1);

    // The DM lookup fails (5xx): no second send, still unknown.
    w.sandbox.faults.set({ lostResponseRate: 0, error5xxRate: 1, endpoints: ['dms'] });
    w.advanceTo((await w.replyRow(r.replyId)).nextAttemptAt!);
    expect(await deliverReply(w.deps, w.job(r.replyId))).toMatchObject({ state: 'failed', attempt: 2 });
    const row = await w.replyRow(r.replyId);
    expect(row.outcomeUnknown).toBe(true);
    expect(row.lastError).toMatch(/^Looking for the earlier attempt on X failed: X 50[023]/);
    expect(sentDms()).toHaveLength(1);

    w.sandbox.faults.reset();
    w.advanceTo(row.nextAttemptAt!);
    expect(await deliverReply(w.deps, w.job(r.replyId))).toEqual({ state: 'sent', attempt: 3, reconciled: true });
    expect(sentDms()).toHaveLength(1);
    expect((await w.replyRow(r.replyId)).networkId).toBe(sentDms()[0]!.id);
  });

  it('fencing: a stale attempt cannot overwrite a newer one', async () => {
    const r = await w.queuedReply();
    // Attempt 1 claims the reply, then its worker stalls past the lease.
    const stale = await db.prisma.$transaction((tx) =>
      claimReply(tx, w.job(r.replyId), new Date(w.now()), new Date(w.now() + 1_000)),
    );
    expect(stale).toMatchObject({ attempts: 1, outcomeUnknown: false });
    const fence1 = { ...stale!, leaseUntil: new Date(w.now() + 1_000) };
    // While the lease holds, nobody else gets it.
    expect(await deliverReply(w.deps, w.job(r.replyId))).toEqual({ state: 'skipped' });
    w.advance(2_000);
    // Attempt 2 takes over (the outcome of attempt 1 is unknown: it looks first, finds nothing, sends).
    expect(await deliverReply(w.deps, w.job(r.replyId))).toEqual({ state: 'sent', attempt: 2 });
    const sent = await w.replyRow(r.replyId);
    // The zombie wakes up: its writes change nothing.
    const writes = await db.prisma.$transaction(async (tx) => [
      await markFailed(tx, fence1, { error: 'zombie', nextAttemptAt: new Date(), outcomeUnknown: false }),
      await markSent(tx, fence1, '1', new Date()),
    ]);
    expect(writes).toEqual([false, false]);
    expect(await w.replyRow(r.replyId)).toEqual(sent);
  });

  it('fencing: a zombie finishing during a newer attempt is ignored too', async () => {
    const r = await w.queuedReply();
    const claim = (leaseMs: number) =>
      db.prisma.$transaction((tx) => claimReply(tx, w.job(r.replyId), new Date(w.now()), new Date(w.now() + leaseMs)));
    const first = await claim(500);
    w.advance(1_000);
    const second = await claim(60_000);
    expect(second).toMatchObject({ attempts: 2, outcomeUnknown: true });
    // The uncertain attempt's start is kept for the lookup.
    expect(second!.sendingStartedAt).toEqual(first!.sendingStartedAt);
    const zombie = { ...first!, leaseUntil: new Date(first!.sendingStartedAt.getTime() + 500) };
    expect(await db.prisma.$transaction((tx) => markSent(tx, zombie, '42', new Date()))).toBe(false);
    expect(await w.replyRow(r.replyId)).toMatchObject({ state: 'sending', attempts: 2, networkId: null });
  });

  it('canceled, sent and awaiting-approval replies are never claimed', async () => {
    for (const state of ['canceled', 'awaiting_approval', 'rejected', 'dead'] as const) {
      const r = await w.queuedReply();
      await db.prisma.reply.update({ where: { id: r.replyId }, data: { state } });
      expect(await deliverReply(w.deps, w.job(r.replyId))).toEqual({ state: 'skipped' });
      expect(w.answersTo(r.postId)).toHaveLength(0);
    }
    // Another organization's id for the reply: nothing.
    const r = await w.queuedReply();
    const foreign = { organizationId: '00000000-0000-7000-8000-000000000000', replyId: r.replyId };
    expect(await deliverReply(w.deps, foreign)).toEqual({ state: 'skipped' });
  });
});
