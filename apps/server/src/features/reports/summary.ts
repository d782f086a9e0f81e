import { DateTime } from 'luxon';
import type { DbOrTx } from '../../db/database.ts';
import { mergeInto, quantile } from '../metrics/histogram.ts';
import type { ReportPeriod } from './schedule.ts';

/** The figures of a report's mail, read from the day rollups (dim '' = brand totals; contracts.md). */
export interface ReportSummary {
  inbound: number;
  outbound: number;
  conversationsStarted: number;
  firstResponse: Percentiles;
  resolution: Percentiles;
  sla: { targets: number; hits: number; breaches: number; achievement: number | null };
}

interface Percentiles {
  count: number;
  medianMs: number | null;
  p90Ms: number | null;
  businessMedianMs: number | null;
  businessP90Ms: number | null;
}

const KINDS = [
  'inbound',
  'outbound',
  'episode_start',
  'first_response',
  'resolution',
  'sla_first_response',
  'sla_next_response',
  'sla_resolution',
];

/**
 * Sums the day rollups of `brands` over the period's local dates. Day buckets are local midnights in each
 * BRAND's time zone, so a date of the report's calendar is read as the same date of each brand's calendar
 * (a brand in another zone contributes its own "29 November").
 */
export async function reportSummary(
  db: DbOrTx,
  organizationId: string,
  brands: { id: string; timeZone: string }[],
  period: ReportPeriod,
): Promise<ReportSummary> {
  const rows = brands.length
    ? await db.metricRollup.findMany({
        where: {
          organizationId,
          grain: 'day',
          dim: '',
          dimValue: '',
          kind: { in: KINDS },
          OR: brands.map((b) => ({
            brandId: b.id,
            bucket: { in: period.dates.map((d) => DateTime.fromISO(d, { zone: b.timeZone }).toJSDate()) },
          })),
        },
        select: { kind: true, count: true, hits: true, hist: true, histBusiness: true },
      })
    : [];
  const count = (kind: string) => rows.filter((r) => r.kind === kind).reduce((n, r) => n + r.count, 0);
  const percentiles = (kind: string): Percentiles => {
    const hist: number[] = [];
    const business: number[] = [];
    for (const r of rows.filter((x) => x.kind === kind)) {
      mergeInto(hist, r.hist);
      mergeInto(business, r.histBusiness);
    }
    return {
      count: count(kind),
      medianMs: quantile(hist, 0.5),
      p90Ms: quantile(hist, 0.9),
      businessMedianMs: quantile(business, 0.5),
      businessP90Ms: quantile(business, 0.9),
    };
  };
  const sla = rows.filter((r) => r.kind.startsWith('sla_'));
  const targets = sla.reduce((n, r) => n + r.count, 0);
  const hits = sla.reduce((n, r) => n + r.hits, 0);
  return {
    inbound: count('inbound'),
    outbound: count('outbound'),
    conversationsStarted: count('episode_start'),
    firstResponse: percentiles('first_response'),
    resolution: percentiles('resolution'),
    sla: { targets, hits, breaches: targets - hits, achievement: targets ? hits / targets : null },
  };
}

/** 45s, 4m 10s, 2h 5m, 1d 3h: two units are enough to read a response time. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
  return `${Math.floor(s / 86_400)}d ${Math.floor((s % 86_400) / 3600)}h`;
}

const n = (x: number) => x.toLocaleString('en');

/** The mail body (plain text: every mail client shows it the same way). */
export function summaryText(input: {
  name: string;
  period: ReportPeriod;
  timeZone: string;
  brandNames: string[];
  summary: ReportSummary;
  attachment: { format: string; maxRows: number };
}): string {
  const { summary: s } = input;
  const times = (p: Percentiles) =>
    p.count === 0
      ? 'none in the period'
      : `median ${formatDuration(p.medianMs)}, p90 ${formatDuration(p.p90Ms)} ` +
        `(business hours: median ${formatDuration(p.businessMedianMs)}, p90 ${formatDuration(p.businessP90Ms)}; ${n(p.count)} measured)`;
  const sla =
    s.sla.achievement === null
      ? 'no SLA target was due'
      : `${(s.sla.achievement * 100).toFixed(1)} % (${n(s.sla.hits)} met, ${n(s.sla.breaches)} breached of ${n(s.sla.targets)})`;
  return [
    `${input.name} — ${input.period.label} (${input.timeZone})`,
    `Brands: ${input.brandNames.join(', ') || 'none'}`,
    '',
    `Volume: ${n(s.inbound)} inbound messages, ${n(s.outbound)} replies sent, ${n(s.conversationsStarted)} conversations started or reopened`,
    `First response time: ${times(s.firstResponse)}`,
    `Resolution time: ${times(s.resolution)}`,
    `SLA achievement: ${sla}`,
    '',
    `Attached (${input.attachment.format.toUpperCase()}): one row per conversation with a message in the period, ` +
      `with its metrics (at most ${n(input.attachment.maxRows)} rows; the full export is in Perch).`,
    'Figures are read from the hourly-maintained rollups; definitions: docs/metrics.md.',
  ].join('\n');
}
