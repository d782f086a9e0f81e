import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { ErrorMessage } from '@/components/error-message.tsx';
import { Loading } from '@/components/loading.tsx';

/** Chart colours (WCAG-contrasting on white; the previous period in grey, dashed). */
export const COLORS = {
  median: '#1f4e79',
  p90: '#c2410c',
  previous: '#8a94a3',
  inbound: '#1f4e79',
  outbound: '#1a7f47',
  backlog: '#b42318',
  first_response: '#1f4e79',
  next_response: '#7c3aed',
  resolution: '#1a7f47',
} as const;

/** Every chart's height (its width is its card's). */
export const CHART_HEIGHT = 220;

/**
 * The width of an element, followed as it resizes; 0 until measured (and where there is no layout, as in tests:
 * the chart is then not drawn, its table still is).
 */
function useWidth() {
  const [element, setElement] = useState<HTMLDivElement | null>(null);
  const [width, setWidth] = useState(0);
  // A callback ref: the chart's box appears only once its figures have loaded; it is measured as it appears.
  const ref = useCallback((node: HTMLDivElement | null) => {
    setElement(node);
    if (node) setWidth(Math.floor(node.getBoundingClientRect().width));
  }, []);
  useEffect(() => {
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry && entry.contentRect.width > 0) setWidth(Math.floor(entry.contentRect.width));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [element]);
  return [ref, width] as const;
}

/** A chart's card: its title, the chart (decorative to screen readers) and its figures as a table. */
export function ChartCard({
  title,
  query,
  empty,
  emptyText,
  chart,
  table,
}: {
  title: string;
  query: { isPending: boolean; error: unknown };
  /** Nothing measured: the card says so instead of drawing flat lines. */
  empty: boolean;
  /** What the card says when empty (default: nothing measured). */
  emptyText?: string;
  /** Draws the chart at the card's width. */
  chart: (width: number) => ReactNode;
  table: ReactNode;
}) {
  const { t } = useTranslation();
  const [ref, width] = useWidth();
  return (
    <section className="card" aria-label={title}>
      <h3>{title}</h3>
      {query.isPending ? <Loading /> : null}
      <ErrorMessage error={query.error} />
      {!query.isPending && !query.error ? (
        empty ? (
          <p className="muted">{emptyText ?? t('dashboards.chart.empty')}</p>
        ) : (
          <>
            {/* The chart repeats the table below it (whose cells are the drill-down buttons). */}
            <div className="dash-chart" aria-hidden="true" ref={ref}>
              {width > 0 ? chart(width) : null}
            </div>
            <div className="dash-figures">{table}</div>
          </>
        )
      ) : null}
    </section>
  );
}

/** One column of a chart's figures table: its header, and each point's cell (a figure, often a FigureButton). */
export interface FigureColumn<P> {
  key: string;
  header: string;
  cell: (point: P, bucket: string) => ReactNode;
}

/**
 * A chart's figures, one row per bucket (the table screen readers and keyboards use; its cells open the
 * conversations behind each figure).
 */
export function FiguresTable<P extends { start: string }>({
  chartTitle,
  points,
  bucketLabel,
  columns,
}: {
  chartTitle: string;
  points: readonly P[];
  bucketLabel: (start: string) => string;
  columns: readonly FigureColumn<P>[];
}) {
  const { t } = useTranslation();
  return (
    <table className="table">
      <caption>{t('dashboards.chart.figures', { chart: chartTitle })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('dashboards.chart.bucket')}</th>
          {columns.map((column) => (
            <th scope="col" key={column.key}>
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {points.map((point) => {
          const bucket = bucketLabel(point.start);
          return (
            <tr key={point.start}>
              <th scope="row" className="nowrap">
                {bucket}
              </th>
              {columns.map((column) => (
                <td key={column.key} className="dash-num">
                  {column.cell(point, bucket)}
                </td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** One figure of a table that opens its conversations; plain text when there is nothing behind it. */
export function FigureButton({
  label,
  value,
  onClick,
}: {
  /** The accessible name, e.g. "Drill down: first response p90, Nov 3, 2026". */
  label: string;
  value: string;
  onClick: (() => void) | null;
}) {
  if (!onClick) return <>{value}</>;
  return (
    <button type="button" className="figure-button" aria-label={label} title={label} onClick={onClick}>
      {value}
    </button>
  );
}

export type DurationUnit = { unit: 'minute' | 'hour' | 'day'; ms: number };

/** One axis unit for a duration chart, from its largest value (minutes under 3 h, hours under 3 d, else days). */
export function durationUnit(maxMs: number): DurationUnit {
  if (maxMs < 3 * 3_600_000) return { unit: 'minute', ms: 60_000 };
  if (maxMs < 72 * 3_600_000) return { unit: 'hour', ms: 3_600_000 };
  return { unit: 'day', ms: 86_400_000 };
}

export function formatAxis(value: number, unit: DurationUnit['unit'], locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'narrow', maximumFractionDigits: 1 }).format(
    value,
  );
}
