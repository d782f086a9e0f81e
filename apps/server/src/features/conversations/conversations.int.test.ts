import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONVERSATION_STATUSES, STATUS_TRANSITIONS, type ConversationStatus } from '@perch/shared';
import { createTestDatabase } from '../../../test/test-database.ts';
import { callerFor, createTenant, startTestServices, type Caller, type TenantFixture } from '../../../test/harness.ts';
import { outcome } from '../../../test/procedure-samples.ts';
import { addMember, createUser } from '../../seed/factories.ts';
import { createConversationFixture, createTagFixture, createTeamFixture } from './conversations.testing.ts';

/** The failed call's tRPC code, message and Perch details. */
async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    const e = error as { code: string; message: string; cause?: { details?: Record<string, unknown> } };
    return { code: e.code, message: e.message, details: e.cause?.details };
  }
  throw new Error('the call succeeded');
}

describe('conversations: working one conversation', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let services: Awaited<ReturnType<typeof startTestServices>>;
  let a: TenantFixture;
  let b: TenantFixture;
  let agent: Caller;
  let manager: Caller;
  const fresh = (input: Partial<Parameters<typeof createConversationFixture>[1]> = {}) =>
    createConversationFixture(db.prisma, {
      organizationId: a.organizationId,
      brandId: a.brandIds[0]!,
      channelId: a.webhookChannelId,
      ...input,
    });
  const org = () => ({ organizationId: a.organizationId });

  beforeAll(async () => {
    db = await createTestDatabase();
    services = await startTestServices(db);
    a = await createTenant(db.prisma, 'Work Air');
    b = await createTenant(db.prisma, 'Work Telecom');
    agent = await callerFor(db.prisma, a.users.agent.userId);
    manager = await callerFor(db.prisma, a.users.manager.userId);
  });
  afterAll(async () => {
    await services.stop();
    await db.dispose();
  });

  it('allows exactly the transitions of the status table; the others are VALIDATION with a clear message', async () => {
    for (const from of CONVERSATION_STATUSES) {
      for (const to of CONVERSATION_STATUSES.filter((s): s is Exclude<ConversationStatus, 'new'> => s !== 'new')) {
        const c = await fresh({ status: from });
        const snoozedUntil = to === 'snoozed' ? new Date(Date.now() + 3_600_000).toISOString() : undefined;
        const call = agent.conversations.changeStatus({
          ...org(),
          conversationId: c.conversationId,
          expectedVersion: 0,
          status: to,
          ...(snoozedUntil ? { snoozedUntil } : {}),
        });
        if (STATUS_TRANSITIONS[from].includes(to)) {
          expect({ from, to, result: (await call).status }).toEqual({ from, to, result: to });
        } else {
          const f = await failure(call);
          expect({ from, to, code: f.code }).toEqual({ from, to, code: 'BAD_REQUEST' });
          const row = await db.prisma.conversation.findUniqueOrThrow({ where: { id: c.conversationId } });
          expect({ status: row.status, version: row.version }).toEqual({ status: from, version: 0 });
        }
      }
    }
    const resolved = await fresh({ status: 'resolved' });
    const f = await failure(
      agent.conversations.changeStatus({
        ...org(),
        conversationId: resolved.conversationId,
        expectedVersion: 0,
        status: 'pending',
      }),
    );
    expect(f.message).toBe('A resolved conversation can only be reopened');
  });

  it('resolving sets resolvedAt; reopening clears it, starts a new episode and records the events', async () => {
    const c = await fresh({ status: 'open' });
    const target = { ...org(), conversationId: c.conversationId };
    const resolved = await agent.conversations.changeStatus({ ...target, expectedVersion: 0, status: 'resolved' });
    expect(resolved.version).toBe(1);
    expect(resolved.resolvedAt).not.toBeNull();
    const before = await db.prisma.conversation.findUniqueOrThrow({ where: { id: c.conversationId } });
    const reopened = await agent.conversations.changeStatus({ ...target, expectedVersion: 1, status: 'open' });
    expect(reopened).toMatchObject({ status: 'open', resolvedAt: null, version: 2 });
    const after = await db.prisma.conversation.findUniqueOrThrow({ where: { id: c.conversationId } });
    expect(after.episodeStartedAt.getTime()).toBeGreaterThan(before.episodeStartedAt.getTime());
    const events = await db.prisma.conversationEvent.findMany({
      where: { conversationId: c.conversationId },
      orderBy: { id: 'asc' },
    });
    expect(events.map((e) => [e.type, e.actorUserId])).toEqual([
      ['status_changed', a.users.agent.userId],
      ['reopened', a.users.agent.userId],
    ]);
    const audit = await db.prisma.auditLog.count({
      where: { organizationId: a.organizationId, action: 'conversations.changeStatus', targetId: c.conversationId },
    });
    expect(audit).toBe(2);
  });

  it('refuses a snooze without an end, in the past or beyond 90 days', async () => {
    const c = await fresh({ status: 'open' });
    const snooze = (snoozedUntil?: string) =>
      failure(
        agent.conversations.changeStatus({
          ...org(),
          conversationId: c.conversationId,
          expectedVersion: 0,
          status: 'snoozed',
          ...(snoozedUntil ? { snoozedUntil } : {}),
        }),
      );
    expect((await snooze()).message).toBe('Choose when the snooze ends');
    expect((await snooze(new Date(Date.now() - 1000).toISOString())).message).toBe('The snooze must end in the future');
    expect((await snooze(new Date(Date.now() + 91 * 86_400_000).toISOString())).message).toBe(
      'A snooze lasts at most 90 days',
    );
  });

  it('a stale action is a CONFLICT that says who did what since, and changes nothing', async () => {
    const c = await fresh();
    const target = { ...org(), conversationId: c.conversationId };
    await manager.conversations.assign({ ...target, expectedVersion: 0, assigneeUserId: a.users.agent.userId });
    const f = await failure(agent.conversations.setPriority({ ...target, expectedVersion: 0, priority: 'urgent' }));
    expect(f.code).toBe('CONFLICT');
    expect(f.message).toMatch(/^Work Air manager assigned it to Work Air agent \d+ s ago/);
    expect(f.details?.conflict).toMatchObject({
      actorName: 'Work Air manager',
      what: 'assigned it to Work Air agent',
      // Structured too, so the web words it in the agent's language.
      change: { kind: 'assigned', assigneeName: 'Work Air agent', to: null, ruleName: null, macroName: null },
      currentVersion: 1,
    });
    const row = await db.prisma.conversation.findUniqueOrThrow({ where: { id: c.conversationId } });
    expect({ priority: row.priority, version: row.version }).toEqual({ priority: 'normal', version: 1 });
  });

  it('twenty agents claiming the same conversation at once: exactly one wins', async () => {
    const c = await fresh();
    const agents = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const user = await createUser(db.prisma, {
          email: `claimer${i}@work.test`,
          name: `Claimer ${i}`,
          password: 'x'.repeat(12),
        });
        await addMember(db.prisma, a.organizationId, user.id, 'agent');
        return { userId: user.id, caller: await callerFor(db.prisma, user.id) };
      }),
    );
    const results = await Promise.all(
      agents.map((x) =>
        outcome(x.caller.conversations.claim({ ...org(), conversationId: c.conversationId, expectedVersion: 0 })),
      ),
    );
    expect(results.filter((r) => r === 'OK')).toHaveLength(1);
    expect(results.filter((r) => r === 'CONFLICT')).toHaveLength(19);
    const winner = agents[results.indexOf('OK')]!;
    const row = await db.prisma.conversation.findUniqueOrThrow({ where: { id: c.conversationId } });
    expect({ assignee: row.assigneeUserId, version: row.version }).toEqual({ assignee: winner.userId, version: 1 });
    expect(
      await db.prisma.conversationEvent.count({ where: { conversationId: c.conversationId, type: 'assigned' } }),
    ).toBe(1);
    // Someone else holds it: even with the current version, a claim is refused, naming who took it.
    const late = await failure(
      agent.conversations.claim({ ...org(), conversationId: c.conversationId, expectedVersion: 1 }),
    );
    expect(late.code).toBe('CONFLICT');
    expect(late.message).toMatch(/^Claimer \d+ took it/);
  });

  it('assigns to members who work on the brand only, unassigns, and notifies the assignee', async () => {
    const c = await fresh();
    const target = { ...org(), conversationId: c.conversationId };
    const restricted = await createUser(db.prisma, {
      email: 'second-only@work.test',
      name: 'Second Only',
      password: 'x'.repeat(12),
    });
    await addMember(db.prisma, a.organizationId, restricted.id, 'agent', [a.brandIds[1]!]);
    for (const assigneeUserId of [restricted.id, a.users.billing_admin.userId, b.users.agent.userId]) {
      expect(await outcome(manager.conversations.assign({ ...target, expectedVersion: 0, assigneeUserId }))).toBe(
        'NOT_FOUND',
      );
    }
    const assigned = await manager.conversations.assign({
      ...target,
      expectedVersion: 0,
      assigneeUserId: a.users.agent.userId,
    });
    expect(assigned.assigneeUserId).toBe(a.users.agent.userId);
    expect((await agent.notifications.unreadCount(org())).count).toBeGreaterThan(0);
    const list = await agent.notifications.list({ ...org(), limit: 50 });
    expect(list.items.some((n) => n.kind === 'assigned' && n.conversationId === c.conversationId)).toBe(true);
    const unassigned = await manager.conversations.assign({ ...target, expectedVersion: 1, assigneeUserId: null });
    expect(unassigned.assigneeUserId).toBeNull();
  });

  it('sets a team serving the brand, a priority and brand tags; foreign ones read as missing', async () => {
    const c = await fresh();
    const target = { ...org(), conversationId: c.conversationId };
    const team = await createTeamFixture(db.prisma, a.organizationId, 'Main desk', [a.brandIds[0]!]);
    const otherBrandTeam = await createTeamFixture(db.prisma, a.organizationId, 'Second desk', [a.brandIds[1]!]);
    const bTeam = await createTeamFixture(db.prisma, b.organizationId, 'Bravo desk');
    expect(await outcome(agent.conversations.setTeam({ ...target, expectedVersion: 0, teamId: bTeam }))).toBe(
      'NOT_FOUND',
    );
    expect(await outcome(agent.conversations.setTeam({ ...target, expectedVersion: 0, teamId: otherBrandTeam }))).toBe(
      'BAD_REQUEST',
    );
    expect((await agent.conversations.setTeam({ ...target, expectedVersion: 0, teamId: team })).teamId).toBe(team);
    expect(
      (await agent.conversations.setPriority({ ...target, expectedVersion: 1, priority: 'urgent' })).priority,
    ).toBe('urgent');
    const tag1 = await createTagFixture(db.prisma, a.organizationId, a.brandIds[0]!, 'refund');
    const tag2 = await createTagFixture(db.prisma, a.organizationId, a.brandIds[0]!, 'delay');
    const otherBrandTag = await createTagFixture(db.prisma, a.organizationId, a.brandIds[1]!, 'refund');
    const bTag = await createTagFixture(db.prisma, b.organizationId, b.brandIds[0]!, 'refund');
    for (const add of [[otherBrandTag], [bTag], [tag1, bTag]]) {
      expect(await outcome(agent.conversations.changeTags({ ...target, expectedVersion: 2, add }))).toBe('NOT_FOUND');
    }
    const tagged = await agent.conversations.changeTags({ ...target, expectedVersion: 2, add: [tag1, tag2] });
    expect(tagged.tagIds.sort()).toEqual([tag1, tag2].sort());
    const untagged = await agent.conversations.changeTags({ ...target, expectedVersion: 3, remove: [tag1] });
    expect(untagged.tagIds).toEqual([tag2]);
  });

  it('a brand-restricted agent neither sees nor acts on another brand’s conversation', async () => {
    const user = await createUser(db.prisma, {
      email: 'main-only@work.test',
      name: 'Main Only',
      password: 'x'.repeat(12),
    });
    await addMember(db.prisma, a.organizationId, user.id, 'agent', [a.brandIds[0]!]);
    const restricted = await callerFor(db.prisma, user.id);
    const other = await fresh({ brandId: a.brandIds[1]!, channelId: undefined });
    const target = { ...org(), conversationId: other.conversationId };
    expect(await outcome(restricted.conversations.get(target))).toBe('NOT_FOUND');
    expect(await outcome(restricted.conversations.claim({ ...target, expectedVersion: 0 }))).toBe('NOT_FOUND');
    expect(await outcome(restricted.conversations.addNote({ ...target, text: 'hi' }))).toBe('NOT_FOUND');
    expect(
      await outcome(restricted.conversations.presenceOf({ ...org(), conversationIds: [other.conversationId] })),
    ).toBe('NOT_FOUND');
    const row = await db.prisma.conversation.findUniqueOrThrow({ where: { id: other.conversationId } });
    expect(row.version).toBe(0);
  });

  it('the detail: thread oldest first, timeline with names, customer panel with safe links and history', async () => {
    const older = await fresh({
      status: 'resolved',
      lastMessageAt: new Date(Date.now() - 86_400_000),
      text: 'Old issue',
    });
    const c = await fresh({ customerId: older.customerId, text: 'Where is my bag?' });
    await db.prisma.handle.updateMany({
      where: { customerId: c.customerId },
      data: { profileUrl: 'javascript:alert(1)' },
    });
    await agent.conversations.addNote({ ...org(), conversationId: c.conversationId, text: 'Checking with the desk' });
    await agent.conversations.claim({ ...org(), conversationId: c.conversationId, expectedVersion: 0 });
    await agent.conversations.addCustomerNote({ ...org(), customerId: c.customerId, text: 'Frequent flyer' });
    const detail = await agent.conversations.get({ ...org(), conversationId: c.conversationId });
    expect(detail.conversation).toMatchObject({ id: c.conversationId, version: 1, snippet: 'Where is my bag?' });
    expect(detail.thread.map((t) => t.kind)).toEqual(['mention', 'note']);
    expect(detail.threadTruncated).toBe(false);
    expect(detail.timeline.map((e) => [e.type, e.actorName])).toEqual([
      ['note_added', 'Work Air agent'],
      ['assigned', 'Work Air agent'],
    ]);
    expect(detail.customer.handles[0]!.profileUrl).toBeNull();
    expect(detail.customer.notes.map((n) => [n.text, n.authorName])).toEqual([['Frequent flyer', 'Work Air agent']]);
    expect(detail.customer.previousConversations).toEqual([
      expect.objectContaining({ id: older.conversationId, status: 'resolved', snippet: 'Old issue' }),
    ]);
  });

  it('cuts a long thread to the newest 200 items and says so', async () => {
    const c = await fresh();
    const base = Date.now() - 3_600_000;
    await db.prisma.note.createMany({
      data: Array.from({ length: 205 }, (_, i) => ({
        organizationId: a.organizationId,
        conversationId: c.conversationId,
        authorUserId: a.users.agent.userId,
        text: `note ${i}`,
        createdAt: new Date(base + i * 1000),
      })),
    });
    const detail = await agent.conversations.get({ ...org(), conversationId: c.conversationId });
    expect(detail.thread).toHaveLength(200);
    expect(detail.threadTruncated).toBe(true);
    expect(detail.thread.at(-1)).toMatchObject({ kind: 'mention' });
    expect(detail.thread[0]).toMatchObject({ kind: 'note', text: 'note 6' });
  });
});
