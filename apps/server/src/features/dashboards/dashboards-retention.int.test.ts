import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, type Caller } from '../../../test/harness.ts';
import { createTestDatabase } from '../../../test/test-database.ts';
import { subscribeBrand } from '../../seed/factories.ts';
import { dropEntitlements } from '../billing/entitlements.ts';
import { recomputeConversations } from '../metrics/metrics.service.ts';
import { addDays, localDate, localMidnight } from './dashboard-time.ts';
import { dashboardTenant, handledConversation, type DashboardTenant } from './dashboards.testing.ts';

/**
 * History retention on the dashboards (docs/dashboards.md): a range starting before what a brand's plan keeps is read
 * per brand from its first visible day (a Free brand: 30 days; an Enterprise brand of the same scope: the range asked),
 * the answers say so, and drill-downs list no fact before it nor a conversation the plan hides.
 */

const DAY = 86_400_000;
const MIN = 60_000;

describe('dashboards: retention shortens the range per brand', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let t: DashboardTenant;
  let manager: Caller;
  let org: { organizationId: string };
  const c = {} as Record<'old' | 'recent' | 'lateResolved' | 'nyOld', string>;
  const now = Date.now();
  const range = { from: localDate(new Date(now - 90 * DAY), 'UTC'), to: localDate(new Date(now), 'UTC') };
  /** Paris's first visible day on Free: the first local day starting after now − 30 days. */
  const parisFrom = addDays(localDate(new Date(now - 30 * DAY), 'Europe/Paris'), 1);

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await dashboardTenant(db.prisma, 'Keep Dash');
    org = { organizationId: t.organizationId };
    await db.prisma.subscription.deleteMany({ where: { brandId: t.paris } });
    dropEntitlements(t.organizationId);
    const handled = async (brandId: string, startDaysAgo: number, resolveMs: number) => {
      const start = new Date(now - startDaysAgo * DAY);
      const id = await handledConversation(db.prisma, t, {
        brandId,
        start,
        agent: t.users.agentA,
        frtMs: 10 * MIN,
        resolveMs,
      });
      // The customer's message is the conversation's last one.
      await db.prisma.conversation.update({ where: { id }, data: { lastMessageAt: start } });
      return id;
    };
    c.old = await handled(t.paris, 40, 60 * MIN);
    c.recent = await handled(t.paris, 10, 60 * MIN);
    // Resolved yesterday, its last message 40 days ago: the plan hides the conversation, though it was resolved since.
    c.lateResolved = await handled(t.paris, 40, 39 * DAY);
    c.nyOld = await handled(t.newYork, 40, 60 * MIN);
    await recomputeConversations(db.prisma, Object.values(c));
    manager = await callerFor(db.prisma, t.users.manager);
  }, 300_000);
  afterAll(() => db.dispose());

  it('summary: a Free brand from its first visible day, said in `retention`; a compared period it hides is not compared', async () => {
    const s = await manager.dashboards.summary({ ...org, ...range, brandIds: [t.paris], compare: true });
    expect(s.retention).toEqual({
      from: parisFrom,
      retentionDays: 30,
      planId: 'free',
      upgradePlanId: 'pro',
      brandIds: [t.paris],
    });
    expect(s.counts.inbound).toBe(1);
    expect(s.counts.outbound).toBe(1);
    expect(s.durations.first_response.count).toBe(1);
    expect(s.previous).toBeNull();
    // "All brands": each brand from its own start (New York, on Enterprise, keeps its 40-day-old conversation).
    const all = await manager.dashboards.summary({ ...org, ...range });
    expect(all.counts.inbound).toBe(2);
    expect(all.retention?.brandIds).toEqual([t.paris]);
    // A range within the plan says nothing.
    const inside = await manager.dashboards.summary({ ...org, from: parisFrom, to: range.to, brandIds: [t.paris] });
    expect(inside.retention).toBeUndefined();
  });

  it('series, volume, SLA and heatmap start at the first visible day', async () => {
    const scope = { ...org, ...range, brandIds: [t.paris] };
    const series = await manager.dashboards.series({ ...scope, metric: 'inbound', grain: 'day', compare: true });
    expect(series.points[0]!.start).toBe(localMidnight(parisFrom, 'Europe/Paris').toISOString());
    expect(series.points.reduce((n, p) => n + p.count, 0)).toBe(1);
    expect(series.previous).toBeNull();
    expect(series.retention?.from).toBe(parisFrom);
    const volume = await manager.dashboards.volume({ ...scope, grain: 'day' });
    expect(volume.points[0]!.start).toBe(series.points[0]!.start);
    expect(volume.retention?.retentionDays).toBe(30);
    expect((await manager.dashboards.sla({ ...scope, grain: 'week' })).retention?.planId).toBe('free');
    const heatmap = await manager.dashboards.heatmap(scope);
    expect(heatmap.cells.reduce((n, cell) => n + cell.count, 0)).toBe(1);
    expect(heatmap.retention?.from).toBe(parisFrom);
  });

  it('drill-downs list no fact before the cutoff and no conversation the plan hides', async () => {
    const inbound = await manager.dashboards.drilldown({ ...org, ...range, metric: 'inbound' });
    expect(inbound.rows.map((r) => r.conversationId).sort()).toEqual([c.recent, c.nyOld].sort());
    expect(inbound.total).toBe(2);
    expect(inbound.retention?.brandIds).toEqual([t.paris]);
    const resolutions = await manager.dashboards.drilldown({
      ...org,
      ...range,
      brandIds: [t.paris],
      metric: 'resolution_count',
    });
    expect(resolutions.rows.map((r) => r.conversationId)).toEqual([c.recent]);
    expect(resolutions.total).toBe(1);
  });

  it('an upgrade shows the whole range again at once', async () => {
    await subscribeBrand(db.prisma, t.organizationId, t.paris, 'enterprise');
    dropEntitlements(t.organizationId);
    const s = await manager.dashboards.summary({ ...org, ...range, brandIds: [t.paris] });
    expect(s.retention).toBeUndefined();
    expect(s.counts.inbound).toBe(3);
    const resolutions = await manager.dashboards.drilldown({
      ...org,
      ...range,
      brandIds: [t.paris],
      metric: 'resolution_count',
    });
    expect(resolutions.rows.map((r) => r.conversationId).sort()).toEqual([c.old, c.recent, c.lateResolved].sort());
  });
});
