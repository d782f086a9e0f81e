import { useQuery } from '@tanstack/react-query';
import { useTranslation } from '@/lib/use-translation.tsx';
import { ErrorMessage } from '@/components/error-message.tsx';
import { Loading } from '@/components/loading.tsx';
import { useTRPC } from '@/lib/trpc.ts';
import { drillTarget, type DashboardScope, type DrillTarget } from '../drilldown.ts';
import { formatCount } from '../figures-format.ts';

const HOURS = Array.from({ length: 24 }, (_, h) => h);

/** Weekday names Monday first (0 = Monday, as the server's heatmap counts them). */
export function weekdayNames(locale: string): string[] {
  const format = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
  // 2024-01-01 was a Monday.
  return Array.from({ length: 7 }, (_, i) => format.format(new Date(Date.UTC(2024, 0, 1 + i))));
}

/**
 * Inbound messages by local weekday and hour over the period: a table (read cell by cell by a screen reader), its
 * cells shaded by volume; a cell's count opens the messages of that weekday and hour over the period.
 */
export function Heatmap({ scope, onDrill }: { scope: DashboardScope; onDrill: (target: DrillTarget) => void }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const trpc = useTRPC();
  const heatmap = useQuery(trpc.dashboards.heatmap.queryOptions(scope));
  const counts = new Map((heatmap.data?.cells ?? []).map((c) => [`${c.weekday}:${c.hour}`, c.count]));
  const max = Math.max(1, ...counts.values());
  const days = weekdayNames(locale);
  const title = t('dashboards.heatmap.title');
  return (
    <section className="card" aria-label={title}>
      <h3>{title}</h3>
      {heatmap.isPending ? <Loading /> : null}
      <ErrorMessage error={heatmap.error} />
      {heatmap.data ? (
        <div className="table-wrap">
          <table className="heatmap">
            <thead>
              <tr>
                <th scope="col">
                  <span className="visually-hidden">{t('dashboards.heatmap.weekday')}</span>
                </th>
                {HOURS.map((hour) => (
                  <th scope="col" key={hour}>
                    {hour}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {days.map((day, weekday) => (
                <tr key={day}>
                  <th scope="row">{day}</th>
                  {HOURS.map((hour) => {
                    const count = counts.get(`${weekday}:${hour}`) ?? 0;
                    const strength = count / max;
                    const label = t('dashboards.heatmap.cell', {
                      weekday: day,
                      hour,
                      count: formatCount(count, locale),
                    });
                    return (
                      <td
                        key={hour}
                        title={label}
                        style={{
                          background: `rgb(31 78 121 / ${Math.round(strength * 90) + (count ? 8 : 0)}%)`,
                          color: strength > 0.5 ? '#fff' : 'inherit',
                        }}
                      >
                        {count ? (
                          <button
                            type="button"
                            className="heatmap-cell"
                            aria-label={t('dashboards.drill.cell', { weekday: day, hour })}
                            onClick={() =>
                              onDrill(
                                drillTarget({
                                  metric: 'inbound',
                                  cell: { weekday, hour },
                                  title: `${t('dashboards.metrics.inbound')} · ${day} ${hour} h`,
                                }),
                              )
                            }
                          >
                            {formatCount(count, locale)}
                          </button>
                        ) : (
                          ''
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
