import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/test-database.ts';
import { callerFor, createTenant, startTestServices, type Caller, type TenantFixture } from '../../../test/harness.ts';
import { createConversationFixture } from '../conversations/conversations.testing.ts';
import { dropEntitlements } from '../billing/entitlements.ts';
import { failure } from '../teams/workspace-settings.test-support.ts';

describe('replies: sending through the outbox', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let services: Awaited<ReturnType<typeof startTestServices>>;
  let a: TenantFixture;
  let agent: Caller;
  let manager: Caller;
  let brandId: string;
  const org = () => ({ organizationId: a.organizationId });
  const fresh = (input: { status?: 'new' | 'open' } = {}) =>
    createConversationFixture(db.prisma, {
      organizationId: a.organizationId,
      brandId,
      channelId: a.xChannelId,
      ...input,
    });
  const send = (caller: Caller, conversationId: string, extra: Record<string, unknown> = {}) =>
    caller.replies.send({
      ...org(),
      conversationId,
      text: 'Sorry for the wait, we are looking into it.',
      idempotencyKey: randomUUID(),
      lastSeenReplyId: null,
      ...extra,
    });
  const jobsFor = async (replyId: string) => {
    const rows = await db.prisma.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM pgboss.job WHERE name = 'reply.deliver' AND data->>'replyId' = ${replyId}`;
    return Number(rows[0]!.n);
  };
  const eventsOf = (conversationId: string) =>
    db.prisma.conversationEvent.findMany({ where: { conversationId }, orderBy: { id: 'asc' } });

  beforeAll(async () => {
    db = await createTestDatabase();
    services = await startTestServices(db);
    a = await createTenant(db.prisma, 'Reply Air');
    agent = await callerFor(db.prisma, a.users.agent.userId);
    manager = await callerFor(db.prisma, a.users.manager.userId);
    brandId = a.brandIds[0]!;
  });
  afterAll(async () => {
    await services.stop();
    await db.dispose();
  });

  it('writes the reply (queued, answering the customer post) and its delivery job together; a new conversation opens', async () => {
    const c = await fresh();
    const mention = await db.prisma.mention.findFirstOrThrow({ where: { conversationId: c.conversationId } });
    const result = await send(agent, c.conversationId);
    expect(result).toMatchObject({ state: 'queued', replayed: false, conversation: { status: 'open', version: 1 } });
    const reply = await db.prisma.reply.findUniqueOrThrow({ where: { id: result.id } });
    expect(reply).toMatchObject({
      state: 'queued',
      channelId: a.xChannelId,
      brandId,
      inReplyToExternalId: mention.externalId,
      isDirectMessage: false,
      authorUserId: a.users.agent.userId,
    });
    expect(await jobsFor(result.id)).toBe(1);
    expect((await eventsOf(c.conversationId)).map((e) => e.type)).toEqual(['reply_queued', 'status_changed']);
    // The conversation names its channel's kind: the composer counts by X's rules on X, characters elsewhere.
    const detail = await agent.conversations.get({ ...org(), conversationId: c.conversationId });
    expect(detail.conversation.channelKind).toBe('x');
    const audit = await db.prisma.auditLog.findMany({ where: { action: 'replies.send', targetId: result.id } });
    expect(audit).toHaveLength(1);
  });

  it('one click, one reply: the same idempotency key, sent again or five times at once, answers the same reply', async () => {
    const c = await fresh({ status: 'open' });
    const idempotencyKey = randomUUID();
    const results = await Promise.all(
      Array.from({ length: 5 }, () => send(agent, c.conversationId, { idempotencyKey })),
    );
    const again = await send(agent, c.conversationId, { idempotencyKey });
    const ids = new Set([...results, again].map((r) => r.id));
    expect(ids.size).toBe(1);
    expect(again.replayed).toBe(true);
    expect(await db.prisma.reply.count({ where: { conversationId: c.conversationId } })).toBe(1);
    expect(await jobsFor(again.id)).toBe(1);
    // The same key on another conversation is refused, not silently answered with the first reply.
    const other = await fresh();
    expect((await failure(send(agent, other.conversationId, { idempotencyKey }))).code).toBe('BAD_REQUEST');
  });

  it('send and resolve: the status changes with the reply; a stale view is refused and writes nothing', async () => {
    const c = await fresh({ status: 'open' });
    const resolved = await send(agent, c.conversationId, { then: 'resolve', expectedVersion: 0 });
    expect(resolved.conversation).toMatchObject({ status: 'resolved', version: 1 });
    // Retrying the same request after it succeeded (its version is stale now) answers the reply, not CONFLICT.
    const key = randomUUID();
    const d = await fresh({ status: 'open' });
    await send(agent, d.conversationId, { then: 'pending', expectedVersion: 0, idempotencyKey: key });
    const replay = await send(agent, d.conversationId, { then: 'pending', expectedVersion: 0, idempotencyKey: key });
    expect(replay.replayed).toBe(true);
    const stale = await failure(send(agent, d.conversationId, { then: 'resolve', expectedVersion: 0 }));
    expect(stale.code).toBe('CONFLICT');
    expect(await db.prisma.reply.count({ where: { conversationId: d.conversationId } })).toBe(1);
    expect((await failure(send(agent, d.conversationId, { then: 'resolve' }))).code).toBe('BAD_REQUEST');
  });

  it('counts as X does: emoji 2, a URL 23, leading @mentions free; over 280 refused with the exact count', async () => {
    const c = await fresh({ status: 'open' });
    // 1 URL (23) + 1 space + 128 emoji (256) = 280: exactly at the limit.
    const atLimit = `https://example.com/a/very/long/path/that/counts/as/23 ${'😀'.repeat(128)}`;
    await expect(send(agent, c.conversationId, { text: `@customer_1 ${atLimit}` })).resolves.toMatchObject({
      state: 'queued',
    });
    const over = await failure(send(agent, c.conversationId, { text: `${atLimit}!` }));
    expect(over).toEqual({
      code: 'BAD_REQUEST',
      message: 'The reply is 281 characters as X counts them; the limit is 280',
    });
    // A direct message is not bound by 280.
    await expect(
      send(agent, c.conversationId, { text: 'x'.repeat(1000), mode: 'dm', lastSeenReplyId: null }),
    ).resolves.toMatchObject({ state: 'queued' });
  });

  it('refuses a text with a variable left in it', async () => {
    const c = await fresh();
    const refused = await failure(send(agent, c.conversationId, { text: 'Hello {{customer.name}}, sorry!' }));
    expect(refused).toMatchObject({
      code: 'BAD_REQUEST',
      message: 'Fill in or remove {{customer.name}} before sending',
    });
  });

  it('a direct message goes to the customer (their network id), not as a reply to their post', async () => {
    const c = await fresh();
    const handle = await db.prisma.handle.findFirstOrThrow({
      where: { customer: { conversations: { some: { id: c.conversationId } } } },
    });
    const result = await send(agent, c.conversationId, { mode: 'dm' });
    const reply = await db.prisma.reply.findUniqueOrThrow({ where: { id: result.id } });
    expect(reply).toMatchObject({
      isDirectMessage: true,
      inReplyToExternalId: null,
      recipientExternalId: handle.externalUserId,
    });
  });

  it('the stale-reply guard: a colleague replied after the newest reply I saw → CONFLICT naming them', async () => {
    const c = await fresh({ status: 'open' });
    const mine = await send(agent, c.conversationId);
    const theirs = await send(manager, c.conversationId, { lastSeenReplyId: mine.id });
    const refused = await failure(send(agent, c.conversationId, { lastSeenReplyId: mine.id }));
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toMatch(/^Reply Air manager replied .* after you opened this conversation/);
    // Having seen it, the agent may send; their own earlier reply never blocks them.
    await expect(send(agent, c.conversationId, { lastSeenReplyId: theirs.id })).resolves.toMatchObject({
      state: 'queued',
    });
  });

  it('cancel before sending, never while sending; retry a dead reply; only its author or a manager', async () => {
    const c = await fresh({ status: 'open' });
    const queued = await send(agent, c.conversationId);
    await expect(agent.replies.cancel({ ...org(), replyId: queued.id })).resolves.toEqual({
      id: queued.id,
      state: 'canceled',
    });
    const sending = await send(agent, c.conversationId, { lastSeenReplyId: queued.id });
    await db.prisma.reply.update({ where: { id: sending.id }, data: { state: 'sending' } });
    const busy = await failure(agent.replies.cancel({ ...org(), replyId: sending.id }));
    expect(busy).toEqual({
      code: 'CONFLICT',
      message: 'The reply is being sent right now and can no longer be canceled',
    });

    await db.prisma.reply.update({ where: { id: sending.id }, data: { state: 'dead', lastError: 'X 403 Forbidden' } });
    const colleague = await callerFor(db.prisma, a.users.admin.userId);
    await expect(agent.replies.retry({ ...org(), replyId: sending.id })).resolves.toEqual({
      id: sending.id,
      state: 'queued',
    });
    expect(await jobsFor(sending.id)).toBe(2);
    const mine = await send(manager, c.conversationId, { lastSeenReplyId: sending.id });
    expect((await failure(agent.replies.cancel({ ...org(), replyId: mine.id }))).code).toBe('FORBIDDEN');
    await expect(colleague.replies.cancel({ ...org(), replyId: mine.id })).resolves.toMatchObject({
      state: 'canceled',
    });
    expect((await eventsOf(c.conversationId)).map((e) => e.type)).toEqual(
      expect.arrayContaining(['reply_canceled', 'reply_retried']),
    );
  });
});

