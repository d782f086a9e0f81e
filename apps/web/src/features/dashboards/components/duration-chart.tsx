import type { DurationMetric, SeriesPoint } from '@perch/shared';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from '@/lib/use-translation.tsx';
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { useTRPC } from '@/lib/trpc.ts';
import { drillTarget, type DrillTarget } from '../drilldown.ts';
import { formatBucket, formatCount, formatMs, formatTick } from '../figures-format.ts';
import type { ResolvedScope } from '../hooks/use-dashboard-scope.ts';
import {
  CHART_HEIGHT,
  ChartCard,
  COLORS,
  durationUnit,
  FigureButton,
  formatAxis,
  FiguresTable,
} from './chart-parts.tsx';

type Line = 'median' | 'p90';

/**
 * A duration metric over time: median and p90 per bucket (and the previous period's median with "compare"). A p90
 * point opens the bucket's conversations at or above that p90; a median point the whole bucket.
 */
export function DurationChart({
  metric,
  resolved,
  compare,
  onDrill,
}: {
  metric: DurationMetric;
  resolved: ResolvedScope;
  compare: boolean;
  onDrill: (target: DrillTarget) => void;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const trpc = useTRPC();
  const series = useQuery(
    trpc.dashboards.series.queryOptions({ ...resolved.scope, metric, grain: resolved.grain, compare }),
  );
  const grain = series.data?.grain ?? resolved.grain;
  const points = series.data?.points ?? [];
  const previous = series.data?.previous ?? null;
  const title = t(`dashboards.metrics.${metric}`);
  const name = t(`dashboards.metricNames.${metric}`);
  const bucketLabel = (start: string) => formatBucket(start, grain, locale, resolved.timeZone);

  const drill = (point: SeriesPoint, line: Line) => () =>
    onDrill(
      drillTarget({
        metric,
        bucket: { start: point.start, grain },
        minMs: line === 'p90' ? point.p90 : null,
        title: `${t(`dashboards.kpi.${line}`, { metric: title })} · ${bucketLabel(point.start)}`,
      }),
    );
  const drillable = (point: SeriesPoint, line: Line) => point.count > 0 && point[line] !== null;

  const max = Math.max(0, ...points.map((p) => p.p90 ?? p.median ?? 0));
  const unit = durationUnit(max);
  const scaled = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : ms / unit.ms);
  const data = points.map((point, i) => ({
    tick: formatTick(point.start, grain, locale, resolved.timeZone),
    median: scaled(point.median),
    p90: scaled(point.p90),
    previous: scaled(previous?.[i]?.median),
  }));
  // Hovering shows both lines' dots at the bucket; clicking one drills into that line's point.
  const activeDot = (line: Line) =>
    function ActiveDot(props: { cx?: number; cy?: number; index: number }) {
      const point = points[props.index];
      if (props.cx === undefined || props.cy === undefined || !point) return null;
      return (
        <circle
          cx={props.cx}
          cy={props.cy}
          r={6}
          fill={COLORS[line]}
          style={{ cursor: 'pointer' }}
          onClick={drillable(point, line) ? drill(point, line) : undefined}
        />
      );
    };

  return (
    <ChartCard
      title={title}
      query={series}
      empty={points.every((p) => p.count === 0)}
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
          <YAxis fontSize={12} width={56} tickFormatter={(v: number) => formatAxis(v, unit.unit, locale)} />
          <Tooltip formatter={(v) => (typeof v === 'number' ? formatMs(v * unit.ms, locale) : '')} />
          <Legend verticalAlign="top" height={28} />
          <Line
            type="monotone"
            dataKey="median"
            name={t('dashboards.chart.median')}
            stroke={COLORS.median}
            strokeWidth={2}
            dot={false}
            activeDot={activeDot('median')}
            isAnimationActive={false}
          />
          <Line
            type="monotone"
            dataKey="p90"
            name={t('dashboards.chart.p90')}
            stroke={COLORS.p90}
            strokeWidth={2}
            dot={false}
            activeDot={activeDot('p90')}
            isAnimationActive={false}
          />
          {previous ? (
            <Line
              type="monotone"
              dataKey="previous"
              name={t('dashboards.chart.previous')}
              stroke={COLORS.previous}
              strokeDasharray="4 4"
              dot={false}
              isAnimationActive={false}
            />
          ) : null}
        </LineChart>
      )}
      table={
        <FiguresTable
          chartTitle={title}
          points={points}
          bucketLabel={bucketLabel}
          columns={[
            ...(['median', 'p90'] as const).map((line) => ({
              key: line,
              header: t(`dashboards.chart.${line}`),
              cell: (point: SeriesPoint, bucket: string) => (
                <FigureButton
                  label={t('dashboards.drill.point', { metric: name, line: t(`dashboards.lines.${line}`), bucket })}
                  value={formatMs(point[line], locale)}
                  onClick={drillable(point, line) ? drill(point, line) : null}
                />
              ),
            })),
            {
              key: 'count',
              header: t('dashboards.chart.count'),
              cell: (point: SeriesPoint) => formatCount(point.count, locale),
            },
          ]}
        />
      }
    />
  );
}
