import type { DashboardSummary, DurationMetric, SlaFigure } from '@perch/shared';
import { useTranslation } from '@/lib/use-translation.tsx';
import { Link } from '@/components/link.tsx';
import { formatCount, formatMs, formatRatio, relativeChange } from '../figures-format.ts';
import { drillTarget, type DrillTarget } from '../drilldown.ts';

/** Whether a rise is good news: durations should fall, SLA achievement rise; volumes are neither. */
type Better = 'lower' | 'higher' | 'neutral';

interface Tile {
  key: string;
  label: string;
  value: string;
  detail?: string;
  current: number | null;
  previous: number | null;
  better: Better;
  drill: DrillTarget | null;
}

const TILE_DURATIONS: DurationMetric[] = ['first_response', 'resolution', 'requester_wait', 'reply'];

/** The period's key figures, each opening its conversations; with "compare", the change since the period before. */
export function KpiTiles({
  summary,
  onDrill,
  inboxLink,
}: {
  summary: DashboardSummary;
  onDrill: (target: DrillTarget) => void;
  inboxLink: string;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const previous = summary.previous;
  const tiles: Tile[] = [];
  for (const metric of TILE_DURATIONS) {
    const name = t(`dashboards.metrics.${metric}`);
    const figure = summary.durations[metric];
    const before = previous?.durations[metric] ?? null;
    for (const line of ['median', 'p90'] as const) {
      const label = t(`dashboards.kpi.${line}`, { metric: name });
      tiles.push({
        key: `${metric}-${line}`,
        label,
        value: formatMs(figure[line], locale),
        current: figure[line],
        previous: before ? before[line] : null,
        better: 'lower',
        drill: figure.count ? drillTarget({ metric, minMs: line === 'p90' ? figure.p90 : null, title: label }) : null,
      });
    }
  }
  for (const metric of ['inbound', 'outbound', 'episode_start', 'resolution_count'] as const) {
    const label = t(`dashboards.metrics.${metric}`);
    tiles.push({
      key: metric,
      label,
      value: formatCount(summary.counts[metric], locale),
      current: summary.counts[metric],
      previous: previous ? previous.counts[metric] : null,
      better: 'neutral',
      drill: summary.counts[metric] ? drillTarget({ metric, title: label }) : null,
    });
  }
  for (const figure of summary.sla) {
    const label = t('dashboards.kpi.sla', { target: t(`dashboards.slaTargetNames.${figure.target}`) });
    const before: SlaFigure | undefined = previous?.sla.find((f) => f.target === figure.target);
    tiles.push({
      key: `sla-${figure.target}`,
      label,
      value: formatRatio(figure.achievement, locale),
      detail: t('dashboards.kpi.slaDetail', {
        breaches: formatCount(figure.breaches, locale),
        total: formatCount(figure.hits + figure.breaches, locale),
      }),
      current: figure.achievement,
      previous: before?.achievement ?? null,
      better: 'higher',
      // The conversations behind an achievement figure worth a look are its breaches.
      drill: figure.breaches
        ? drillTarget({
            metric: 'sla_breach',
            slaTarget: figure.target,
            title: `${label} · ${t('dashboards.metrics.sla_breach')}`,
          })
        : null,
    });
  }

  return (
    <ul className="dash-tiles" aria-label={t('dashboards.sections.summary')}>
      {tiles.map((tile) => (
        <li key={tile.key}>
          {tile.drill ? (
            <button type="button" className="kpi-tile" onClick={() => onDrill(tile.drill!)}>
              <TileBody tile={tile} compare={previous !== null} />
            </button>
          ) : (
            <div className="kpi-tile">
              <TileBody tile={tile} compare={previous !== null} />
            </div>
          )}
        </li>
      ))}
      <li>
        <div className="kpi-tile">
          <span className="kpi-label">{t('dashboards.kpi.backlog')}</span>
          <span className="kpi-value">
            {summary.backlogAtEnd ? (
              <button
                type="button"
                className="figure-button"
                aria-label={t('dashboards.drill.backlogAtEnd')}
                onClick={() => onDrill(drillTarget({ metric: 'backlog', title: t('dashboards.kpi.backlog') }))}
              >
                {formatCount(summary.backlogAtEnd, locale)}
              </button>
            ) : (
              formatCount(summary.backlogAtEnd, locale)
            )}
          </span>
          <Link to={inboxLink} className="kpi-delta">
            {t('dashboards.kpi.backlogLink')}
          </Link>
        </div>
      </li>
    </ul>
  );
}

function TileBody({ tile, compare }: { tile: Tile; compare: boolean }) {
  const { t, i18n } = useTranslation();
  const change = relativeChange(tile.current, tile.previous);
  const tone =
    change === null || change === 0 || tile.better === 'neutral'
      ? ''
      : change < 0 === (tile.better === 'lower')
        ? ' kpi-delta-good'
        : ' kpi-delta-bad';
  const formatted =
    change === null
      ? null
      : new Intl.NumberFormat(i18n.language, {
          style: 'percent',
          maximumFractionDigits: 1,
          signDisplay: 'exceptZero',
        }).format(change);
  return (
    <>
      <span className="kpi-label">{tile.label}</span>
      <span className="kpi-value">{tile.value}</span>
      {tile.detail ? <span className="kpi-delta">{tile.detail}</span> : null}
      {compare ? (
        <span className={`kpi-delta${tone}`}>
          {formatted ? t('dashboards.kpi.delta', { change: formatted }) : t('dashboards.kpi.noPrevious')}
        </span>
      ) : null}
    </>
  );
}