describe('replies: approvals', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let services: Awaited<ReturnType<typeof startTestServices>>;
  let a: TenantFixture;
  let agent: Caller;
  let manager: Caller;
  const org = () => ({ organizationId: a.organizationId });
  const fresh = () =>
    createConversationFixture(db.prisma, {
      organizationId: a.organizationId,
      brandId: a.brandIds[0]!,
      channelId: a.xChannelId,
      status: 'open',
    });
  const submit = (conversationId: string, text = 'Sorry, a voucher is on its way.') =>
    agent.replies.send({ ...org(), conversationId, text, idempotencyKey: randomUUID(), lastSeenReplyId: null });

  beforeAll(async () => {
    db = await createTestDatabase();
    services = await startTestServices(db);
    a = await createTenant(db.prisma, 'Approval Air');
    agent = await callerFor(db.prisma, a.users.agent.userId);
    manager = await callerFor(db.prisma, a.users.manager.userId);
  });
  afterAll(async () => {
    await services.stop();
    await db.dispose();
  });

  it('an agent who needs approval submits; nothing is queued until a manager approves (edited: both texts kept)', async () => {
    await manager.replies.setMemberApproval({ ...org(), userId: a.users.agent.userId, needsApproval: true });
    const c = await fresh();
    const submitted = await submit(c.conversationId);
    expect(submitted.state).toBe('awaiting_approval');
    const waiting = await manager.replies.approvals({ ...org() });
    expect(waiting).toEqual([
      expect.objectContaining({
        replyId: submitted.id,
        authorName: 'Approval Air agent',
        text: 'Sorry, a voucher is on its way.',
      }),
    ]);
    expect(
      await db.prisma.$queryRaw<unknown[]>`
      SELECT 1 FROM pgboss.job WHERE name = 'reply.deliver' AND data->>'replyId' = ${submitted.id}`,
    ).toHaveLength(0);

    await manager.replies.approve({ ...org(), replyId: submitted.id, text: 'Sorry! A €50 voucher is on its way.' });
    const reply = await db.prisma.reply.findUniqueOrThrow({ where: { id: submitted.id } });
    expect(reply).toMatchObject({
      state: 'queued',
      text: 'Sorry! A €50 voucher is on its way.',
      originalText: 'Sorry, a voucher is on its way.',
      reviewedByUserId: a.users.manager.userId,
    });
    expect(
      await db.prisma.$queryRaw<unknown[]>`
      SELECT 1 FROM pgboss.job WHERE name = 'reply.deliver' AND data->>'replyId' = ${submitted.id}`,
    ).toHaveLength(1);
    const notes = await agent.notifications.list({ ...org() });
    expect(notes.items[0]).toMatchObject({ kind: 'reply_approved', actorName: 'Approval Air manager' });
    expect(await manager.replies.approvals({ ...org() })).toEqual([]);
    // Already decided: a second approval is CONFLICT.
    expect((await failure(manager.replies.approve({ ...org(), replyId: submitted.id }))).code).toBe('CONFLICT');
  });

  it('a rejection keeps the comment, notifies the agent, and the reply is never queued; a withdrawn one cannot be approved', async () => {
    const c = await fresh();
    const submitted = await submit(c.conversationId);
    await manager.replies.reject({ ...org(), replyId: submitted.id, comment: 'Offer the voucher first' });
    const reply = await db.prisma.reply.findUniqueOrThrow({ where: { id: submitted.id } });
    expect(reply).toMatchObject({ state: 'rejected', reviewComment: 'Offer the voucher first' });
    const notes = await agent.notifications.list({ ...org() });
    expect(notes.items[0]).toMatchObject({ kind: 'reply_rejected', excerpt: 'Offer the voucher first' });
    const events = await db.prisma.conversationEvent.findMany({ where: { conversationId: c.conversationId } });
    expect(events.map((e) => e.type)).toEqual(['reply_submitted', 'reply_rejected']);

    const withdrawn = await submit(c.conversationId, 'Second try');
    await agent.replies.cancel({ ...org(), replyId: withdrawn.id });
    const late = await failure(manager.replies.approve({ ...org(), replyId: withdrawn.id }));
    expect(late).toEqual({ code: 'CONFLICT', message: 'The agent withdrew this reply' });
  });

  it('a brand can require approval for everyone; managers never need it', async () => {
    await manager.replies.setMemberApproval({ ...org(), userId: a.users.agent.userId, needsApproval: false });
    await manager.replies.setBrandApproval({ ...org(), brandId: a.brandIds[0]!, requiresApproval: true });
    const c = await fresh();
    expect((await submit(c.conversationId)).state).toBe('awaiting_approval');
    const submitted = await db.prisma.reply.findFirstOrThrow({ where: { conversationId: c.conversationId } });
    const byManager = await manager.replies.send({
      ...org(),
      conversationId: c.conversationId,
      text: 'Manager here: sorted.',
      idempotencyKey: randomUUID(),
      // A reply waiting for approval will be posted: the manager must have seen it (the stale-reply guard).
      lastSeenReplyId: submitted.id,
    });
    expect(byManager.state).toBe('queued');
    const refused = await failure(
      manager.replies.setMemberApproval({ ...org(), userId: a.users.manager.userId, needsApproval: true }),
    );
    expect(refused).toEqual({ code: 'BAD_REQUEST', message: 'Managers, admins and owners never need approval' });
  });

  it('approvals are a plan feature: on a brand that fell to Free no reply waits, and switching it on is refused', async () => {
    await manager.replies.setMemberApproval({ ...org(), userId: a.users.agent.userId, needsApproval: true });
    // The brand still requires approval (last test), but its plan no longer includes it.
    await db.prisma.subscription.deleteMany({ where: { brandId: a.brandIds[0]! } });
    dropEntitlements(a.organizationId);
    const c = await fresh();
    expect((await submit(c.conversationId)).state).toBe('queued');
    // Another brand of the organization keeps approvals: a member may still be flagged (it applies there).
    await manager.replies.setMemberApproval({ ...org(), userId: a.users.agent.userId, needsApproval: true });
    await db.prisma.subscription.deleteMany({ where: { organizationId: a.organizationId } });
    dropEntitlements(a.organizationId);
    const refused = await failure(
      manager.replies.setMemberApproval({ ...org(), userId: a.users.agent.userId, needsApproval: true }),
    );
    expect(refused.code).toBe('PAYMENT_REQUIRED');
    // Turning it off is never gated.
    await manager.replies.setMemberApproval({ ...org(), userId: a.users.agent.userId, needsApproval: false });
  });
});
