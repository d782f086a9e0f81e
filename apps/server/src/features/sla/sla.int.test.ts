import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/test-database.ts';
import { callerFor, createTenant, startTestServices, type TenantFixture } from '../../../test/harness.ts';
import type { LiveEvent } from '../../live/event-bus.ts';
import { startAutomationWorker } from '../automation/automation.worker.ts';
import { appendEvents } from '../conversations/conversations.repository.ts';
import { enrich } from '../enrichment/index.ts';
import { acceptInbound } from '../ingest/ingest.service.ts';
import { startIngestWorker } from '../ingest/ingest.worker.ts';
import { syncSlaClocks } from './sla-sync.ts';
import { FIXTURE_CALENDAR } from './sla.testing.ts';
import { fireDueSlaClocks, processDirtySla, startSlaWorker } from './sla.worker.ts';
import { eventually } from '../../../test/eventually.ts';

const log = pino({ level: 'silent' });
const MIN = 60_000;

describe('SLA engine on the database', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let services: Awaited<ReturnType<typeof startTestServices>>;
  const live: LiveEvent[] = [];
  let n = 0;

  beforeAll(async () => {
    db = await createTestDatabase();
    services = await startTestServices(db);
    await startAutomationWorker(db.prisma, services.queue, services.bus, log);
    await startIngestWorker(db.prisma, services.queue, { enrich, bus: services.bus }, log);
  });
  afterAll(async () => {
    await services.stop();
    await db.dispose();
  });

  const deps = () => ({ db: db.prisma, queue: services.queue, bus: services.bus, log });
  const policyInput = (t: TenantFixture, overrides: Record<string, unknown> = {}) => ({
    organizationId: t.organizationId,
    brandId: t.brandIds[0]!,
    priority: 'normal' as const,
    name: 'Normal',
    firstResponseMinutes: 60,
    nextResponseMinutes: 30,
    resolutionMinutes: 240,
    businessHours: false,
    warnAtPercent: 75,
    ...overrides,
  });

  async function tenant() {
    const t = await createTenant(db.prisma, `SLA ${++n}`);
    services.bus.subscribe(t.organizationId, (e) => live.push(e));
    return t;
  }

  /** A customer's post through the webhook, ingested by the worker: a real conversation with its events. */
  async function conversation(t: TenantFixture) {
    const externalId = `sla-${n}-${Date.now()}`;
    await acceptInbound(db, services.queue, {
      organizationId: t.organizationId,
      channelId: t.webhookChannelId,
      source: 'generic_webhook',
      payload: {
        mentions: [
          {
            id: externalId,
            text: 'Hello, a question about my booking please',
            created_at: new Date().toISOString(),
            author: { id: `author-${externalId}`, username: `traveller_${n}`, followers: 12 },
          },
        ],
      },
    });
    let id: string | null | undefined;
    await eventually(async () => {
      id = (await db.prisma.mention.findFirst({ where: { organizationId: t.organizationId, externalId } }))
        ?.conversationId;
      return Boolean(id);
    });
    const received = await db.prisma.conversationEvent.findFirstOrThrow({
      where: { conversationId: id!, type: 'received' },
    });
    return { conversationId: id!, startedAt: received.occurredAt };
  }

  const state = (id: string) => db.prisma.conversation.findUniqueOrThrow({ where: { id } });
  const clocks = (conversationId: string) =>
    db.prisma.slaClock.findMany({ where: { conversationId }, orderBy: [{ episode: 'asc' }, { target: 'asc' }] });
  const slaEvents = (conversationId: string) =>
    db.prisma.conversationEvent.findMany({
      where: { conversationId, type: { startsWith: 'sla_' } },
      orderBy: { id: 'asc' },
      select: { type: true, occurredAt: true, data: true, actorUserId: true },
    });
  const at = (start: Date, minutes: number) => new Date(start.getTime() + minutes * MIN);

  it('a saved policy gives a new conversation its due times, stored on the clocks and the conversation', async () => {
    const t = await tenant();
    const manager = await callerFor(db.prisma, t.users.manager.userId);
    const saved = await manager.sla.savePolicy(policyInput(t));
    expect(saved).toMatchObject({ policy: { priority: 'normal', firstResponseMinutes: 60 }, recomputing: 0 });
    const c = await conversation(t);
    expect((await state(c.conversationId)).priority).toBe('normal');
    // The ingest's events marked the conversation dirty for the SLA worker.
    await processDirtySla(deps());
    expect(await state(c.conversationId)).toMatchObject({
      firstResponseDueAt: at(c.startedAt, 60),
      nextResponseDueAt: null,
      resolutionDueAt: at(c.startedAt, 240),
      slaDueAt: at(c.startedAt, 60),
      slaState: 'ok',
      version: 0,
    });
    expect((await clocks(c.conversationId)).map((k) => [k.target, k.state, k.dueAt, k.warnAt])).toEqual([
      ['first_response', 'running', at(c.startedAt, 60), at(c.startedAt, 45)],
      ['resolution', 'running', at(c.startedAt, 240), at(c.startedAt, 180)],
    ]);
    // An agent sees the settings; the calendar is none yet.
    const agent = await callerFor(db.prisma, t.users.agent.userId);
    expect(await agent.sla.settings({ organizationId: t.organizationId, brandId: t.brandIds[0]! })).toMatchObject({
      brandTimeZone: 'Europe/Paris',
      calendar: null,
      policies: [{ priority: 'normal', name: 'Normal' }],
    });

    // A reply sent at 20 min meets the first response: sla_met once, the next due is the resolution's.
    await db.prisma.$transaction((tx) =>
      appendEvents(tx, t.organizationId, [
        {
          conversationId: c.conversationId,
          brandId: t.brandIds[0]!,
          type: 'reply_sent',
          actorUserId: t.users.agent.userId,
          data: { replyId: 'reply-1', isDirectMessage: false, attempts: 1 },
        },
      ]),
    );
    await processDirtySla(deps());
    await processDirtySla(deps());
    const events = await slaEvents(c.conversationId);
    expect(events.map((e) => [e.type, (e.data as { target: string }).target, e.actorUserId])).toEqual([
      ['sla_met', 'first_response', null],
    ]);
    expect(await state(c.conversationId)).toMatchObject({
      firstResponseDueAt: null,
      slaDueAt: at(c.startedAt, 240),
      slaState: 'ok',
    });
    expect(live.some((e) => e.type === 'sla.changed' && e.conversationId === c.conversationId)).toBe(true);
  });

  it('the clock passes with nothing else happening: the worker warns, breaches, and the sla_breached rule runs', async () => {
    const t = await tenant();
    const manager = await callerFor(db.prisma, t.users.manager.userId);
    await manager.sla.savePolicy(policyInput(t));
    await manager.sla.savePolicy(
      policyInput(t, { priority: 'urgent', name: 'Urgent', firstResponseMinutes: 15, resolutionMinutes: 120 }),
    );
    await manager.automation.create({
      organizationId: t.organizationId,
      brandId: t.brandIds[0]!,
      name: 'Escalate breaches',
      trigger: 'sla_breached',
      conditions: [],
      actions: [{ type: 'set_priority', priority: 'urgent' }],
    });
    const c = await conversation(t);
    let now = new Date();
    const worker = await startSlaWorker({ db: db.prisma, queue: services.queue, bus: services.bus }, log, {
      intervalMs: 50,
      now: () => now,
    });
    try {
      await eventually(async () => (await state(c.conversationId)).slaState === 'ok');
      // 50 min later: past the warning (45 min), before the due time.
      now = at(c.startedAt, 50);
      await eventually(async () => (await state(c.conversationId)).slaState === 'warning');
      expect((await slaEvents(c.conversationId)).map((e) => [e.type, e.occurredAt])).toEqual([
        ['sla_warning', at(c.startedAt, 45)],
      ]);
      // 61 min: the first response breaches on its own, the rule raises the priority.
      now = at(c.startedAt, 61);
      await eventually(async () => (await state(c.conversationId)).priority === 'urgent');
      await eventually(
        async () => (await state(c.conversationId)).resolutionDueAt?.getTime() === at(c.startedAt, 120).getTime(),
      );
    } finally {
      await worker.stop();
    }
    const after = await state(c.conversationId);
    expect(after).toMatchObject({ slaState: 'breached', firstResponseDueAt: at(c.startedAt, 60) });
    // Exactly once, whatever passes come after.
    await fireDueSlaClocks(deps(), now);
    await processDirtySla(deps(), { now });
    await syncSlaClocks(deps(), [c.conversationId], now);
    const events = await slaEvents(c.conversationId);
    expect(events.map((e) => [e.type, (e.data as { target: string }).target, e.occurredAt])).toEqual([
      ['sla_warning', 'first_response', at(c.startedAt, 45)],
      ['sla_breached', 'first_response', at(c.startedAt, 60)],
    ]);
    expect(events[1]!.data).toMatchObject({
      target: 'first_response',
      episode: 0,
      dueAt: at(c.startedAt, 60).toISOString(),
      targetMinutes: 60,
      businessHours: false,
    });
    expect(
      await db.prisma.conversationEvent.count({ where: { conversationId: c.conversationId, type: 'automation_ran' } }),
    ).toBe(1);
  });

  it('several workers at once: each due clock is claimed by one of them and breaches once', async () => {
    const t = await tenant();
    const manager = await callerFor(db.prisma, t.users.manager.userId);
    await manager.sla.savePolicy(policyInput(t));
    const conversations = [];
    for (let i = 0; i < 4; i++) conversations.push(await conversation(t));
    await processDirtySla(deps());
    const later = at(conversations[3]!.startedAt, 61);
    const passes = await Promise.all([1, 2, 3].map(() => fireDueSlaClocks(deps(), later)));
    expect(passes.reduce((a, b) => a + b, 0)).toBe(4);
    for (const c of conversations) {
      expect((await slaEvents(c.conversationId)).map((e) => e.type)).toEqual(['sla_warning', 'sla_breached']);
      expect((await state(c.conversationId)).slaState).toBe('breached');
    }
    // Nothing is due any more: the next pass finds nothing.
    expect(await fireDueSlaClocks(deps(), later)).toBe(0);
    // The SLA events the passes wrote leave the conversations clean for the SLA worker (no second sync for
    // nothing), and dirty for the metrics, whose SLA facts they change.
    const marks = await db.prisma.dirtyConversation.findMany({
      where: { conversationId: { in: conversations.map((c) => c.conversationId) } },
    });
    expect(marks.filter((m) => m.consumer === 'sla')).toEqual([]);
    expect(marks.filter((m) => m.consumer === 'metrics')).toHaveLength(4);
  });

  it('pending pauses the resolution clock; back to open, its due time moves by the pause', async () => {
    const t = await tenant();
    const manager = await callerFor(db.prisma, t.users.manager.userId);
    await manager.sla.savePolicy(policyInput(t));
    const c = await conversation(t);
    await processDirtySla(deps());
    const agent = await callerFor(db.prisma, t.users.agent.userId);
    const target = { organizationId: t.organizationId, conversationId: c.conversationId };
    await agent.conversations.changeStatus({ ...target, expectedVersion: 0, status: 'pending' });
    await processDirtySla(deps());
    expect(await state(c.conversationId)).toMatchObject({
      resolutionDueAt: null,
      firstResponseDueAt: at(c.startedAt, 60),
      slaState: 'ok',
    });
    expect((await clocks(c.conversationId)).find((k) => k.target === 'resolution')).toMatchObject({
      state: 'paused',
      dueAt: null,
    });
    await new Promise((r) => setTimeout(r, 50));
    await agent.conversations.changeStatus({ ...target, expectedVersion: 1, status: 'open' });
    await processDirtySla(deps());
    const changes = await db.prisma.conversationEvent.findMany({
      where: { conversationId: c.conversationId, type: 'status_changed' },
      orderBy: { id: 'asc' },
    });
    const paused = changes[1]!.occurredAt.getTime() - changes[0]!.occurredAt.getTime();
    expect(paused).toBeGreaterThan(0);
    expect((await state(c.conversationId)).resolutionDueAt).toEqual(new Date(at(c.startedAt, 240).getTime() + paused));
  });

  it('a policy or calendar change recomputes the due times of the brand’s open conversations', async () => {
    const t = await tenant();
    const manager = await callerFor(db.prisma, t.users.manager.userId);
    await manager.sla.savePolicy(policyInput(t));
    const c = await conversation(t);
    await processDirtySla(deps());
    expect((await state(c.conversationId)).firstResponseDueAt).toEqual(at(c.startedAt, 60));

    const tighter = await manager.sla.savePolicy(policyInput(t, { firstResponseMinutes: 30 }));
    expect(tighter.recomputing).toBe(1);
    await processDirtySla(deps());
    expect((await state(c.conversationId)).firstResponseDueAt).toEqual(at(c.startedAt, 30));

    // Business hours on a calendar: the due time follows the office's hours (at most the calendar time later).
    await manager.sla.savePolicy(policyInput(t, { firstResponseMinutes: 30, businessHours: true }));
    expect(
      (
        await manager.sla.setCalendar({
          organizationId: t.organizationId,
          brandId: t.brandIds[0]!,
          calendar: FIXTURE_CALENDAR,
        })
      ).recomputing,
    ).toBe(1);
    await processDirtySla(deps());
    const settings = await manager.sla.settings({ organizationId: t.organizationId, brandId: t.brandIds[0]! });
    expect(settings.calendar).toEqual(FIXTURE_CALENDAR);
    expect((await state(c.conversationId)).firstResponseDueAt!.getTime()).toBeGreaterThanOrEqual(
      at(c.startedAt, 30).getTime(),
    );

    await manager.sla.deletePolicy({ organizationId: t.organizationId, policyId: tighter.policy.id });
    await processDirtySla(deps());
    expect(await state(c.conversationId)).toMatchObject({
      firstResponseDueAt: null,
      resolutionDueAt: null,
      slaDueAt: null,
      slaState: 'none',
    });
    expect((await clocks(c.conversationId)).map((k) => k.state)).toEqual(['canceled', 'canceled']);
    expect(
      await db.prisma.auditLog.count({ where: { organizationId: t.organizationId, action: { startsWith: 'sla.' } } }),
    ).toBe(5);
  });

  it('another tenant’s brand or policy, or a brand outside the member’s reach, reads as missing', async () => {
    const own = await tenant();
    const other = await tenant();
    const manager = await callerFor(db.prisma, own.users.manager.userId);
    const foreign = await callerFor(db.prisma, other.users.manager.userId);
    const { policy } = await manager.sla.savePolicy(policyInput(own));
    const org = { organizationId: other.organizationId };
    await expect(foreign.sla.settings({ ...org, brandId: own.brandIds[0]! })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(foreign.sla.savePolicy({ ...policyInput(own), ...org })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(foreign.sla.deletePolicy({ ...org, policyId: policy.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(foreign.sla.setCalendar({ ...org, brandId: own.brandIds[0]!, calendar: null })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await db.prisma.slaPolicy.count({ where: { id: policy.id } })).toBe(1);

    await db.prisma.membership.update({
      where: { id: own.users.manager.membershipId },
      data: { brandIds: [own.brandIds[1]!] },
    });
    const restricted = await callerFor(db.prisma, own.users.manager.userId);
    await expect(
      restricted.sla.settings({ organizationId: own.organizationId, brandId: own.brandIds[0]! }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      restricted.sla.deletePolicy({ organizationId: own.organizationId, policyId: policy.id }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
