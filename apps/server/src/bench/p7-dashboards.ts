import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { autoGrain } from '@perch/shared';
import { openDatabase, type Database } from '../db/database.ts';
import { addDays, localDate, localMidnight } from '../features/dashboards/dashboard-time.ts';
import { dashboardBreakdown } from '../features/dashboards/breakdown.service.ts';
import {
  dashboardHeatmap,
  dashboardSeries,
  dashboardSla,
  dashboardSummary,
  dashboardVolume,
} from '../features/dashboards/dashboards.service.ts';
import { dashboardDrilldown } from '../features/dashboards/drilldown.service.ts';
import { wallboard } from '../features/dashboards/wallboard.service.ts';
import type { WorkspaceActor } from '../features/teams/workspace-actor.ts';
import { createDatabaseIfMissing } from './dataset.ts';
import { DURATION_KINDS, ensureTenant, log, verifyRollups, ZONE, type P7Tenant } from './p7-dataset.ts';
import { percentile, timed } from './p4-inbox.ts';

/**
 * P7 (docs/dashboards.md, "Benchmark"): every dashboard query over two years of a brand with N mentions (inbound
 * facts) ≤ 50 ms, percentiles within 5 % of exact, against exact `percentile_cont` over the raw MetricFact rows in
 * the same run.
 *
 * The data set comes from p7-dataset.ts (generated once per size, its bulk rollups verified in the same run to equal
 * `rebuildRollups` on a small data set); this file times the queries, runs the exact baseline and reports.
 *
 *   pnpm bench p7 [--mentions N] [--repeats N] [--database-url URL]
 */

interface Timing {
  name: string;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  repeats: number;
}

async function measure(name: string, repeats: number, fn: () => Promise<unknown>): Promise<Timing> {
  for (let i = 0; i < 3; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) times.push((await timed(fn))[0]);
  const t = { name, p50Ms: percentile(times, 50), p95Ms: percentile(times, 95), maxMs: Math.max(...times), repeats };
  log(`${name}: p50 ${t.p50Ms.toFixed(1)} ms, p95 ${t.p95Ms.toFixed(1)} ms`);
  return t;
}

const relErr = (approx: number | null, exact: number | null) =>
  approx === null || exact === null
    ? null
    : exact === 0
      ? approx === 0
        ? 0
        : Infinity
      : Math.abs(approx - exact) / exact;

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv.filter((a) => a !== '--' && a.toLowerCase() !== 'p7'),
    options: {
      mentions: { type: 'string' },
      repeats: { type: 'string' },
      'verify-conversations': { type: 'string' },
      'database-url': { type: 'string' },
      'generate-only': { type: 'boolean' },
    },
  });
  const mentions = Number(values.mentions ?? 10_000_000);
  const repeats = Number(values.repeats ?? 30);
  const verifySize = Number(values['verify-conversations'] ?? 3_000);
  // eslint-disable-next-line no-restricted-syntax -- the bench command is a CLI of its own, not the server
  const databaseUrl = values['database-url'] ?? process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('P7 runs on PostgreSQL: pass --database-url or set DATABASE_URL');
  await createDatabaseIfMissing(databaseUrl, log);
  const db = await openDatabase({
    databaseUrl,
    dataDir: path.join(os.tmpdir(), 'perch-p7-unused'),
    poolSize: 4,
    statementTimeoutMs: 3_600_000,
    migrate: true,
  });
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query(`SET statement_timeout = 0`);
  try {
    if (values['generate-only']) {
      await ensureTenant(db, client, mentions);
      return;
    }
    log(`verifying the bulk SQL rollups against rebuildRollups on ${verifySize.toLocaleString('en')} conversations`);
    const verification = await verifyRollups(db, client, verifySize);
    log(`rollups by SQL equal rebuildRollups: ${verification.equal} (${verification.rows} rows)`);
    const t = await ensureTenant(db, client, mentions);
    const results = await run(db, client, t, repeats);
    const report = {
      date: new Date().toISOString(),
      machine: {
        cpus: os.cpus().length,
        model: os.cpus()[0]?.model ?? 'unknown',
        memoryGb: Math.round(os.totalmem() / 1e9),
        node: process.version,
      },
      database: 'PostgreSQL server',
      dataset: {
        requestedMentions: mentions,
        mentions: t.mentions,
        facts: t.facts,
        conversations: t.conversations,
        seedSeconds: t.seedSeconds,
        rollupSeconds: t.rollupSeconds,
      },
      verification,
      loadAverage: os.loadavg(),
      ...results,
    };
    const repoRoot = path.resolve(import.meta.dirname, '../../../..');
    const outDir = path.join(repoRoot, 'bench/results');
    fs.mkdirSync(outDir, { recursive: true });
    const file = path.join(outDir, `${report.date.slice(0, 10)}-p7-dashboards.json`);
    fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    printTable(report);
    console.log(`\nresults: ${path.relative(repoRoot, file)}`);
  } finally {
    await client.end();
    await db.close();
  }
}

