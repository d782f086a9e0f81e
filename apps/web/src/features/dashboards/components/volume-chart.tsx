import type { VolumePoint } from '@perch/shared';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from '@/lib/use-translation.tsx';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from 'recharts';
import { useTRPC } from '@/lib/trpc.ts';
import { drillTarget, type DrillTarget } from '../drilldown.ts';
import { formatBucket, formatCount, formatTick } from '../figures-format.ts';
import type { ResolvedScope } from '../hooks/use-dashboard-scope.ts';
import { CHART_HEIGHT, ChartCard, COLORS, FigureButton, FiguresTable } from './chart-parts.tsx';

/**
 * Inbound messages and sent replies per bucket (bars) and the backlog — conversations open at each bucket's end —
 * as a line. A bar's figure opens its messages' conversations; a backlog point, the conversations open at its end.
 */
export function VolumeChart({
  resolved,
  onDrill,
}: {
  resolved: ResolvedScope;
  onDrill: (target: DrillTarget) => void;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const trpc = useTRPC();
  const volume = useQuery(trpc.dashboards.volume.queryOptions({ ...resolved.scope, grain: resolved.grain }));
  const points = volume.data?.points ?? [];
  // The server may answer at a coarser grain than asked (e.g. hours under a filter): its grain names the buckets.
  const grain = volume.data?.grain ?? resolved.grain;
  const title = t('dashboards.volume.title');
  const bucketLabel = (start: string) => formatBucket(start, grain, locale, resolved.timeZone);
  const drill = (point: VolumePoint, metric: 'inbound' | 'outbound' | 'backlog') =>
    point[metric]
      ? () =>
          onDrill(
            drillTarget({
              metric,
              bucket: { start: point.start, grain },
              title: `${metric === 'backlog' ? t('dashboards.volume.backlog') : t(`dashboards.metrics.${metric}`)} · ${bucketLabel(point.start)}`,
            }),
          )
      : null;
  const data = points.map((p) => ({ ...p, tick: formatTick(p.start, grain, locale, resolved.timeZone) }));
  // Hovering the backlog line shows its dot at the bucket; clicking it opens what was open at the bucket's end.
  function BacklogDot(props: { cx?: number; cy?: number; index: number }) {
    const point = points[props.index];
    if (props.cx === undefined || props.cy === undefined || !point) return null;
    const open = drill(point, 'backlog');
    return (
      <circle
        cx={props.cx}
        cy={props.cy}
        r={6}
        fill={COLORS.backlog}
        style={open ? { cursor: 'pointer' } : undefined}
        onClick={open ?? undefined}
      />
    );
  }

  return (
    <ChartCard
      title={title}
      query={volume}
      empty={points.every((p) => p.inbound === 0 && p.outbound === 0 && p.backlog === 0)}
      chart={(width) => (
        <ComposedChart
          width={width}
          height={CHART_HEIGHT}
          data={data}
          accessibilityLayer={false}
          margin={{ top: 8, right: 16, bottom: 0, left: 0 }}
        >
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="tick" minTickGap={24} fontSize={12} />
          <YAxis fontSize={12} width={48} allowDecimals={false} />
          <Tooltip />
          <Legend verticalAlign="top" height={28} />
          <Bar
            dataKey="inbound"
            name={t('dashboards.volume.inbound')}
            fill={COLORS.inbound}
            isAnimationActive={false}
            cursor="pointer"
            onClick={(_, index) => {
              const point = points[index];
              if (point) drill(point, 'inbound')?.();
            }}
          />
          <Bar
            dataKey="outbound"
            name={t('dashboards.volume.outbound')}
            fill={COLORS.outbound}
            isAnimationActive={false}
            cursor="pointer"
            onClick={(_, index) => {
              const point = points[index];
              if (point) drill(point, 'outbound')?.();
            }}
          />
          <Line
            type="monotone"
            dataKey="backlog"
            name={t('dashboards.volume.backlog')}
            stroke={COLORS.backlog}
            strokeWidth={2}
            dot={false}
            activeDot={BacklogDot}
            isAnimationActive={false}
          />
        </ComposedChart>
      )}
      table={
        <FiguresTable
          chartTitle={title}
          points={points}
          bucketLabel={bucketLabel}
          columns={[
            ...(['inbound', 'outbound'] as const).map((metric) => ({
              key: metric,
              header: t(`dashboards.volume.${metric}`),
              cell: (point: VolumePoint, bucket: string) => (
                <FigureButton
                  label={t('dashboards.drill.count', { metric: t(`dashboards.metricNames.${metric}`), bucket })}
                  value={formatCount(point[metric], locale)}
                  onClick={drill(point, metric)}
                />
              ),
            })),
            {
              key: 'backlog',
              header: t('dashboards.volume.backlog'),
              cell: (point: VolumePoint, bucket: string) => (
                <FigureButton
                  label={t('dashboards.drill.backlog', { bucket })}
                  value={formatCount(point.backlog, locale)}
                  onClick={drill(point, 'backlog')}
                />
              ),
            },
          ]}
        />
      }
    />
  );
}
