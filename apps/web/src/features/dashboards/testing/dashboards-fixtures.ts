import type {
  BreakdownRow,
  DashboardSummary,
  DrilldownRow,
  DurationFigure,
  DurationMetric,
  SeriesPoint,
  Wallboard,
} from '@perch/shared';
import { brandsFixture, ids, meFixture } from '@/testing/fixtures.ts';
import type { Resolvers } from '@/testing/trpc-mock.ts';

const MIN = 60_000;

export const figure = (median: number | null, p90: number | null, count = 10): DurationFigure => ({
  count,
  median,
  p90,
  mean: median,
});

const durations = (scale: number): Record<DurationMetric, DurationFigure> => ({
  first_response: figure(12 * MIN * scale, 95 * MIN * scale, 40),
  reply: figure(8 * MIN * scale, 40 * MIN * scale, 60),
  resolution: figure(5 * 60 * MIN * scale, 30 * 60 * MIN * scale, 30),
  full_resolution: figure(6 * 60 * MIN * scale, 32 * 60 * MIN * scale, 28),
  requester_wait: figure(20 * MIN * scale, 3 * 60 * MIN * scale, 30),
});

export function summaryFixture(compare: boolean): DashboardSummary {
  const current = {
    durations: durations(1),
    counts: { inbound: 420, outbound: 380, episode_start: 95, resolution_count: 88 },
    sla: [
      { target: 'first_response' as const, hits: 36, breaches: 4, achievement: 0.9 },
      { target: 'next_response' as const, hits: 50, breaches: 0, achievement: 1 },
      { target: 'resolution' as const, hits: 0, breaches: 0, achievement: null },
    ],
    backlogAtEnd: 17,
    timeZone: 'Europe/Paris',
    freshAt: '2026-03-10T09:00:00.000Z',
  };
  const previous = compare
    ? { ...current, durations: durations(1.25), counts: { ...current.counts, inbound: 400 } }
    : null;
  return { ...current, previous };
}

/** Three day buckets (Paris midnights) of 2026-03-02..04; the middle one has p90 = 2 h 05 min. */
export const DAYS = ['2026-03-01T23:00:00.000Z', '2026-03-02T23:00:00.000Z', '2026-03-03T23:00:00.000Z'];
export const P90_OF_MARCH_3 = 125 * MIN + 0.4;

export function seriesPoints(): SeriesPoint[] {
  return [
    { start: DAYS[0]!, count: 12, median: 10 * MIN, p90: 60 * MIN },
    { start: DAYS[1]!, count: 15, median: 14 * MIN, p90: P90_OF_MARCH_3 },
    { start: DAYS[2]!, count: 0, median: null, p90: null },
  ];
}

export const agentRow = (overrides: Partial<BreakdownRow> = {}): BreakdownRow => ({
  value: '0190a7e2-0000-7000-8000-00000000b002',
  label: 'Adam Agent',
  durations: durations(1),
  inbound: 100,
  outbound: 90,
  sla: { hits: 20, breaches: 2, achievement: 20 / 22 },
  load: { assignedOpen: 6, online: true },
  ...overrides,
});

export const conversationIds = {
  slow: '0190a7e2-0000-7000-8000-0000000e0001',
  slower: '0190a7e2-0000-7000-8000-0000000e0002',
  next: '0190a7e2-0000-7000-8000-0000000e0003',
};

export const drillRow = (conversationId: string, customerName: string, ms: number): DrilldownRow => ({
  conversationId,
  brandId: ids.brandCargo,
  customerName,
  status: 'open',
  priority: 'high',
  assigneeName: 'Adam Agent',
  at: '2026-03-03T10:00:00.000Z',
  ms,
  slaTarget: null,
  hit: null,
  excerpt: 'Where is my pallet?',
});

export const wallboardFixture = (overrides: Partial<Wallboard> = {}): Wallboard => ({
  waitingNow: 7,
  oldestWaitingSince: new Date(Date.now() - (62 * 60 + 5) * 1000).toISOString(),
  agentsOnline: 3,
  breachesToday: 1,
  firstResponseToday: figure(9 * MIN, 41 * MIN, 23),
  at: new Date().toISOString(),
  ...overrides,
});

/** Every procedure the dashboards page asks, answered from the fixtures above (overridable per test). */
export function dashboardResolvers(role: 'manager' | 'agent' = 'manager', overrides: Resolvers = {}): Resolvers {
  return {
    'auth.me': () => meFixture(role),
    'brands.list': () => brandsFixture.filter((b) => b.id === ids.brandCargo),
    'dashboards.summary': (input) => summaryFixture(input.compare ?? false),
    'dashboards.series': (input) => ({
      grain: input.grain,
      points: seriesPoints(),
      previous: input.compare ? seriesPoints() : null,
    }),
    'dashboards.volume': (input) => ({
      grain: input.grain,
      points: DAYS.map((start, i) => ({ start, inbound: 10 + i, outbound: 8 + i, backlog: 5 })),
    }),
    'dashboards.sla': (input) => ({
      grain: input.grain,
      points: DAYS.map((start) => ({
        start,
        targets: [
          { target: 'first_response' as const, hits: 9, breaches: 1, achievement: 0.9 },
          { target: 'next_response' as const, hits: 0, breaches: 0, achievement: null },
          { target: 'resolution' as const, hits: 0, breaches: 0, achievement: null },
        ],
      })),
    }),
    'dashboards.heatmap': () => ({
      cells: [
        { weekday: 0, hour: 9, count: 14 },
        { weekday: 4, hour: 17, count: 3 },
      ],
      timeZone: 'Europe/Paris',
    }),
    'dashboards.breakdown': (input) => ({
      dimension: input.dimension,
      rows:
        input.dimension === 'brand'
          ? [agentRow({ value: ids.brandCargo, label: 'Skyward Cargo', load: null })]
          : input.dimension === 'agent'
            ? [agentRow(), agentRow({ value: '', label: '', load: null })]
            : [agentRow({ value: 'fr', label: 'fr', load: null })],
    }),
    'dashboards.drilldown': () => ({ rows: [], total: 0, totalCapped: false, nextCursor: null }),
    ...overrides,
  };
}