async function run(db: Database, client: pg.Client, t: P7Tenant, repeats: number) {
  const now = new Date();
  const to = localDate(now, ZONE);
  const from = addDays(to, -729);
  const manager: WorkspaceActor = {
    userId: t.managerUserId,
    organizationId: t.organizationId,
    ip: null,
    role: 'manager',
    membershipId: '00000000-0000-0000-0000-000000000000',
    brandIds: [],
  };
  const agent: WorkspaceActor = { ...manager, userId: t.agentUserIds[0]!, role: 'agent' };
  const scope = {
    organizationId: t.organizationId,
    brandIds: [t.brandId],
    from,
    to,
    businessHours: false,
    filter: null,
  };
  const auto = autoGrain(from, to);
  const weekSeries = await dashboardSeries(db.prisma, manager, {
    ...scope,
    metric: 'first_response',
    grain: 'week',
    compare: false,
  });
  const busiest = weekSeries.points.reduce((a, b) => (b.count > a.count ? b : a));
  const drillBase = { ...scope, minMs: null, slaTarget: null, cursor: null, limit: 50, bucket: null };
  const queries: [string, () => Promise<unknown>][] = [
    ['summary', () => dashboardSummary(db.prisma, manager, { ...scope, compare: false })],
    ['summary + previous period', () => dashboardSummary(db.prisma, manager, { ...scope, compare: true })],
    [
      'summary, business hours',
      () => dashboardSummary(db.prisma, manager, { ...scope, businessHours: true, compare: false }),
    ],
    [
      `series FRT (auto: ${auto})`,
      () =>
        dashboardSeries(db.prisma, manager, {
          ...scope,
          metric: 'first_response',
          grain: auto,
          compare: false,
        }),
    ],
    [
      'series FRT by day (730 points)',
      () => dashboardSeries(db.prisma, manager, { ...scope, metric: 'first_response', grain: 'day', compare: false }),
    ],
    [
      'series resolution by week + previous',
      () => dashboardSeries(db.prisma, manager, { ...scope, metric: 'resolution', grain: 'week', compare: true }),
    ],
    [
      'series inbound by hour (last 31 days)',
      () =>
        dashboardSeries(db.prisma, manager, {
          ...scope,
          from: addDays(to, -30),
          metric: 'inbound',
          grain: 'hour',
          compare: false,
        }),
    ],
    ['volume by week + backlog', () => dashboardVolume(db.prisma, manager, { ...scope, grain: 'week' })],
    ['volume by day + backlog', () => dashboardVolume(db.prisma, manager, { ...scope, grain: 'day' })],
    ['sla by week', () => dashboardSla(db.prisma, manager, { ...scope, grain: 'week' })],
    ['heatmap', () => dashboardHeatmap(db.prisma, manager, scope)],
    ['breakdown by agent (with load)', () => dashboardBreakdown(db.prisma, manager, { ...scope, dimension: 'agent' })],
    ['breakdown by tag', () => dashboardBreakdown(db.prisma, manager, { ...scope, dimension: 'tag' })],
    ['breakdown by priority', () => dashboardBreakdown(db.prisma, manager, { ...scope, dimension: 'priority' })],
    [
      'drill-down: p90 point of the busiest week',
      () =>
        dashboardDrilldown(db.prisma, manager, {
          ...drillBase,
          metric: 'first_response',
          bucket: { start: busiest.start, grain: 'week' },
          minMs: busiest.p90,
        }),
    ],
    [
      'drill-down: SLA breaches of one day',
      () =>
        dashboardDrilldown(db.prisma, manager, {
          ...drillBase,
          metric: 'sla_breach',
          bucket: { start: busiest.start, grain: 'day' },
        }),
    ],
    [
      'drill-down: open at the end of the busiest week (backlog)',
      () =>
        dashboardDrilldown(db.prisma, manager, {
          ...drillBase,
          metric: 'backlog',
          bucket: { start: busiest.start, grain: 'week' },
        }),
    ],
    [
      'drill-down: one heatmap cell over two years (Monday 10 h)',
      () => dashboardDrilldown(db.prisma, manager, { ...drillBase, metric: 'inbound', cell: { weekday: 0, hour: 10 } }),
    ],
    [
      'breakdown by team, filtered to "(none)"',
      () =>
        dashboardBreakdown(db.prisma, manager, {
          ...scope,
          dimension: 'team',
          filter: { dimension: 'team', value: '' },
        }),
    ],
    ['wallboard', () => wallboard(db.prisma, manager, { brandIds: [t.brandId] })],
    ['agent: own summary', () => dashboardSummary(db.prisma, agent, { ...scope, compare: false })],
    [
      'agent: own series FRT by week',
      () => dashboardSeries(db.prisma, agent, { ...scope, metric: 'first_response', grain: 'week', compare: false }),
    ],
  ];
  const timings: Timing[] = [];
  for (const [name, fn] of queries) timings.push(await measure(name, repeats, fn));
  // The summary's FRT p90 tile: every first response of the two years at or above the p90, slowest first. A dashboard
  // query like the others (it counts in the bar), timed apart because it reads the most facts.
  const summaryFigures = await dashboardSummary(db.prisma, manager, { ...scope, compare: false });
  const wholeRange = await measure('drill-down: the FRT p90 tile (two years, slowest first)', repeats, () =>
    dashboardDrilldown(db.prisma, manager, {
      ...drillBase,
      metric: 'first_response',
      minMs: Math.floor(summaryFigures.durations.first_response.p90 ?? 0),
    }),
  );

  // The exact baseline over the raw facts, and the accuracy of the dashboard figures against it.
  const lo = localMidnight(from, ZONE);
  const hi = localMidnight(addDays(to, 1), ZONE);
  const exactSummarySql = `SELECT kind, count(*)::int AS n, percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS median,
      percentile_cont(0.9) WITHIN GROUP (ORDER BY ms) AS p90
    FROM "MetricFact" WHERE "organizationId" = $1 AND "brandId" = $2 AND at >= $3 AND at < $4 GROUP BY kind`;
  const exactSummary = await measure('EXACT summary (percentile_cont over MetricFact)', 3, () =>
    client.query(exactSummarySql, [t.organizationId, t.brandId, lo, hi]),
  );
  const exactRows = (await client.query(exactSummarySql, [t.organizationId, t.brandId, lo, hi])).rows as {
    kind: string;
    n: number;
    median: number | null;
    p90: number | null;
  }[];
  const exactSeriesSql = `SELECT (date_trunc('week', at AT TIME ZONE $5) AT TIME ZONE $5) AS week, count(*)::int AS n,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS median, percentile_cont(0.9) WITHIN GROUP (ORDER BY ms) AS p90
    FROM "MetricFact" WHERE "organizationId" = $1 AND "brandId" = $2 AND kind = 'first_response' AND at >= $3 AND at < $4
    GROUP BY 1 ORDER BY 1`;
  const exactSeries = await measure('EXACT series FRT by week (percentile_cont)', 3, () =>
    client.query(exactSeriesSql, [t.organizationId, t.brandId, lo, hi, ZONE]),
  );
  const exactWeeks = (await client.query(exactSeriesSql, [t.organizationId, t.brandId, lo, hi, ZONE])).rows as {
    week: Date;
    n: number;
    median: number;
    p90: number;
  }[];
  const summary = await dashboardSummary(db.prisma, manager, { ...scope, compare: false });
  const accuracy = DURATION_KINDS.map((kind) => {
    const e = exactRows.find((r) => r.kind === kind);
    const d = summary.durations[kind as keyof typeof summary.durations];
    return {
      kind,
      count: d.count,
      exactCount: e?.n ?? 0,
      median: d.median,
      exactMedian: e?.median ?? null,
      medianError: relErr(d.median, e?.median ?? null),
      p90: d.p90,
      exactP90: e?.p90 ?? null,
      p90Error: relErr(d.p90, e?.p90 ?? null),
    };
  });
  const countsEqual =
    accuracy.every((a) => a.count === a.exactCount) &&
    summary.counts.inbound === (exactRows.find((r) => r.kind === 'inbound')?.n ?? 0) &&
    summary.counts.outbound === (exactRows.find((r) => r.kind === 'outbound')?.n ?? 0);
  const weekPoints = weekSeries.points.filter((p) => p.count > 0);
  const byWeek = new Map(exactWeeks.map((w) => [w.week.toISOString(), w]));
  let seriesWorst = 0;
  let seriesWorstN100 = 0;
  let seriesWorstPoint: { start: string; count: number; error: number } | null = null;
  let seriesCountsEqual = true;
  for (const p of weekPoints) {
    const e = byWeek.get(p.start);
    // The first and last weeks are clipped to the range by both sides alike; weeks start on local Mondays.
    if (!e) continue;
    if (e.n !== p.count) seriesCountsEqual = false;
    const err = Math.max(relErr(p.median, e.median) ?? 0, relErr(p.p90, e.p90) ?? 0);
    seriesWorst = Math.max(seriesWorst, err);
    // Few facts in a bucket (the last, partial week): percentile_cont interpolates between far-apart values.
    if (e.n >= 100) seriesWorstN100 = Math.max(seriesWorstN100, err);
    if (err === seriesWorst) seriesWorstPoint = { start: p.start, count: p.count, error: err };
  }
  const worstPercentileError = Math.max(seriesWorst, ...accuracy.flatMap((a) => [a.medianError ?? 0, a.p90Error ?? 0]));
  const dashboardWorstP95 = Math.max(...timings.map((x) => x.p95Ms), wholeRange.p95Ms);
  const summaryP50 = timings[0]!.p50Ms;
  const seriesP50 = timings.find((x) => x.name.startsWith('series resolution'))!.p50Ms;
  return {
    range: { from, to, timeZone: ZONE },
    timings,
    drilldownWholeRange: wholeRange,
    baseline: { summary: exactSummary, seriesByWeek: exactSeries },
    vsBaseline: {
      summary: exactSummary.p50Ms / summaryP50,
      seriesByWeek: exactSeries.p50Ms / timings.find((x) => x.name.startsWith('series FRT (auto'))!.p50Ms,
      seriesWithCompare: (2 * exactSeries.p50Ms) / seriesP50,
    },
    accuracy: {
      summary: accuracy,
      countsEqual,
      seriesWeeks: weekPoints.length,
      seriesCountsEqual,
      seriesWorstError: seriesWorst,
      seriesWorstPoint,
      seriesWorstErrorWeeksOver100Facts: seriesWorstN100,
      worstPercentileError,
    },
    P7: {
      bar: 'every dashboard query ≤ 50 ms (p95) over two years; percentiles within 5 % of exact',
      worstP95Ms: dashboardWorstP95,
      pass: dashboardWorstP95 <= 50 && worstPercentileError <= 0.05 && countsEqual,
    },
  };
}

