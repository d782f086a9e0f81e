import { DASHBOARD_DIMENSIONS, type BreakdownRow, type DashboardDimension } from '@perch/shared';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from '@/lib/use-translation.tsx';
import { ErrorMessage } from '@/components/error-message.tsx';
import { Field } from '@/components/field.tsx';
import { Loading } from '@/components/loading.tsx';
import { useTRPC } from '@/lib/trpc.ts';
import { breakdownAllowed, drillTarget, rowDrillable, type DashboardScope, type DrillTarget } from '../drilldown.ts';
import { formatCount, formatMs, formatRatio } from '../figures-format.ts';
import { FigureButton } from './chart-parts.tsx';

/** The drill-down of one figure of a breakdown row (its dimension value narrows the scope). */
export function rowDrill(
  dimension: DashboardDimension,
  row: BreakdownRow,
  figure: 'inbound' | 'outbound' | 'frtMedian' | 'frtP90' | 'resolutionMedian' | 'sla',
  title: string,
): DrillTarget {
  const base = { row: { dimension, value: row.value }, title };
  switch (figure) {
    case 'inbound':
    case 'outbound':
      return drillTarget({ ...base, metric: figure });
    case 'frtMedian':
      return drillTarget({ ...base, metric: 'first_response' });
    case 'frtP90':
      return drillTarget({ ...base, metric: 'first_response', minMs: row.durations.first_response.p90 });
    case 'resolutionMedian':
      return drillTarget({ ...base, metric: 'resolution' });
    case 'sla':
      return drillTarget({ ...base, metric: 'sla_breach' });
  }
}

/** A figure of a row and whether there is anything behind it. */
function rowFigures(row: BreakdownRow, locale: string) {
  const frt = row.durations.first_response;
  const resolution = row.durations.resolution;
  return [
    { key: 'inbound', value: formatCount(row.inbound, locale), some: row.inbound > 0 },
    { key: 'outbound', value: formatCount(row.outbound, locale), some: row.outbound > 0 },
    { key: 'frtMedian', value: formatMs(frt.median, locale), some: frt.count > 0 },
    { key: 'frtP90', value: formatMs(frt.p90, locale), some: frt.count > 0 && frt.p90 !== null },
    { key: 'resolutionMedian', value: formatMs(resolution.median, locale), some: resolution.count > 0 },
    { key: 'sla', value: formatRatio(row.sla.achievement, locale), some: row.sla.breaches > 0 },
  ] as const;
}

/**
 * The period's figures per value of one dimension (the selector is in the URL). Each figure opens its
 * conversations when the row can be a filter (not "none", not crossing the page's filter).
 */
export function BreakdownTable({
  scope,
  by,
  isAgent,
  onBy,
  onDrill,
}: {
  scope: DashboardScope;
  by: DashboardDimension;
  isAgent: boolean;
  onBy: (dimension: DashboardDimension) => void;
  onDrill: (target: DrillTarget) => void;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const trpc = useTRPC();
  const dimension = breakdownAllowed(by, scope.filter, isAgent) ? by : 'brand';
  const breakdown = useQuery(trpc.dashboards.breakdown.queryOptions({ ...scope, dimension }));
  const rows = breakdown.data?.rows ?? [];
  const columns = ['inbound', 'outbound', 'frtMedian', 'frtP90', 'resolutionMedian', 'sla'] as const;
  const title = t('dashboards.breakdown.title');
  return (
    <section className="card" aria-label={title}>
      <div className="page-header">
        <h3>{title}</h3>
        <Field label={t('dashboards.breakdown.by')}>
          <select value={dimension} onChange={(e) => onBy(e.target.value as DashboardDimension)}>
            {DASHBOARD_DIMENSIONS.map((d) => (
              <option key={d} value={d} disabled={!breakdownAllowed(d, scope.filter, isAgent)}>
                {t(`dashboards.dimensions.${d}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      {breakdown.isPending ? <Loading /> : null}
      <ErrorMessage error={breakdown.error} />
      {breakdown.data && !rows.length ? <p className="muted">{t('dashboards.breakdown.empty')}</p> : null}
      {rows.length ? (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t(`dashboards.dimensions.${dimension}`)}</th>
                {columns.map((c) => (
                  <th scope="col" key={c} className="dash-num">
                    {t(`dashboards.breakdown.${c}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const label = row.value ? row.label : t('dashboards.breakdown.none');
                const drillable = rowDrillable(dimension, row.value, scope.filter, isAgent);
                return (
                  <tr key={row.value}>
                    <th scope="row">{label}</th>
                    {rowFigures(row, locale).map((figure) => {
                      const name = `${t(`dashboards.breakdown.${figure.key}`)} · ${label}`;
                      return (
                        <td key={figure.key} className="dash-num">
                          <FigureButton
                            label={t('dashboards.drill.row', {
                              metric: t(`dashboards.breakdown.${figure.key}`),
                              row: label,
                            })}
                            value={figure.value}
                            onClick={
                              drillable && figure.some
                                ? () => onDrill(rowDrill(dimension, row, figure.key, name))
                                : null
                            }
                          />
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
