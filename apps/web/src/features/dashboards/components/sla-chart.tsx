import { SLA_TARGETS, type SlaPoint, type SlaTarget } from '@perch/shared';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from '@/lib/use-translation.tsx';
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { useTRPC } from '@/lib/trpc.ts';
import { drillTarget, type DrillTarget } from '../drilldown.ts';
import { formatBucket, formatCount, formatRatio, formatTick } from '../figures-format.ts';
import type { ResolvedScope } from '../hooks/use-dashboard-scope.ts';
import { CHART_HEIGHT, ChartCard, COLORS, FigureButton, FiguresTable } from './chart-parts.tsx';

/** SLA achievement per target over time (lines, in %), with each bucket's breaches opening their conversations. */
export function SlaChart({ resolved, onDrill }: { resolved: ResolvedScope; onDrill: (target: DrillTarget) => void }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const trpc = useTRPC();
  const sla = useQuery(trpc.dashboards.sla.queryOptions({ ...resolved.scope, grain: resolved.grain }));
  const points = sla.data?.points ?? [];
  // The server may answer at a coarser grain than asked (e.g. hours under a filter): its grain names the buckets.
  const grain = sla.data?.grain ?? resolved.grain;
  const title = t('dashboards.sla.title');
  const bucketLabel = (start: string) => formatBucket(start, grain, locale, resolved.timeZone);
  // Only the targets some clock ended on in the period (a brand without a resolution target shows no such column).
  const targets = SLA_TARGETS.filter((target) =>
    points.some((p) => p.targets.some((f) => f.target === target && f.hits + f.breaches > 0)),
  );
  const figure = (point: SlaPoint, target: SlaTarget) => point.targets.find((f) => f.target === target) ?? null;
  const targetName = (target: SlaTarget) => t(`dashboards.slaTargets.${target}`);
  const data = points.map((point) => ({
    tick: formatTick(point.start, grain, locale, resolved.timeZone),
    ...Object.fromEntries(
      targets.map((target) => {
        const achievement = figure(point, target)?.achievement;
        return [target, achievement === null || achievement === undefined ? null : achievement * 100];
      }),
    ),
  }));

  return (
    <ChartCard
      title={title}
      query={sla}
      empty={targets.length === 0}
      emptyText={t('dashboards.sla.empty')}
      chart={(width) => (
        <LineChart
          width={width}
          height={CHART_HEIGHT}
          data={data}
          accessibilityLayer={false}
          margin={{ top: 8, right: 16, bottom: 0, left: 0 }}
        >
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="tick" minTickGap={24} fontSize={12} />
          <YAxis fontSize={12} width={48} domain={[0, 100]} unit="%" />
          <Tooltip formatter={(v) => (typeof v === 'number' ? formatRatio(v / 100, locale) : '')} />
          <Legend verticalAlign="top" height={28} />
          {targets.map((target) => (
            <Line
              key={target}
              type="monotone"
              dataKey={target}
              name={t('dashboards.sla.achievement', { target: targetName(target) })}
              stroke={COLORS[target]}
              strokeWidth={2}
              dot={false}
              connectNulls
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      )}
      table={
        <FiguresTable
          chartTitle={title}
          points={points}
          bucketLabel={bucketLabel}
          columns={targets.flatMap((target) => [
            {
              key: `${target}-met`,
              header: t('dashboards.sla.achievement', { target: targetName(target) }),
              cell: (point: SlaPoint) => formatRatio(figure(point, target)?.achievement ?? null, locale),
            },
            {
              key: `${target}-breached`,
              header: t('dashboards.sla.breaches', { target: targetName(target) }),
              cell: (point: SlaPoint, bucket: string) => {
                const breaches = figure(point, target)?.breaches ?? 0;
                return (
                  <FigureButton
                    label={t('dashboards.drill.slaBreaches', {
                      target: t(`dashboards.slaTargetNames.${target}`),
                      bucket,
                    })}
                    value={formatCount(breaches, locale)}
                    onClick={
                      breaches
                        ? () =>
                            onDrill(
                              drillTarget({
                                metric: 'sla_breach',
                                slaTarget: target,
                                bucket: { start: point.start, grain },
                                title: `${t('dashboards.sla.breaches', { target: targetName(target) })} · ${bucket}`,
                              }),
                            )
                        : null
                    }
                  />
                );
              },
            },
          ])}
        />
      }
    />
  );
}
