import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/test-database.ts';
import { callerFor, createTenant, startTestServices, type Caller, type TenantFixture } from '../../../test/harness.ts';
import { outcome } from '../../../test/procedure-samples.ts';
import type { LiveEvent } from '../../live/event-bus.ts';
import { addMember, createUser } from '../../seed/factories.ts';
import { createConversationFixture, createNotificationFixture } from './conversations.testing.ts';

describe('conversations: notes, mentions, notifications, customer notes, get next', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let services: Awaited<ReturnType<typeof startTestServices>>;
  let a: TenantFixture;
  let b: TenantFixture;
  let agent: Caller;
  let manager: Caller;
  const org = () => ({ organizationId: a.organizationId });
  const fresh = (input: Partial<Parameters<typeof createConversationFixture>[1]> = {}) =>
    createConversationFixture(db.prisma, {
      organizationId: a.organizationId,
      brandId: a.brandIds[0]!,
      channelId: a.webhookChannelId,
      ...input,
    });

  beforeAll(async () => {
    db = await createTestDatabase();
    services = await startTestServices(db);
    a = await createTenant(db.prisma, 'Notes Air');
    b = await createTenant(db.prisma, 'Notes Telecom');
    agent = await callerFor(db.prisma, a.users.agent.userId);
    manager = await callerFor(db.prisma, a.users.manager.userId);
  });
  afterAll(async () => {
    await services.stop();
    await db.dispose();
  });

  it('a note mentioning teammates notifies each of them (recipient-only live event) and counts as unread', async () => {
    const c = await fresh();
    const heard: LiveEvent[] = [];
    const off = services.bus.subscribe(a.organizationId, (e) => heard.push(e));
    const before = await agent.notifications.unreadCount(org());
    await manager.conversations.addNote({
      ...org(),
      conversationId: c.conversationId,
      text: 'Can you take this one? The customer is upset.',
      mentionedUserIds: [a.users.agent.userId, a.users.manager.userId],
    });
    await new Promise((r) => setTimeout(r, 20));
    off();
    // The author mentioning themselves is not notified.
    expect((await agent.notifications.unreadCount(org())).count).toBe(before.count + 1);
    expect((await manager.notifications.unreadCount(org())).count).toBe(0);
    const { items } = await agent.notifications.list({ ...org(), unreadOnly: true, limit: 10 });
    expect(items[0]).toMatchObject({
      kind: 'note_mention',
      conversationId: c.conversationId,
      actorName: 'Notes Air manager',
      excerpt: 'Can you take this one? The customer is upset.',
      readAt: null,
    });
    expect(heard.filter((e) => e.type === 'notification.created').map((e) => e.userId)).toEqual([a.users.agent.userId]);
    expect(heard.some((e) => e.type === 'conversation.updated' && e.conversationId === c.conversationId)).toBe(true);
    // A note is not a state change: the version stays, nobody's pending action goes stale.
    const row = await db.prisma.conversation.findUniqueOrThrow({ where: { id: c.conversationId } });
    expect(row.version).toBe(0);
    expect(
      await db.prisma.auditLog.count({ where: { action: 'conversations.addNote', targetId: c.conversationId } }),
    ).toBe(1);
  });

  it('live: a notification reaches only its recipient; a brand-restricted member hears only their brands', async () => {
    const c = await fresh();
    const user = await createUser(db.prisma, {
      email: 'live-second@notes.test',
      name: 'Live Second',
      password: 'x'.repeat(12),
    });
    await addMember(db.prisma, a.organizationId, user.id, 'agent', [a.brandIds[1]!]);
    const listeners = {
      agent,
      owner: await callerFor(db.prisma, a.users.owner.userId),
      restricted: await callerFor(db.prisma, user.id),
    };
    const heard: Record<string, string[]> = {};
    let ready = 0;
    const readers = await Promise.all(
      Object.entries(listeners).map(async ([who, caller]) => {
        const stream = await caller.live.events(org());
        heard[who] = [];
        // Wrapped: an async function returning the reading promise would wait for the stream to end.
        return {
          done: (async () => {
            for await (const event of stream) {
              if (event.type === 'job.dead') break;
              if (event.type === 'ready') ready++;
              else heard[who]!.push(event.type);
            }
          })(),
        };
      }),
    );
    while (ready < 3) await new Promise((r) => setTimeout(r, 20));
    await manager.conversations.addNote({
      ...org(),
      conversationId: c.conversationId,
      text: 'For you',
      mentionedUserIds: [a.users.agent.userId],
    });
    await new Promise((r) => setTimeout(r, 50));
    // An organization-wide event (no brand) ends every stream.
    await services.bus.publish([
      { organizationId: a.organizationId, brandId: '', type: 'job.dead', at: new Date().toISOString() },
    ]);
    await Promise.all(readers.map((r) => r.done));
    expect(heard).toEqual({
      agent: ['conversation.updated', 'notification.created'],
      owner: ['conversation.updated'],
      restricted: [],
    });
  });

  it('refuses mentions of non-members, other tenants and members who cannot see the brand; nothing is written', async () => {
    const c = await fresh();
    const restricted = await createUser(db.prisma, {
      email: 'second@notes.test',
      name: 'Second',
      password: 'x'.repeat(12),
    });
    await addMember(db.prisma, a.organizationId, restricted.id, 'agent', [a.brandIds[1]!]);
    for (const mentionedUserIds of [
      [b.users.agent.userId],
      [a.users.agent.userId, b.users.agent.userId],
      [restricted.id],
      [a.users.billing_admin.userId],
    ]) {
      expect(
        await outcome(
          agent.conversations.addNote({ ...org(), conversationId: c.conversationId, text: 'x', mentionedUserIds }),
        ),
      ).toBe('NOT_FOUND');
    }
    expect(await db.prisma.note.count({ where: { conversationId: c.conversationId } })).toBe(0);
    expect(await db.prisma.notification.count({ where: { conversationId: c.conversationId } })).toBe(0);
  });

  it('pages notifications by keyset and marks only the caller’s own as read', async () => {
    const owner = await callerFor(db.prisma, a.users.owner.userId);
    const mine = [];
    for (let i = 0; i < 5; i++)
      mine.push(await createNotificationFixture(db.prisma, a.organizationId, a.users.owner.userId));
    const first = await owner.notifications.list({ ...org(), limit: 3 });
    const second = await owner.notifications.list({ ...org(), limit: 3, cursor: first.nextCursor });
    expect([...first.items, ...second.items].map((n) => n.id)).toEqual([...mine].reverse());
    expect(second.nextCursor).toBeNull();

    const someoneElses = await createNotificationFixture(db.prisma, a.organizationId, a.users.agent.userId);
    const foreign = await createNotificationFixture(db.prisma, b.organizationId, b.users.owner.userId);
    for (const notificationIds of [[someoneElses], [foreign], [mine[0]!, someoneElses]]) {
      expect(await outcome(owner.notifications.markRead({ ...org(), notificationIds }))).toBe('NOT_FOUND');
    }
    expect(await outcome(owner.notifications.list({ ...org(), limit: 3, cursor: someoneElses }))).toBe('BAD_REQUEST');
    expect((await owner.notifications.unreadCount(org())).count).toBe(5);
    expect(await owner.notifications.markRead({ ...org(), notificationIds: [mine[0]!] })).toEqual({ marked: 1 });
    expect((await owner.notifications.unreadCount(org())).count).toBe(4);
    expect(await owner.notifications.markRead(org())).toEqual({ marked: 4 });
    expect((await owner.notifications.unreadCount(org())).count).toBe(0);
    const other = await db.prisma.notification.findUniqueOrThrow({ where: { id: someoneElses } });
    expect(other.readAt).toBeNull();
  });

  it('customer notes: written for the organization’s customers, shown in the panel; foreign customers missing', async () => {
    const c = await fresh();
    await agent.conversations.addCustomerNote({ ...org(), customerId: c.customerId, text: 'Prefers French' });
    const foreign = await createConversationFixture(db.prisma, {
      organizationId: b.organizationId,
      brandId: b.brandIds[1]!,
      status: 'resolved',
    });
    expect(
      await outcome(agent.conversations.addCustomerNote({ ...org(), customerId: foreign.customerId, text: 'x' })),
    ).toBe('NOT_FOUND');
    const detail = await agent.conversations.get({ ...org(), conversationId: c.conversationId });
    expect(detail.customer.notes.map((n) => n.text)).toEqual(['Prefers French']);
  });

  it('get next: the most urgent, then the nearest SLA, then the longest waiting; each caller gets a different one', async () => {
    const { organizationId } = b;
    const brandId = b.brandIds[0]!;
    const now = Date.now();
    const make = (x: Partial<Parameters<typeof createConversationFixture>[1]>) =>
      createConversationFixture(db.prisma, { organizationId, brandId, ...x });
    const lowOld = await make({ priority: 'low', waitingSince: new Date(now - 9_000_000) });
    const highLate = await make({ priority: 'high', slaDueAt: new Date(now + 7_200_000) });
    const highSoon = await make({ priority: 'high', slaDueAt: new Date(now + 600_000) });
    const highNoSla = await make({ priority: 'high', waitingSince: new Date(now - 9_000_000) });
    await make({ priority: 'urgent', status: 'pending' });
    await make({ priority: 'urgent', assigneeUserId: b.users.manager.userId });
    const bAgent = await callerFor(db.prisma, b.users.agent.userId);
    const bManager = await callerFor(db.prisma, b.users.manager.userId);
    const org = { organizationId };
    expect(await bAgent.conversations.getNext(org)).toBe(highSoon.conversationId);
    expect(await bManager.conversations.getNext(org)).toBe(highLate.conversationId);
    expect(await bAgent.conversations.getNext(org)).toBe(highNoSla.conversationId);
    expect(await bAgent.conversations.getNext({ ...org, brandId: b.brandIds[1]! })).toBeNull();
    expect(await bAgent.conversations.getNext(org)).toBe(lowOld.conversationId);
    expect(await bAgent.conversations.getNext(org)).toBeNull();
    const row = await db.prisma.conversation.findUniqueOrThrow({ where: { id: highSoon.conversationId } });
    expect({ assignee: row.assigneeUserId, version: row.version }).toEqual({
      assignee: b.users.agent.userId,
      version: 1,
    });
    expect(await outcome(bAgent.conversations.getNext({ ...org, brandId: a.brandIds[0]! }))).toBe('NOT_FOUND');
  });

  it('get next under contention: ten agents at once get ten different conversations', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 10; i++)
      ids.add((await fresh({ brandId: a.brandIds[1]!, channelId: undefined })).conversationId);
    const callers = await Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        const user = await createUser(db.prisma, {
          email: `next${i}@notes.test`,
          name: `Next ${i}`,
          password: 'x'.repeat(12),
        });
        await addMember(db.prisma, a.organizationId, user.id, 'agent', [a.brandIds[1]!]);
        return callerFor(db.prisma, user.id);
      }),
    );
    const got = await Promise.all(callers.map((c) => c.conversations.getNext(org())));
    expect(new Set(got).size).toBe(10);
    expect(got.every((id) => id !== null && ids.has(id))).toBe(true);
  });
});