function printTable(report: {
  dataset: { mentions: number; facts: number };
  timings?: Timing[];
  drilldownWholeRange?: Timing;
  baseline?: { summary: Timing; seriesByWeek: Timing };
  vsBaseline?: Record<string, number>;
  accuracy?: { worstPercentileError: number; countsEqual: boolean };
  verification: { equal: boolean };
  P7?: { pass: boolean; worstP95Ms: number };
}) {
  const f = (n: number, d = 1) => n.toLocaleString('en', { maximumFractionDigits: d, minimumFractionDigits: d });
  console.log(
    `\nP7 dashboards — PostgreSQL, ${report.dataset.mentions.toLocaleString('en')} mentions, ${report.dataset.facts.toLocaleString('en')} facts, two years`,
  );
  console.log('| query | p50 ms | p95 ms |\n|---|---|---|');
  for (const t of report.timings ?? []) console.log(`| ${t.name} | ${f(t.p50Ms)} | ${f(t.p95Ms)} |`);
  const w = report.drilldownWholeRange;
  if (w) console.log(`| ${w.name} | ${f(w.p50Ms)} | ${f(w.p95Ms)} |`);
  const b = report.baseline;
  if (b) {
    console.log(`| ${b.summary.name} | ${f(b.summary.p50Ms)} | ${f(b.summary.p95Ms)} |`);
    console.log(`| ${b.seriesByWeek.name} | ${f(b.seriesByWeek.p50Ms)} | ${f(b.seriesByWeek.p95Ms)} |`);
  }
  if (report.vsBaseline) {
    console.log(
      `\nvs exact: summary ${f(report.vsBaseline.summary!, 0)}× faster, weekly series ${f(report.vsBaseline.seriesByWeek!, 0)}× faster`,
    );
  }
  if (report.accuracy) {
    console.log(
      `worst percentile error ${f(report.accuracy.worstPercentileError * 100, 2)} %; counts equal: ${report.accuracy.countsEqual}`,
    );
  }
  console.log(`bulk SQL rollups equal rebuildRollups: ${report.verification.equal}`);
  if (report.P7) console.log(`P7: worst p95 ${f(report.P7.worstP95Ms)} ms → ${report.P7.pass ? 'PASS' : 'FAIL'}`);
}
