import type { Db } from '../../db/database.ts';
import { withRetention } from '../dashboards/dashboard-retention.ts';
import type { ResolvedScope } from '../dashboards/dashboard-scope.ts';
import type { ScopeBrand } from '../dashboards/dashboards.repository.ts';
import { summaryOf } from '../dashboards/dashboards.service.ts';
import type { ReportPeriod } from './schedule.ts';

/** The figures of a report's mail: the dashboards' summary of the period (docs/dashboards.md). */
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

/**
 * The dashboards' summary of `brands` over the period's local dates (the same figures a manager sees for those
 * days), on calendar time and on business hours. Day buckets are local midnights in each BRAND's time zone, so
 * a date of the report's calendar is read as the same date of each brand's calendar (a brand in another zone
 * contributes its own "29 November"). Each brand is read from the first day its plan's history keeps, as the
 * dashboards do (a day or a week is always within it today).
 */
export async function reportSummary(
  db: Db,
  organizationId: string,
  brands: ScopeBrand[],
  period: ReportPeriod,
): Promise<ReportSummary> {
  const range = { from: period.dates[0]!, to: period.dates.at(-1)! };
  const scope = (businessHours: boolean): ResolvedScope => ({
    organizationId,
    brands,
    ...range,
    businessHours,
    filter: null,
    displayZone: brands[0]?.timeZone ?? 'UTC',
    timeZone: brands[0]?.timeZone ?? 'UTC',
    ownOnly: false,
  });
  const [calendar, business] = brands.length
    ? await Promise.all(
        [false, true].map(async (hours) => {
          const retained = await withRetention(db, scope(hours));
          return summaryOf(db, retained, retained);
        }),
      )
    : [null, null];
  const percentiles = (metric: 'first_response' | 'resolution'): Percentiles => ({
    count: calendar?.durations[metric].count ?? 0,
    medianMs: calendar?.durations[metric].median ?? null,
    p90Ms: calendar?.durations[metric].p90 ?? null,
    businessMedianMs: business?.durations[metric].median ?? null,
    businessP90Ms: business?.durations[metric].p90 ?? null,
  });
  const hits = calendar?.sla.reduce((n, f) => n + f.hits, 0) ?? 0;
  const breaches = calendar?.sla.reduce((n, f) => n + f.breaches, 0) ?? 0;
  const targets = hits + breaches;
  return {
    inbound: calendar?.counts.inbound ?? 0,
    outbound: calendar?.counts.outbound ?? 0,
    conversationsStarted: calendar?.counts.episode_start ?? 0,
    firstResponse: percentiles('first_response'),
    resolution: percentiles('resolution'),
    sla: { targets, hits, breaches, achievement: targets ? hits / targets : null },
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
