import { useQuery } from '@tanstack/react-query';
import { useTranslation } from '@/lib/use-translation.tsx';
import { ErrorMessage } from '@/components/error-message.tsx';
import { Loading } from '@/components/loading.tsx';
import { useTRPC } from '@/lib/trpc.ts';
import { rowDrillable, type DashboardScope, type DrillTarget } from '../drilldown.ts';
import { formatCount, formatMs, formatRatio } from '../figures-format.ts';
import { rowDrill } from './breakdown-table.tsx';
import { FigureButton } from './chart-parts.tsx';

/**
 * Agents ranked by replies sent in the period, with their first response times, SLA, and their load now (open
 * conversations assigned, online or not). Managers only: an agent sees their own figures.
 */
export function Leaderboard({ scope, onDrill }: { scope: DashboardScope; onDrill: (target: DrillTarget) => void }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const trpc = useTRPC();
  const agents = useQuery(trpc.dashboards.breakdown.queryOptions({ ...scope, dimension: 'agent' }));
  // Unassigned work ('' = no agent) is not a place on a leaderboard.
  const rows = (agents.data?.rows ?? [])
    .filter((row) => row.value !== '')
    .sort((a, b) => b.outbound - a.outbound || a.label.localeCompare(b.label));
  const title = t('dashboards.leaderboard.title');
  return (
    <section className="card" aria-label={title}>
      <h3>{title}</h3>
      <p className="muted">{t('dashboards.leaderboard.description')}</p>
      {agents.isPending ? <Loading /> : null}
      <ErrorMessage error={agents.error} />
      {agents.data && !rows.length ? <p className="muted">{t('dashboards.breakdown.empty')}</p> : null}
      {rows.length ? (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('dashboards.leaderboard.rank')}</th>
                <th scope="col">{t('dashboards.leaderboard.agent')}</th>
                <th scope="col">{t('dashboards.leaderboard.presence')}</th>
                <th scope="col" className="dash-num">
                  {t('dashboards.leaderboard.load')}
                </th>
                <th scope="col" className="dash-num">
                  {t('dashboards.breakdown.outbound')}
                </th>
                <th scope="col" className="dash-num">
                  {t('dashboards.breakdown.frtMedian')}
                </th>
                <th scope="col" className="dash-num">
                  {t('dashboards.breakdown.frtP90')}
                </th>
                <th scope="col" className="dash-num">
                  {t('dashboards.breakdown.sla')}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row, i) => {
                const drillable = rowDrillable('agent', row.value, scope.filter, false);
                const frt = row.durations.first_response;
                const figure = (key: 'outbound' | 'frtMedian' | 'frtP90' | 'sla', value: string, some: boolean) => {
                  const metric = t(`dashboards.breakdown.${key}`);
                  return (
                    <td className="dash-num">
                      <FigureButton
                        label={t('dashboards.drill.row', { metric, row: row.label })}
                        value={value}
                        onClick={
                          drillable && some
                            ? () => onDrill(rowDrill('agent', row, key, `${metric} · ${row.label}`))
                            : null
                        }
                      />
                    </td>
                  );
                };
                return (
                  <tr key={row.value}>
                    <td className="dash-num">{i + 1}</td>
                    <th scope="row">{row.label}</th>
                    <td>
                      {row.load?.online ? (
                        <span className="badge badge-ok">{t('dashboards.leaderboard.online')}</span>
                      ) : (
                        <span className="badge">{t('dashboards.leaderboard.offline')}</span>
                      )}
                    </td>
                    <td className="dash-num">{formatCount(row.load?.assignedOpen ?? 0, locale)}</td>
                    {figure('outbound', formatCount(row.outbound, locale), row.outbound > 0)}
                    {figure('frtMedian', formatMs(frt.median, locale), frt.count > 0)}
                    {figure('frtP90', formatMs(frt.p90, locale), frt.count > 0 && frt.p90 !== null)}
                    {figure('sla', formatRatio(row.sla.achievement, locale), row.sla.breaches > 0)}
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
