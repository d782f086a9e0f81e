import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, type Caller } from '../../../test/harness.ts';
import { outcome } from '../../../test/procedure-samples.ts';
import { createTestDatabase } from '../../../test/test-database.ts';
import { recomputeConversations } from '../metrics/metrics.service.ts';
import { addDays, localMidnight } from './dashboard-time.ts';
import { dashboardTenant, handledConversation, seeded, type DashboardTenant } from './dashboards.testing.ts';

/**
 * The dashboards against facts and rollups computed by the metrics pipeline from real event logs: every count equal
 * to the facts', medians and p90 within 5 % of percentile_cont over the facts, local days across DST changes, the
 * agent restriction, and drill-downs returning exactly the facts behind a point.
 */

const MIN = 60_000;
const FROM = '2026-03-01';
const TO = '2026-04-12';

describe('dashboards: figures from the rollups', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let t: DashboardTenant;
  let manager: Caller;
  let agentA: Caller;
  let org: { organizationId: string };

  /** Exact figures from MetricFact over the local days [from, to] of each brand. */
  async function exact(
    kind: string,
    opts: { brands?: string[]; from?: string; to?: string; business?: boolean; agent?: string; minMs?: number } = {},
  ) {
    const brands = opts.brands ?? [t.paris, t.newYork];
    const zones = await db.prisma.brand.findMany({
      where: { id: { in: brands } },
      select: { id: true, timeZone: true },
    });
    const from = opts.from ?? FROM;
    const to = opts.to ?? TO;
    const col = opts.business ? 'businessMs' : 'ms';
    const rows = await db.pool.query<{ n: number; median: number | null; p90: number | null; sum: number | null }>(
      `SELECT count(*)::int AS n, percentile_cont(0.5) WITHIN GROUP (ORDER BY f."${col}") AS median,
              percentile_cont(0.9) WITHIN GROUP (ORDER BY f."${col}") AS p90, sum(f."${col}")::float8 AS sum
       FROM "MetricFact" f
       JOIN unnest($2::uuid[], $3::timestamptz[], $4::timestamptz[]) AS p(brand, lo, hi)
         ON f."brandId" = p.brand AND f.at >= p.lo AND f.at < p.hi
       WHERE f."organizationId" = $1 AND f.kind = $5 AND ($6::uuid IS NULL OR f."agentUserId" = $6)
         AND ($7::float8 IS NULL OR f."${col}" >= $7)`,
      [
        t.organizationId,
        zones.map((z) => z.id),
        zones.map((z) => localMidnight(from, z.timeZone).toISOString()),
        zones.map((z) => localMidnight(addDays(to, 1), z.timeZone).toISOString()),
        kind,
        opts.agent ?? null,
        opts.minMs ?? null,
      ],
    );
    return rows.rows[0]!;
  }

  const within5 = (approx: number | null, truth: number | null) => {
    expect(approx).not.toBeNull();
    expect(truth).not.toBeNull();
    expect(Math.abs(approx! - truth!) / truth!).toBeLessThanOrEqual(0.05);
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await dashboardTenant(db.prisma, 'Dash Air');
    org = { organizationId: t.organizationId };
    await db.prisma.brand.update({
      where: { id: t.newYork },
      data: {
        businessCalendar: {
          timeZone: 'America/New_York',
          week: [0, 1, 2, 3, 4, 5, 6].map((d) => (d < 5 ? [{ start: '09:00', end: '17:00' }] : [])),
          holidays: [],
        },
      },
    });
    const rnd = seeded(7);
    const ids: string[] = [];
    const span = localMidnight('2026-04-13', 'UTC').getTime() - localMidnight('2026-02-25', 'UTC').getTime();
    for (let i = 0; i < 200; i++) {
      const brandId = i % 6 === 5 ? t.newYork : t.paris;
      let start = new Date(localMidnight('2026-02-25', 'UTC').getTime() + Math.floor(rnd.next() * span));
      if (brandId === t.newYork) {
        // New York (business hours Monday–Friday 09:00–17:00): messages on weekdays between 15:00 and 18:00 UTC.
        const day = new Date(start.getTime() - (start.getTime() % 86_400_000));
        while ([0, 6].includes(day.getUTCDay())) day.setUTCDate(day.getUTCDate() + 1);
        start = new Date(day.getTime() + 15 * 3_600_000 + Math.floor(rnd.next() * 3 * 3_600_000));
      }
      const frtMs = rnd.next() < 0.9 ? Math.max(1_000, rnd.logNormal(20 * MIN, 0.5)) : null;
      const resolveMs = rnd.next() < 0.8 ? (frtMs ?? 0) + Math.max(1_000, rnd.logNormal(3 * 60 * MIN, 0.5)) : null;
      ids.push(
        await handledConversation(db.prisma, t, {
          brandId,
          start,
          agent: rnd.next() < 0.6 ? t.users.agentA : t.users.agentB,
          frtMs,
          resolveMs,
          teamId: rnd.next() < 0.5 ? t.teamId : null,
          tagIds: brandId === t.paris && rnd.next() < 0.3 ? [t.tagId] : [],
          priority: rnd.pick(['urgent', 'high', 'normal', 'low'] as const),
        }),
      );
    }
    await recomputeConversations(db.prisma, ids);
    manager = await callerFor(db.prisma, t.users.manager);
    agentA = await callerFor(db.prisma, t.users.agentA);
  }, 900_000);
  afterAll(() => db.dispose());

  it('summary: counts equal the facts, medians and p90 within 5 % of percentile_cont, backlog at the end', async () => {
    const s = await manager.dashboards.summary({ ...org, from: FROM, to: TO });
    for (const kind of ['first_response', 'reply', 'resolution', 'full_resolution', 'requester_wait'] as const) {
      const e = await exact(kind);
      expect(s.durations[kind].count).toBe(e.n);
      within5(s.durations[kind].median, e.median);
      within5(s.durations[kind].p90, e.p90);
      expect(s.durations[kind].mean).toBeCloseTo(e.sum! / e.n, 3);
    }
    expect(s.counts).toEqual({
      inbound: (await exact('inbound')).n,
      outbound: (await exact('outbound')).n,
      episode_start: (await exact('episode_start')).n,
      resolution_count: (await exact('resolution')).n,
    });
    const [backlog] = (
      await db.pool.query<{ n: number }>(
        `SELECT (count(*) FILTER (WHERE kind = 'episode_start') - count(*) FILTER (WHERE kind = 'resolution'))::int AS n
         FROM "MetricFact" f JOIN "Brand" b ON b.id = f."brandId"
         WHERE f."organizationId" = $1 AND f.at < (($2::date + 1)::timestamp AT TIME ZONE b."timeZone")`,
        [t.organizationId, TO],
      )
    ).rows;
    expect(s.backlogAtEnd).toBe(backlog!.n);
    expect(s.timeZone).toBe('mixed');
    expect(s.previous).toBeNull();
    expect(Date.parse(s.freshAt!)).toBeLessThanOrEqual(Date.now() + 1_000);
  });

  it('summary: one brand in its own zone, business hours from the business histograms, compare', async () => {
    const s = await manager.dashboards.summary({
      ...org,
      brandIds: [t.newYork],
      from: FROM,
      to: TO,
      businessHours: true,
      compare: true,
    });
    expect(s.timeZone).toBe('America/New_York');
    const e = await exact('resolution', { brands: [t.newYork], business: true });
    const calendar = await exact('resolution', { brands: [t.newYork] });
    expect(s.durations.resolution.count).toBe(e.n);
    within5(s.durations.resolution.median, e.median);
    within5(s.durations.resolution.p90, e.p90);
    // Resolutions running past 17:00 count only business time: the business sum is smaller, and it is the one read.
    expect(e.sum!).toBeLessThan(calendar.sum!);
    expect(s.durations.resolution.mean).toBeCloseTo(e.sum! / e.n, 3);
    const prev = await exact('inbound', { brands: [t.newYork], from: '2026-01-18', to: '2026-02-28' });
    expect(s.previous?.counts.inbound).toBe(prev.n);
  });

  it('series: day points in the brand zone with exact counts; grains coarsen to stay under 1,000 points', async () => {
    const r = await manager.dashboards.series({
      ...org,
      brandIds: [t.paris],
      from: FROM,
      to: TO,
      metric: 'first_response',
      grain: 'day',
    });
    expect(r.grain).toBe('day');
    expect(r.points).toHaveLength(43);
    expect(r.points[0]!.start).toBe('2026-02-28T23:00:00.000Z');
    // 29 March: summer time begins in Paris; the next local midnight is at 22:00 UTC.
    expect(r.points.find((p) => p.start.startsWith('2026-03-29'))!.start).toBe('2026-03-29T22:00:00.000Z');
    for (const p of r.points.slice(0, 10)) {
      const day = p.start;
      const date = new Date(Date.parse(day) + 12 * 3_600_000).toISOString().slice(0, 10);
      const e = await exact('first_response', { brands: [t.paris], from: date, to: date });
      expect(p.count).toBe(e.n);
      if (e.n >= 10) within5(p.median, e.median);
    }
    const total = r.points.reduce((n, p) => n + p.count, 0);
    expect(total).toBe((await exact('first_response', { brands: [t.paris] })).n);

    const weeks = await manager.dashboards.series({ ...org, from: FROM, to: TO, metric: 'inbound', grain: 'week' });
    // 1 March 2026 is a Sunday: the first week starts on Monday 23 February (its point counts 1 March only).
    // Across brands in different zones, points are dated in the first brand's zone (by name: New York).
    expect(weeks.points[0]!.start).toBe('2026-02-23T05:00:00.000Z');
    expect(weeks.points).toHaveLength(7);
    expect(weeks.points[0]!.count).toBe((await exact('inbound', { from: FROM, to: FROM })).n);
    expect(weeks.points.reduce((n, p) => n + p.count, 0)).toBe((await exact('inbound')).n);

    const months = await manager.dashboards.series({ ...org, from: FROM, to: TO, metric: 'inbound', grain: 'month' });
    expect(months.points.map((p) => p.count)).toEqual([
      (await exact('inbound', { to: '2026-03-31' })).n,
      (await exact('inbound', { from: '2026-04-01' })).n,
    ]);

    const long = await manager.dashboards.series({
      ...org,
      from: '2024-01-01',
      to: '2026-12-31',
      metric: 'resolution_count',
      grain: 'day',
    });
    expect(long.grain).toBe('week');
    expect(long.points.length).toBeLessThanOrEqual(1000);
    expect(long.points.reduce((n, p) => n + p.count, 0)).toBe(
      (await exact('resolution', { from: '2024-01-01', to: '2026-12-31' })).n,
    );
    const hours = await manager.dashboards.series({ ...org, from: FROM, to: TO, metric: 'inbound', grain: 'hour' });
    expect(hours.grain).toBe('day');
  });

  it('series compare: the previous period aligned by position', async () => {
    const r = await manager.dashboards.series({
      ...org,
      from: '2026-03-20',
      to: '2026-03-26',
      metric: 'inbound',
      grain: 'day',
      compare: true,
    });
    expect(r.previous).toHaveLength(7);
    expect(r.previous!.reduce((n, p) => n + p.count, 0)).toBe(
      (await exact('inbound', { from: '2026-03-13', to: '2026-03-19' })).n,
    );
  });

  it('volume: inbound and outbound per bucket, backlog = episodes started − resolved up to the end of each', async () => {
    const r = await manager.dashboards.volume({
      ...org,
      brandIds: [t.paris],
      from: '2026-03-25',
      to: '2026-04-02',
      grain: 'day',
    });
    expect(r.points).toHaveLength(9);
    for (const p of r.points) {
      const date = new Date(Date.parse(p.start) + 12 * 3_600_000).toISOString().slice(0, 10);
      const [row] = (
        await db.pool.query<{ n: number }>(
          `SELECT (count(*) FILTER (WHERE kind = 'episode_start') - count(*) FILTER (WHERE kind = 'resolution'))::int AS n
           FROM "MetricFact" WHERE "organizationId" = $1 AND "brandId" = $2 AND at < $3`,
          [t.organizationId, t.paris, localMidnight(addDays(date, 1), 'Europe/Paris').toISOString()],
        )
      ).rows;
      expect(p.backlog).toBe(row!.n);
      expect(p.inbound).toBe((await exact('inbound', { brands: [t.paris], from: date, to: date })).n);
      expect(p.outbound).toBe((await exact('outbound', { brands: [t.paris], from: date, to: date })).n);
    }
  });

  it('agents see their own figures only; another filter is refused', async () => {
    const s = await agentA.dashboards.summary({ ...org, from: FROM, to: TO });
    const mine = await exact('first_response', { agent: t.users.agentA });
    expect(s.durations.first_response.count).toBe(mine.n);
    expect(s.durations.first_response.count).toBeLessThan((await exact('first_response')).n);
    within5(s.durations.first_response.median, mine.median);
    const own = await agentA.dashboards.summary({
      ...org,
      from: FROM,
      to: TO,
      filter: { dimension: 'agent', value: t.users.agentA },
    });
    expect(own.durations).toEqual(s.durations);
    const refused = [
      () =>
        agentA.dashboards.summary({
          ...org,
          from: FROM,
          to: TO,
          filter: { dimension: 'agent', value: t.users.agentB },
        }),
      () =>
        agentA.dashboards.series({
          ...org,
          from: FROM,
          to: TO,
          metric: 'inbound',
          grain: 'day',
          filter: { dimension: 'team', value: t.teamId },
        }),
      () => agentA.dashboards.breakdown({ ...org, from: FROM, to: TO, dimension: 'team' }),
      () => agentA.dashboards.wallboard({ ...org }),
    ];
    for (const call of refused) expect(await outcome(call())).toBe('FORBIDDEN');
    const board = await agentA.dashboards.breakdown({ ...org, from: FROM, to: TO, dimension: 'agent' });
    expect(board.rows.map((r) => r.value)).toEqual([t.users.agentA]);
    const drill = await agentA.dashboards.drilldown({
      ...org,
      from: FROM,
      to: TO,
      metric: 'first_response',
      limit: 100,
    });
    expect(drill.total).toBe(mine.n);
  });

  it('a manager limited to one brand cannot read another; a manager filter on another tenant’s team → NOT_FOUND', async () => {
    const paris = await callerFor(db.prisma, t.users.parisManager);
    expect(await outcome(paris.dashboards.summary({ ...org, brandIds: [t.newYork], from: FROM, to: TO }))).toBe(
      'NOT_FOUND',
    );
    const s = await paris.dashboards.summary({ ...org, from: FROM, to: TO });
    expect(s.counts.inbound).toBe((await exact('inbound', { brands: [t.paris] })).n);
    expect(s.timeZone).toBe('Europe/Paris');
  });

  it('breakdown: per agent with load, per tag and per brand, counts equal to the facts', async () => {
    await db.prisma.membership.updateMany({
      where: { organizationId: t.organizationId, userId: t.users.agentA },
      data: { availability: 'online' },
    });
    const r = await manager.dashboards.breakdown({ ...org, from: FROM, to: TO, dimension: 'agent' });
    const a = r.rows.find((row) => row.value === t.users.agentA)!;
    expect(a.label).toBe('Dash Air agent-a');
    expect(a.durations.first_response.count).toBe((await exact('first_response', { agent: t.users.agentA })).n);
    const openA = await db.prisma.conversation.count({
      where: { organizationId: t.organizationId, assigneeUserId: t.users.agentA, status: { not: 'resolved' } },
    });
    expect(a.load).toEqual({ assignedOpen: openA, online: true });
    expect(r.rows.find((row) => row.value === t.users.agentB)!.load?.online).toBe(false);

    const tags = await manager.dashboards.breakdown({ ...org, from: FROM, to: TO, dimension: 'tag' });
    expect(tags.rows.map((row) => row.value).sort()).toEqual(['', t.tagId].sort());
    const [tagged] = (
      await db.pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "MetricFact" WHERE "organizationId" = $1 AND kind = 'inbound'
           AND $2::uuid = ANY("tagIds") AND at >= $3 AND at < $4`,
        [t.organizationId, t.tagId, localMidnight(FROM, 'Europe/Paris'), localMidnight('2026-04-13', 'Europe/Paris')],
      )
    ).rows;
    expect(tags.rows.find((row) => row.value === t.tagId)).toMatchObject({ label: 'refund', inbound: tagged!.n });

    const brands = await manager.dashboards.breakdown({ ...org, from: FROM, to: TO, dimension: 'brand' });
    expect(Object.fromEntries(brands.rows.map((row) => [row.value, row.inbound]))).toEqual({
      [t.paris]: (await exact('inbound', { brands: [t.paris] })).n,
      [t.newYork]: (await exact('inbound', { brands: [t.newYork] })).n,
    });
    expect(
      await outcome(
        manager.dashboards.breakdown({
          ...org,
          from: FROM,
          to: TO,
          dimension: 'channel',
          filter: { dimension: 'team', value: t.teamId },
        }),
      ),
    ).toBe('BAD_REQUEST');
  });

  it('drill-down from a p90 point returns exactly the facts ≥ p90 of that bucket, slowest first, in keyset pages', async () => {
    const r = await manager.dashboards.series({
      ...org,
      brandIds: [t.paris],
      from: FROM,
      to: TO,
      metric: 'first_response',
      grain: 'week',
    });
    const point = r.points.reduce((best, p) => (p.count > best.count ? p : best));
    expect(point.count).toBeGreaterThanOrEqual(20);
    const seen: { ms: number | null; conversationId: string }[] = [];
    let cursor: string | null = null;
    let total: number;
    do {
      const page: Awaited<ReturnType<Caller['dashboards']['drilldown']>> = await manager.dashboards.drilldown({
        ...org,
        brandIds: [t.paris],
        from: FROM,
        to: TO,
        metric: 'first_response',
        bucket: { start: point.start, grain: r.grain },
        minMs: point.p90,
        cursor,
        limit: 2,
      });
      seen.push(...page.rows);
      total = page.total;
      cursor = page.nextCursor;
    } while (cursor);
    const weekFrom = new Date(Date.parse(point.start) + 12 * 3_600_000).toISOString().slice(0, 10);
    const lo = weekFrom < FROM ? FROM : weekFrom;
    const hi = addDays(weekFrom, 6) > TO ? TO : addDays(weekFrom, 6);
    const { rows: expected } = await db.pool.query<{ conversationId: string; ms: number }>(
      `SELECT "conversationId", ms FROM "MetricFact" WHERE "organizationId" = $1 AND "brandId" = $2
         AND kind = 'first_response' AND at >= $3 AND at < $4 AND ms >= $5 ORDER BY ms DESC, id DESC`,
      [
        t.organizationId,
        t.paris,
        localMidnight(lo, 'Europe/Paris'),
        localMidnight(addDays(hi, 1), 'Europe/Paris'),
        point.p90,
      ],
    );
    expect(seen.map((row) => row.conversationId)).toEqual(expected.map((row) => row.conversationId));
    expect(seen.map((row) => row.ms)).toEqual(expected.map((row) => row.ms));
    expect(total).toBe(expected.length);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThanOrEqual(Math.ceil(point.count * 0.15) + 1);

    const first = await manager.dashboards.drilldown({ ...org, from: FROM, to: TO, metric: 'inbound', limit: 1 });
    expect(first.rows[0]).toMatchObject({ ms: null, slaTarget: null, hit: null, customerName: 'Metrics customer' });
    expect(first.rows[0]!.excerpt).toMatch(/^Where is my refund\?/);
    expect(first.total).toBe((await exact('inbound')).n);
    expect(
      await outcome(
        manager.dashboards.drilldown({ ...org, from: FROM, to: TO, metric: 'inbound', cursor: 'nonsense' }),
      ),
    ).toBe('BAD_REQUEST');
  });

  /** Every page of a drill-down (limit 7, keyset cursors). */
  async function allPages(input: Parameters<Caller['dashboards']['drilldown']>[0]) {
    const rows: Awaited<ReturnType<Caller['dashboards']['drilldown']>>['rows'] = [];
    let cursor: string | null = null;
    let total: number;
    do {
      const page: Awaited<ReturnType<Caller['dashboards']['drilldown']>> = await manager.dashboards.drilldown({
        ...input,
        cursor,
        limit: 7,
      });
      rows.push(...page.rows);
      total = page.total;
      cursor = page.nextCursor;
    } while (cursor);
    return { rows, total };
  }

  it('drill-down from a backlog point: the conversations open at its end, latest started first, as many as the point', async () => {
    const r = await manager.dashboards.volume({ ...org, brandIds: [t.paris], from: FROM, to: TO, grain: 'week' });
    const point = r.points.find((p) => p.backlog > 0)!;
    expect(point).toBeDefined();
    const drilled = await allPages({
      ...org,
      brandIds: [t.paris],
      from: FROM,
      to: TO,
      metric: 'backlog',
      bucket: { start: point.start, grain: r.grain },
    });
    // Open at the end of the week (its Monday + 7 days, clipped to the range), from the facts directly.
    const monday = new Date(Date.parse(point.start) + 12 * 3_600_000).toISOString().slice(0, 10);
    const end = addDays(monday, 7) > addDays(TO, 1) ? addDays(TO, 1) : addDays(monday, 7);
    const { rows: open } = await db.pool.query<{ conversationId: string }>(
      `SELECT s."conversationId" FROM "MetricFact" s
       WHERE s."organizationId" = $1 AND s."brandId" = $2 AND s.kind = 'episode_start' AND s.at < $3
         AND NOT EXISTS (SELECT 1 FROM "MetricFact" r WHERE r."conversationId" = s."conversationId"
           AND r.kind = 'resolution' AND r.episode = s.episode AND r.at < $3)
       ORDER BY s.at DESC, s.id DESC`,
      [t.organizationId, t.paris, localMidnight(end, 'Europe/Paris')],
    );
    expect(drilled.rows.map((row) => row.conversationId)).toEqual(open.map((row) => row.conversationId));
    expect(drilled.total).toBe(point.backlog);
    expect(drilled.rows).toHaveLength(point.backlog);
    expect(drilled.rows.every((row) => row.ms === null && row.hit === null)).toBe(true);

    // Without a bucket: open at the end of the range, the summary's figure.
    const summary = await manager.dashboards.summary({ ...org, brandIds: [t.paris], from: FROM, to: TO });
    const atEnd = await manager.dashboards.drilldown({
      ...org,
      brandIds: [t.paris],
      from: FROM,
      to: TO,
      metric: 'backlog',
      limit: 1,
    });
    expect(atEnd.total).toBe(summary.backlogAtEnd);
    expect(
      await outcome(manager.dashboards.drilldown({ ...org, from: FROM, to: TO, metric: 'backlog', minMs: 1000 })),
    ).toBe('BAD_REQUEST');
  });

  it('drill-down from a heatmap cell: the inbound messages of that local weekday and hour, as many as the cell', async () => {
    const h = await manager.dashboards.heatmap({ ...org, brandIds: [t.paris], from: FROM, to: TO });
    const cell = h.cells.reduce((best, c) => (c.count > best.count ? c : best));
    expect(cell.count).toBeGreaterThan(1);
    const drilled = await allPages({
      ...org,
      brandIds: [t.paris],
      from: FROM,
      to: TO,
      metric: 'inbound',
      cell: { weekday: cell.weekday, hour: cell.hour },
    });
    expect(drilled.total).toBe(cell.count);
    expect(drilled.rows).toHaveLength(cell.count);
    const local = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Paris',
      weekday: 'short',
      hour: '2-digit',
      hourCycle: 'h23',
    });
    const days = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
    for (const row of drilled.rows) {
      const parts = Object.fromEntries(local.formatToParts(new Date(row.at)).map((p) => [p.type, p.value]));
      expect([days.indexOf(parts.weekday!), Number(parts.hour)]).toEqual([cell.weekday, cell.hour]);
    }
    expect(drilled.rows.map((row) => row.at)).toEqual([...drilled.rows.map((row) => row.at)].sort().reverse());
    expect(
      await outcome(
        manager.dashboards.drilldown({
          ...org,
          from: FROM,
          to: TO,
          metric: 'first_response',
          cell: { weekday: 0, hour: 9 },
        }),
      ),
    ).toBe('BAD_REQUEST');
  });

  it('"none" rows are a filter: no team, no tag — the same figures as the breakdown row, and drillable', async () => {
    const teams = await manager.dashboards.breakdown({ ...org, from: FROM, to: TO, dimension: 'team' });
    const none = teams.rows.find((row) => row.value === '')!;
    expect(none.inbound).toBeGreaterThan(0);
    const filter = { dimension: 'team' as const, value: '' };
    const summary = await manager.dashboards.summary({ ...org, from: FROM, to: TO, filter });
    expect(summary.counts.inbound).toBe(none.inbound);
    expect(summary.durations.first_response.count).toBe(none.durations.first_response.count);
    const drilled = await manager.dashboards.drilldown({ ...org, from: FROM, to: TO, metric: 'inbound', filter });
    expect(drilled.total).toBe(none.inbound);
    // From the facts: inbound without a team, in each brand's local days.
    const { rows } = await db.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "MetricFact" f
       JOIN unnest($2::uuid[], $3::timestamptz[], $4::timestamptz[]) AS p(brand, lo, hi)
         ON f."brandId" = p.brand AND f.at >= p.lo AND f.at < p.hi
       WHERE f."organizationId" = $1 AND f.kind = 'inbound' AND f."teamId" IS NULL`,
      [
        t.organizationId,
        [t.paris, t.newYork],
        ['Europe/Paris', 'America/New_York'].map((z) => localMidnight(FROM, z).toISOString()),
        ['Europe/Paris', 'America/New_York'].map((z) => localMidnight(addDays(TO, 1), z).toISOString()),
      ],
    );
    expect(none.inbound).toBe(rows[0]!.n);
    const untagged = await manager.dashboards.drilldown({
      ...org,
      from: FROM,
      to: TO,
      metric: 'inbound',
      filter: { dimension: 'tag', value: '' },
      limit: 1,
    });
    const tags = await manager.dashboards.breakdown({ ...org, from: FROM, to: TO, dimension: 'tag' });
    expect(untagged.total).toBe(tags.rows.find((row) => row.value === '')!.inbound);
  });

  it('a drill-down counts up to 10,000 facts, then says "10,000+", and still pages through them', async () => {
    const big = await dashboardTenant(db.prisma, 'Cap Air');
    const id = await handledConversation(db.prisma, big, {
      brandId: big.paris,
      start: new Date('2026-03-10T09:00:00Z'),
      agent: big.users.agentA,
      frtMs: 60_000,
      resolveMs: null,
      teamId: null,
      tagIds: [],
      priority: 'normal',
    });
    await recomputeConversations(db.prisma, [id]);
    // 10,050 more inbound facts of that conversation over the day (the facts a busy brand has in a few hours).
    await db.pool.query(
      `INSERT INTO "MetricFact" ("organizationId", "brandId", "conversationId", kind, episode, seq, at, priority)
       SELECT $1, $2, $3, 'inbound', 0, 100 + g, '2026-03-10T10:00:00Z'::timestamptz + g * interval '1 second', 'normal'
       FROM generate_series(1, 10050) g`,
      [big.organizationId, big.paris, id],
    );
    const boss = await callerFor(db.prisma, big.users.manager);
    const input = { organizationId: big.organizationId, from: FROM, to: TO, metric: 'inbound' as const, limit: 100 };
    const first = await boss.dashboards.drilldown(input);
    expect(first).toMatchObject({ total: 10_000, totalCapped: true });
    expect(first.rows).toHaveLength(100);
    const second = await boss.dashboards.drilldown({ ...input, cursor: first.nextCursor });
    expect(second.rows).toHaveLength(100);
    expect(second.rows[0]!.at < first.rows.at(-1)!.at).toBe(true);
    // Under the cap the count is exact and not flagged.
    const day = await boss.dashboards.drilldown({ ...input, from: '2026-03-11', to: TO });
    expect(day).toMatchObject({ total: 0, totalCapped: false });
  });

  it('heatmap: inbound by local weekday and hour', async () => {
    const h = await manager.dashboards.heatmap({ ...org, brandIds: [t.paris], from: FROM, to: TO });
    expect(h.cells).toHaveLength(7 * 24);
    expect(h.timeZone).toBe('Europe/Paris');
    const { rows } = await db.pool.query<{ weekday: number; hour: number; n: number }>(
      `SELECT (extract(isodow FROM at AT TIME ZONE 'Europe/Paris') - 1)::int AS weekday,
              extract(hour FROM at AT TIME ZONE 'Europe/Paris')::int AS hour, count(*)::int AS n
       FROM "MetricFact" WHERE "organizationId" = $1 AND "brandId" = $2 AND kind = 'inbound' AND at >= $3 AND at < $4
       GROUP BY 1, 2`,
      [t.organizationId, t.paris, localMidnight(FROM, 'Europe/Paris'), localMidnight('2026-04-13', 'Europe/Paris')],
    );
    const expected = new Map(rows.map((r) => [r.weekday * 24 + r.hour, r.n]));
    for (const c of h.cells) expect(c.count).toBe(expected.get(c.weekday * 24 + c.hour) ?? 0);
    // Filtered (an agent's own): from the facts, the same cells for that agent's conversations.
    const mine = await agentA.dashboards.heatmap({ ...org, brandIds: [t.paris], from: FROM, to: TO });
    const sum = (cells: { count: number }[]) => cells.reduce((n, c) => n + c.count, 0);
    expect(sum(mine.cells)).toBe((await exact('inbound', { brands: [t.paris], agent: t.users.agentA })).n);
  });
});
