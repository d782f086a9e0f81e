import { businessCalendarSchema } from '@perch/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor } from '../../test/harness.ts';
import { createTestDatabase } from '../../test/test-database.ts';
import { businessMs } from '../features/metrics/business-hours.ts';
import { computeConversationMetrics } from '../features/metrics/episodes.ts';
import type { MetricEvent } from '../features/metrics/metric-events.ts';
import { DEMO_SLA_TARGETS, demoBusinessCalendar, seedDemoHistory, type SeededHistory } from './demo-history.ts';
import { demoEmail, DEMO_ORGS, seedDemo } from './demo.ts';

const NOW = new Date('2026-11-30T08:00:00Z');
const DAY = 86_400_000;
const slugs = DEMO_ORGS.map((o) => o.slug);

describe('demo history: weeks of past conversations behind the dashboards', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let seeded: SeededHistory[];
  let seedMs: number;
  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemo(db.prisma);
    const started = performance.now();
    seeded = await seedDemoHistory(db.prisma, slugs, { now: NOW });
    seedMs = performance.now() - started;
    const total = seeded.reduce((n, s) => n + s.conversations, 0);
    const events = seeded.reduce((n, s) => n + s.events, 0);
    console.info(`demo history: ${total} conversations, ${events} events in ${Math.round(seedMs)} ms`, seeded);
  }, 300_000);
  afterAll(() => db.dispose());

  const brandsOf = () =>
    db.prisma.brand.findMany({
      where: { organization: { slug: { in: slugs } } },
      select: { id: true, name: true, organizationId: true, timeZone: true, businessCalendar: true },
      orderBy: { name: 'asc' },
    });

  it('every demo brand gets six weeks of resolved history (~3,000 conversations), written fast', async () => {
    expect(seeded.map((s) => s.brand).sort()).toEqual(['Northwind Telecom', 'Skyward Air', 'Skyward Cargo']);
    const total = seeded.reduce((n, s) => n + s.conversations, 0);
    expect(total).toBeGreaterThan(2_500);
    expect(total).toBeLessThan(3_600);
    // Speed (the bar: ≤ 10 s for ~3,000 conversations on the embedded database) is measured and logged above, not
    // asserted: wall time on a shared test machine says more about its load than about the seed.
    expect(seedMs).toBeGreaterThan(0);
    for (const brand of await brandsOf()) {
      const rows = await db.prisma.conversation.groupBy({
        by: ['status'],
        where: { brandId: brand.id },
        _count: { _all: true },
        _min: { createdAt: true },
        _max: { updatedAt: true },
      });
      const count = (s: string) => rows.find((r) => r.status === s)?._count._all ?? 0;
      const all = rows.reduce((n, r) => n + r._count._all, 0);
      expect(all, brand.name).toBe(seeded.find((s) => s.brand === brand.name)!.conversations);
      expect(count('resolved'), brand.name).toBeGreaterThanOrEqual(all - 3);
      const earliest = Math.min(...rows.map((r) => r._min.createdAt!.getTime()));
      expect(earliest, brand.name).toBeLessThan(NOW.getTime() - 41 * DAY);
      expect(Math.max(...rows.map((r) => r._max.updatedAt!.getTime())), brand.name).toBeLessThan(NOW.getTime());
    }
  });

  it('the few conversations left open are clearly old, so the live inbox stays what the simulator makes it', async () => {
    const open = await db.prisma.conversation.findMany({
      where: { organization: { slug: { in: slugs } }, status: { not: 'resolved' } },
      select: { status: true, lastMessageAt: true, assigneeUserId: true, waitingSince: true },
    });
    expect(open.length).toBeGreaterThan(0);
    expect(open.length).toBeLessThanOrEqual(9);
    for (const c of open) {
      expect(c.lastMessageAt.getTime()).toBeLessThan(NOW.getTime() - 4 * DAY);
      expect(['new', 'pending']).toContain(c.status);
      // Forgotten ones still wait, unassigned; pending ones were answered and wait on the customer.
      if (c.status === 'new') expect(c.assigneeUserId === null && c.waitingSince !== null).toBe(true);
      else expect(c.assigneeUserId).not.toBeNull();
    }
    const latestEvent = await db.prisma.conversationEvent.aggregate({ _max: { occurredAt: true } });
    expect(latestEvent._max.occurredAt!.getTime()).toBeLessThan(NOW.getTime());
  });

  it('the SLA engine and the metrics worker will see every history conversation (dirty marks, both consumers)', async () => {
    const total = seeded.reduce((n, s) => n + s.conversations, 0);
    for (const consumer of ['sla', 'metrics']) {
      expect(await db.prisma.dirtyConversation.count({ where: { consumer } }), consumer).toBe(total);
    }
  });

  it('each brand has SLA policies on business hours and its calendar (Mon–Fri 08–20, Sat 10–16)', async () => {
    for (const brand of await brandsOf()) {
      const calendar = businessCalendarSchema.parse(brand.businessCalendar);
      expect(calendar).toEqual(demoBusinessCalendar(brand.timeZone));
      expect(calendar.week[0]).toEqual([{ start: '08:00', end: '20:00' }]);
      expect(calendar.week[5]).toEqual([{ start: '10:00', end: '16:00' }]);
      expect(calendar.week[6]).toEqual([]);
      const policies = await db.prisma.slaPolicy.findMany({ where: { brandId: brand.id } });
      expect(policies.map((p) => p.priority).sort()).toEqual(['high', 'low', 'normal', 'urgent']);
      const urgent = policies.find((p) => p.priority === 'urgent')!;
      expect(urgent).toMatchObject({ firstResponseMinutes: 15, nextResponseMinutes: 60, resolutionMinutes: 480 });
      expect(policies.every((p) => p.businessHours && p.warnAtPercent === 75)).toBe(true);
      expect(DEMO_SLA_TARGETS.urgent.first).toBe(15);
    }
  });

  it('metrics computed from the stored events: first responses in business minutes, nights slower', async () => {
    const brand = (await brandsOf()).find((b) => b.name === 'Skyward Air')!;
    const calendar = businessCalendarSchema.parse(brand.businessCalendar);
    const events = await db.prisma.conversationEvent.findMany({
      where: { brandId: brand.id },
      select: { id: true, conversationId: true, type: true, actorUserId: true, data: true, occurredAt: true },
      orderBy: [{ conversationId: 'asc' }, { occurredAt: 'asc' }, { id: 'asc' }],
    });
    const byConversation = new Map<string, typeof events>();
    for (const e of events) byConversation.set(e.conversationId, [...(byConversation.get(e.conversationId) ?? []), e]);
    const business: number[] = [];
    const day: number[] = [];
    const night: number[] = [];
    let reopened = 0;
    let unanswered = 0;
    let retried = 0;
    let stillOpen = 0;
    for (const log of byConversation.values()) {
      const metricEvents: MetricEvent[] = log;
      const calendarTime = computeConversationMetrics(metricEvents);
      const businessTime = computeConversationMetrics(metricEvents, {
        duration: (from, to) => businessMs(calendar, from, to),
      });
      const first = calendarTime.episodes[0]!;
      if (calendarTime.episodes.length > 1) reopened++;
      if (log.some((e) => e.type === 'reply_failed')) {
        retried++;
        // Failed then retried: one response, at its sent time.
        const sent = log.filter((e) => e.type === 'reply_sent');
        expect(first.firstResponse?.at.getTime()).toBe(sent[0]!.occurredAt.getTime());
      }
      if (!first.firstResponse) {
        unanswered++;
        continue;
      }
      business.push(businessTime.episodes[0]!.firstResponse!.ms / 60_000);
      const open = businessMs(calendar, first.startedAt, new Date(first.startedAt.getTime() + 60_000)) > 0;
      (open ? day : night).push(first.firstResponse.ms / 60_000);
      if (calendarTime.episodes.at(-1)!.resolvedAt === null) stillOpen++;
    }
    const share = (xs: number[], min: number, max: number) => xs.filter((x) => x >= min && x <= max).length / xs.length;
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    // Mostly within 5–60 business minutes (urgent ones may be quicker), a tail beyond.
    expect(share(business, 3, 60)).toBeGreaterThan(0.85);
    expect(median(business)).toBeGreaterThan(8);
    expect(median(business)).toBeLessThan(35);
    expect(share(day, 3, 75)).toBeGreaterThan(0.8);
    expect(median(night)).toBeGreaterThan(3 * median(day));
    expect(reopened / byConversation.size).toBeGreaterThan(0.03);
    expect(retried).toBeGreaterThan(10);
    expect(unanswered / byConversation.size).toBeLessThan(0.08);
    expect(unanswered).toBeGreaterThan(5);
    expect(stillOpen).toBeLessThanOrEqual(3);
  });

  it('a manager opens a reopened history conversation: its thread, replies and events read as the product wrote them', async () => {
    const org = DEMO_ORGS[0]!;
    const user = await db.prisma.user.findUniqueOrThrow({
      where: { email: demoEmail(org, 'manager') },
      select: { id: true, memberships: { select: { organizationId: true } } },
    });
    const organizationId = user.memberships[0]!.organizationId;
    const manager = await callerFor(db.prisma, user.id);
    const reopened = await db.prisma.conversationEvent.findFirstOrThrow({
      where: { organizationId, type: 'reopened' },
      select: { conversationId: true },
      orderBy: { id: 'asc' },
    });
    const detail = await manager.conversations.get({ organizationId, conversationId: reopened.conversationId });
    expect(detail.conversation.status).toBe('resolved');
    expect(detail.timeline.length).toBeGreaterThan(4);
    // The customer's posts and the agents' sent replies, in the thread.
    expect(detail.thread.length).toBeGreaterThanOrEqual(3);
  });

  it('seeding again writes nothing, whatever the time', async () => {
    const counts = () =>
      Promise.all([
        db.prisma.conversation.count(),
        db.prisma.conversationEvent.count(),
        db.prisma.mention.count(),
        db.prisma.reply.count(),
        db.prisma.customer.count(),
        db.prisma.slaPolicy.count(),
      ]);
    const before = await counts();
    const again = await seedDemoHistory(db.prisma, slugs, { now: new Date(NOW.getTime() + 3 * DAY) });
    expect(again.every((s) => s.skipped && s.conversations === 0)).toBe(true);
    expect(await seedDemo(db.prisma, { history: { now: new Date() } })).toBe(false);
    expect(await counts()).toEqual(before);
  });
});
