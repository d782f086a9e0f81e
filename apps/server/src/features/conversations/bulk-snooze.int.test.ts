import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/test-database.ts';
import { callerFor, createTenant, startTestServices, type Caller, type TenantFixture } from '../../../test/harness.ts';
import { outcome } from '../../../test/procedure-samples.ts';
import { startWakeWorker, wakeConversation } from './conversation-wake.worker.ts';
import { createConversationFixture, createTagFixture } from './conversations.testing.ts';

async function until<T>(probe: () => Promise<T | null>, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('conversations: bulk actions, snooze wake-up, presence', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let services: Awaited<ReturnType<typeof startTestServices>>;
  let a: TenantFixture;
  let b: TenantFixture;
  let agent: Caller;
  const org = () => ({ organizationId: a.organizationId });
  const fresh = (input: Partial<Parameters<typeof createConversationFixture>[1]> = {}) =>
    createConversationFixture(db.prisma, { organizationId: a.organizationId, brandId: a.brandIds[0]!, ...input });

  beforeAll(async () => {
    db = await createTestDatabase();
    services = await startTestServices(db);
    await startWakeWorker(db.prisma, services.queue, services.bus, pino({ level: 'silent' }));
    a = await createTenant(db.prisma, 'Bulk Air');
    b = await createTenant(db.prisma, 'Bulk Telecom');
    agent = await callerFor(db.prisma, a.users.agent.userId);
  });
  afterAll(async () => {
    await services.stop();
    await db.dispose();
  });

  it('applies one action to many conversations in one call, with one audit row naming them', async () => {
    const cs = await Promise.all([fresh(), fresh(), fresh({ status: 'resolved' })]);
    const tag = await createTagFixture(db.prisma, a.organizationId, a.brandIds[0]!, 'bulk');
    const items = cs.map((c) => ({ conversationId: c.conversationId, expectedVersion: 0 }));
    expect(await agent.conversations.bulk({ ...org(), items, action: { kind: 'add_tag', tagId: tag } })).toEqual({
      changed: 3,
    });
    const again = items.map((i) => ({ ...i, expectedVersion: 1 }));
    // Already resolved: left as it is, not counted.
    expect(
      await agent.conversations.bulk({ ...org(), items: again, action: { kind: 'status', status: 'resolved' } }),
    ).toEqual({
      changed: 2,
    });
    const rows = await db.prisma.conversation.findMany({ where: { id: { in: cs.map((c) => c.conversationId) } } });
    expect(rows.every((r) => r.tagIds.includes(tag) && r.status === 'resolved')).toBe(true);
    const audit = await db.prisma.auditLog.findMany({
      where: { organizationId: a.organizationId, action: 'conversations.bulk' },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    expect(audit).toHaveLength(2);
    expect((audit[0]!.after as { conversationIds: string[] }).conversationIds.sort()).toEqual(
      cs.map((c) => c.conversationId).sort(),
    );
  });

  it('is all or nothing: one stale, foreign or invalid item changes nothing', async () => {
    const cs = await Promise.all([fresh(), fresh(), fresh({ status: 'resolved' })]);
    const foreign = await createConversationFixture(db.prisma, {
      organizationId: b.organizationId,
      brandId: b.brandIds[0]!,
    });
    await agent.conversations.setPriority({
      ...org(),
      conversationId: cs[1].conversationId,
      expectedVersion: 0,
      priority: 'low',
    });
    const items = cs.map((c) => ({ conversationId: c.conversationId, expectedVersion: 0 }));
    const stale = await agent.conversations
      .bulk({ ...org(), items, action: { kind: 'priority', priority: 'urgent' } })
      .catch((e: { code: string; message: string; cause: { details: Record<string, unknown> } }) => e);
    expect(stale).toMatchObject({ code: 'CONFLICT', cause: { details: { conversationId: cs[1].conversationId } } });
    expect((stale as { message: string }).message).toMatch(/^Bulk Air agent set its priority to low \d+ s ago/);
    const fixed = items.map((i, n) => (n === 1 ? { ...i, expectedVersion: 1 } : i));
    const withForeign = [...fixed, { conversationId: foreign.conversationId, expectedVersion: 0 }];
    expect(
      await outcome(
        agent.conversations.bulk({ ...org(), items: withForeign, action: { kind: 'priority', priority: 'urgent' } }),
      ),
    ).toBe('NOT_FOUND');
    // A resolved conversation cannot be set to pending: the whole call is refused.
    expect(
      await outcome(
        agent.conversations.bulk({ ...org(), items: fixed, action: { kind: 'status', status: 'pending' } }),
      ),
    ).toBe('BAD_REQUEST');
    const rows = await db.prisma.conversation.findMany({ where: { id: { in: cs.map((c) => c.conversationId) } } });
    expect(rows.map((r) => r.priority).sort()).toEqual(['low', 'normal', 'normal']);
    expect(rows.every((r) => r.status !== 'pending')).toBe(true);
    const theirs = await db.prisma.conversation.findUniqueOrThrow({ where: { id: foreign.conversationId } });
    expect(theirs.version).toBe(0);
  });

  it('a snoozed conversation wakes up by itself through the real job queue (event woke, no actor)', async () => {
    const c = await fresh({ status: 'open' });
    const snoozedUntil = new Date(Date.now() + 1500).toISOString();
    await agent.conversations.changeStatus({
      ...org(),
      conversationId: c.conversationId,
      expectedVersion: 0,
      status: 'snoozed',
      snoozedUntil,
    });
    const heard: string[] = [];
    const off = services.bus.subscribe(
      a.organizationId,
      (e) => e.conversationId === c.conversationId && heard.push(e.type),
    );
    const woke = await until(async () => {
      const row = await db.prisma.conversation.findUniqueOrThrow({ where: { id: c.conversationId } });
      return row.status === 'open' ? row : null;
    });
    off();
    expect({ snoozedUntil: woke.snoozedUntil, version: woke.version }).toEqual({ snoozedUntil: null, version: 2 });
    const events = await db.prisma.conversationEvent.findMany({
      where: { conversationId: c.conversationId },
      orderBy: { id: 'asc' },
    });
    expect(events.map((e) => [e.type, e.actorUserId])).toEqual([
      ['snoozed', a.users.agent.userId],
      ['woke', null],
    ]);
    await until(() => Promise.resolve(heard.includes('conversation.updated') ? true : null), 2000);
    // Idempotent: the same job again changes nothing.
    expect(
      await wakeConversation(db.prisma, services.queue, {
        ...org(),
        conversationId: c.conversationId,
        until: snoozedUntil,
      }),
    ).toBe(false);
    expect((await db.prisma.conversation.findUniqueOrThrow({ where: { id: c.conversationId } })).version).toBe(2);
  });

  it('a conversation reopened by hand before its snooze ends is left alone by the wake job', async () => {
    const c = await fresh({ status: 'open' });
    const snoozedUntil = new Date(Date.now() + 1000).toISOString();
    const target = { ...org(), conversationId: c.conversationId };
    await agent.conversations.changeStatus({ ...target, expectedVersion: 0, status: 'snoozed', snoozedUntil });
    await agent.conversations.changeStatus({ ...target, expectedVersion: 1, status: 'pending' });
    await new Promise((r) => setTimeout(r, 3000));
    const row = await db.prisma.conversation.findUniqueOrThrow({ where: { id: c.conversationId } });
    expect({ status: row.status, version: row.version }).toEqual({ status: 'pending', version: 2 });
  });

  it('presence: a heartbeat shows the agent (with name) to colleagues; foreign ids are missing', async () => {
    const c = await fresh();
    const manager = await callerFor(db.prisma, a.users.manager.userId);
    const { expiresAt } = await agent.conversations.presence({
      ...org(),
      conversationId: c.conversationId,
      typing: true,
    });
    const seen = await manager.conversations.presenceOf({ ...org(), conversationIds: [c.conversationId] });
    expect(seen[c.conversationId]).toEqual([
      { userId: a.users.agent.userId, name: 'Bulk Air agent', typing: true, expiresAt },
    ]);
    const foreign = await createConversationFixture(db.prisma, {
      organizationId: b.organizationId,
      brandId: b.brandIds[0]!,
    });
    expect(
      await outcome(agent.conversations.presence({ ...org(), conversationId: foreign.conversationId, typing: false })),
    ).toBe('NOT_FOUND');
    // Not audited: a heartbeat writes nothing to the database.
    expect(
      await db.prisma.auditLog.count({ where: { organizationId: a.organizationId, action: 'conversations.presence' } }),
    ).toBe(0);
  });
});
