import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, type Caller } from '../../../test/harness.ts';
import { createTestDatabase } from '../../../test/test-database.ts';
import { recomputeConversations } from '../metrics/metrics.service.ts';
import { appendLog } from '../metrics/metrics.testing.ts';
import { localDate, localMidnight } from './dashboard-time.ts';
import { dashboardTenant, handledConversation, type DashboardTenant } from './dashboards.testing.ts';

/**
 * SLA achievement by target and bucket from the SLA events, hour series across a DST change, and the wallboard
 * (waiting now, oldest waiting, agents online, breaches today from the clocks, first response today).
 */

const MIN = 60_000;

describe('dashboards: SLA, hours across DST, wallboard', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let t: DashboardTenant;
  let manager: Caller;
  let org: { organizationId: string };
  const now = new Date();

  const slaEvent = (type: 'sla_met' | 'sla_breached', target: string, at: Date, dueAt: Date) => ({
    id: 0,
    type,
    actorUserId: null,
    data: { target, episode: 0, dueAt: dueAt.toISOString(), targetMinutes: 60, businessHours: false },
    occurredAt: at,
  });

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await dashboardTenant(db.prisma, 'Live Air');
    org = { organizationId: t.organizationId };
    const ids: string[] = [];
    // Paris, around the spring change (29 March 2026: 02:00 → 03:00): 23:30 UTC on the 28th is 00:30 on the 29th,
    // 21:30 UTC on the 29th is 23:30 on the 29th, 22:30 UTC on the 29th is already 00:30 on the 30th.
    for (const at of ['2026-03-28T23:30:00Z', '2026-03-29T21:30:00Z', '2026-03-29T22:30:00Z']) {
      const id = await handledConversation(db.prisma, t, {
        brandId: t.paris,
        start: new Date(at),
        agent: t.users.agentA,
        frtMs: 10 * MIN,
        resolveMs: null,
      });
      ids.push(id);
    }
    // SLA: first response met, resolution breached (29th, local); next response met then breached on the 30th.
    const a = ids[0]!;
    await appendLog(db.prisma, t, t.paris, a, [
      slaEvent('sla_met', 'first_response', new Date('2026-03-28T23:40:00Z'), new Date('2026-03-29T00:30:00Z')),
      slaEvent('sla_breached', 'resolution', new Date('2026-03-29T08:00:00Z'), new Date('2026-03-29T08:00:00Z')),
    ]);
    await appendLog(db.prisma, t, t.paris, ids[2]!, [
      slaEvent('sla_met', 'next_response', new Date('2026-03-30T06:00:00Z'), new Date('2026-03-30T07:00:00Z')),
      slaEvent('sla_breached', 'next_response', new Date('2026-03-30T09:00:00Z'), new Date('2026-03-30T09:00:00Z')),
    ]);
    // Today: one answered 20 minutes after it came in, one still waiting.
    ids.push(
      await handledConversation(db.prisma, t, {
        brandId: t.paris,
        start: new Date(now.getTime() - 30 * MIN),
        agent: t.users.agentB,
        frtMs: 20 * MIN,
        resolveMs: null,
      }),
    );
    const waiting = await handledConversation(db.prisma, t, {
      brandId: t.newYork,
      start: new Date(now.getTime() - 15 * MIN),
      agent: t.users.agentA,
      frtMs: null,
      resolveMs: null,
    });
    await db.prisma.conversation.update({
      where: { id: waiting },
      data: { waitingSince: new Date(now.getTime() - 15 * MIN) },
      select: { id: true },
    });
    ids.push(waiting);
    await recomputeConversations(db.prisma, ids);
    await db.prisma.slaClock.createMany({
      data: [
        { breachedAt: new Date(now.getTime() - 5 * MIN), conversationId: waiting, brandId: t.newYork },
        { breachedAt: new Date(now.getTime() - 3 * 86_400_000), conversationId: a, brandId: t.paris },
      ].map((c, i) => ({
        organizationId: t.organizationId,
        brandId: c.brandId,
        conversationId: c.conversationId,
        target: 'first_response' as const,
        episode: i,
        businessHours: false,
        targetMinutes: 5,
        warnAtPercent: 75,
        startedAt: new Date(c.breachedAt.getTime() - 5 * MIN),
        state: 'breached' as const,
        breachedAt: c.breachedAt,
      })),
    });
    await db.prisma.membership.updateMany({
      where: { organizationId: t.organizationId, userId: { in: [t.users.agentA, t.users.manager] } },
      data: { availability: 'online' },
    });
    manager = await callerFor(db.prisma, t.users.manager);
  }, 300_000);
  afterAll(() => db.dispose());

  it('SLA: hits, breaches and achievement per target and local day', async () => {
    const r = await manager.dashboards.sla({
      ...org,
      brandIds: [t.paris],
      from: '2026-03-28',
      to: '2026-03-30',
      grain: 'day',
    });
    const day = (date: string, target: string) =>
      r.points
        .find((p) => p.start === localMidnight(date, 'Europe/Paris').toISOString())!
        .targets.find((x) => x.target === target);
    expect(day('2026-03-28', 'first_response')).toMatchObject({ hits: 0, breaches: 0, achievement: null });
    expect(day('2026-03-29', 'first_response')).toMatchObject({ hits: 1, breaches: 0, achievement: 1 });
    expect(day('2026-03-29', 'resolution')).toMatchObject({ hits: 0, breaches: 1, achievement: 0 });
    expect(day('2026-03-30', 'next_response')).toMatchObject({ hits: 1, breaches: 1, achievement: 0.5 });
    const summary = await manager.dashboards.summary({
      ...org,
      brandIds: [t.paris],
      from: '2026-03-28',
      to: '2026-03-30',
    });
    expect(summary.sla).toEqual([
      { target: 'first_response', hits: 1, breaches: 0, achievement: 1 },
      { target: 'next_response', hits: 1, breaches: 1, achievement: 0.5 },
      { target: 'resolution', hits: 0, breaches: 1, achievement: 0 },
    ]);
    const breaches = await manager.dashboards.drilldown({
      ...org,
      brandIds: [t.paris],
      from: '2026-03-28',
      to: '2026-03-30',
      metric: 'sla_breach',
    });
    expect(breaches.rows.map((row) => [row.slaTarget, row.hit])).toEqual([
      ['next_response', false],
      ['resolution', false],
    ]);
  });

  it('hour series on the 23-hour spring day in Paris; day points by local date', async () => {
    const hours = await manager.dashboards.series({
      ...org,
      brandIds: [t.paris],
      from: '2026-03-29',
      to: '2026-03-29',
      metric: 'inbound',
      grain: 'hour',
    });
    expect(hours.grain).toBe('hour');
    expect(hours.points).toHaveLength(23);
    expect(hours.points[0]!.start).toBe('2026-03-28T23:00:00.000Z');
    expect(hours.points.filter((p) => p.count > 0).map((p) => p.start)).toEqual([
      '2026-03-28T23:00:00.000Z',
      '2026-03-29T21:00:00.000Z',
    ]);
    const days = await manager.dashboards.series({
      ...org,
      brandIds: [t.paris],
      from: '2026-03-28',
      to: '2026-03-31',
      metric: 'inbound',
      grain: 'day',
    });
    expect(days.points.map((p) => [p.start, p.count])).toEqual([
      ['2026-03-27T23:00:00.000Z', 0],
      ['2026-03-28T23:00:00.000Z', 2],
      ['2026-03-29T22:00:00.000Z', 1],
      ['2026-03-30T22:00:00.000Z', 0],
    ]);
    const heat = await manager.dashboards.heatmap({
      ...org,
      brandIds: [t.paris],
      from: '2026-03-28',
      to: '2026-03-31',
    });
    // Sunday 00:30 and 23:30, Monday 00:30 (local).
    expect(heat.cells.filter((c) => c.count > 0)).toEqual([
      { weekday: 0, hour: 0, count: 1 },
      { weekday: 6, hour: 0, count: 1 },
      { weekday: 6, hour: 23, count: 1 },
    ]);
  });

  it('wallboard: waiting now, oldest waiting, agents online, breaches today, first response today', async () => {
    const w = await manager.dashboards.wallboard(org);
    expect(w.waitingNow).toBe(1);
    expect(w.oldestWaitingSince).toBe(new Date(now.getTime() - 15 * MIN).toISOString());
    expect(w.agentsOnline).toBe(2);
    expect(w.breachesToday).toBe(1);
    // Today's first responses in each brand's local day (the one answered 20 minutes after the message, if its
    // reply fell on today's local date in Paris).
    const parisToday = localDate(now, 'Europe/Paris');
    const replyDay = localDate(new Date(now.getTime() - 10 * MIN), 'Europe/Paris');
    if (replyDay === parisToday) {
      expect(w.firstResponseToday.count).toBe(1);
      expect(Math.abs(w.firstResponseToday.median! - 20 * MIN) / (20 * MIN)).toBeLessThanOrEqual(0.05);
    }
    const paris = await manager.dashboards.wallboard({ ...org, brandIds: [t.paris] });
    expect(paris).toMatchObject({ waitingNow: 0, oldestWaitingSince: null, breachesToday: 0 });
  });
});
