import { useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { Link } from '@/components/link.tsx';
import { ErrorMessage } from '@/components/error-message.tsx';
import { Loading } from '@/components/loading.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { ExportButton } from '@/features/reports/components/export-button.tsx';
import { canOpen } from '@/lib/access.ts';
import { useFormatDate } from '@/lib/format.ts';
import { useTRPC, type Organization } from '@/lib/trpc.ts';
import type { DrillTarget } from '../drilldown.ts';
import { dashboardExportFilters } from '../export-filters.ts';
import { useDashboardScope, type ResolvedScope } from '../hooks/use-dashboard-scope.ts';
import { useDashboardUrl } from '../hooks/use-dashboard-url.ts';
import { useDashboardsRefresh } from '../hooks/use-dashboards-refresh.ts';
import { BreakdownTable } from './breakdown-table.tsx';
import { DashboardControls } from './dashboard-controls.tsx';
import { DrilldownPanel } from './drilldown-panel.tsx';
import { DurationChart } from './duration-chart.tsx';
import { Heatmap } from './heatmap.tsx';
import { KpiTiles } from './kpi-tiles.tsx';
import { Leaderboard } from './leaderboard.tsx';
import { RetentionNotice } from './retention-notice.tsx';
import { SlaChart } from './sla-chart.tsx';
import { VolumeChart } from './volume-chart.tsx';
import '../dashboards.css';

/**
 * `/o/:id/dashboards` (a lazy route: recharts loads with it, never with the inbox). Managers see everyone's figures;
 * an agent sees "My figures" (the server filters every query to them). The controls live in the URL; the figures
 * refresh every minute while the page is open.
 */
export function DashboardsPage({
  organization,
  refreshMs,
}: {
  organization: Organization;
  /** How often the figures are asked again (tests shorten it). */
  refreshMs?: number;
}) {
  const { t } = useTranslation();
  useDashboardsRefresh(refreshMs);
  const isAgent = organization.myRole === 'agent';
  const { state, setState } = useDashboardUrl();
  const { brands, resolved } = useDashboardScope(organization.id, state, isAgent);
  const [drill, setDrill] = useState<DrillTarget | null>(null);
  // The figure that opened the drill-down gets the focus back when it closes.
  const opener = useRef<HTMLElement | null>(null);
  const openDrill = (target: DrillTarget) => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setDrill(target);
  };
  const closeDrill = () => {
    setDrill(null);
    if (opener.current?.isConnected) opener.current.focus();
  };
  const brandSearch = state.brandIds.length
    ? `?${new URLSearchParams({ brand: state.brandIds.join(',') }).toString()}`
    : '';

  return (
    <div className="stack">
      <PageHeader
        title={isAgent ? t('dashboards.myTitle') : t('dashboards.title')}
        description={isAgent ? t('dashboards.myDescription') : t('dashboards.description')}
        actions={
          <>
            {/* The conversations of the period (managers: the export route's roles). */}
            {canOpen(organization.myRole, 'reports') && brands.data ? (
              <ExportButton
                organizationId={organization.id}
                filters={dashboardExportFilters(resolved.scope, resolved.timeZone)}
              />
            ) : null}
            {canOpen(organization.myRole, 'wallboard') ? (
              <Link className="button" to={`/o/${organization.id}/wallboard${brandSearch}`}>
                {t('dashboards.wallboardLink')}
              </Link>
            ) : null}
          </>
        }
      />
      {brands.isPending ? <Loading /> : null}
      <ErrorMessage error={brands.error} />
      {brands.data ? (
        <>
          <DashboardControls
            state={state}
            onChange={(patch) => {
              setDrill(null);
              setState(patch);
            }}
            range={resolved.range}
            filtered={resolved.filtered}
            brands={brands.data}
            scope={resolved.scope}
            isAgent={isAgent}
          />
          <DashboardBody
            resolved={resolved}
            compare={state.compare}
            businessHours={state.businessHours}
            isAgent={isAgent}
            breakdownBy={state.breakdownBy}
            onBreakdownBy={(breakdownBy) => setState({ breakdownBy })}
            onDrill={openDrill}
            inboxLink={`/o/${organization.id}/inbox/all_open${brandSearch}`}
            shownBrands={brands.data.filter((b) => !state.brandIds.length || state.brandIds.includes(b.id))}
            billingPath={canOpen(organization.myRole, 'billing') ? `/o/${organization.id}/billing` : null}
          />
        </>
      ) : null}
      {drill ? (
        <DrilldownPanel scope={resolved.scope} target={drill} timeZone={resolved.timeZone} onClose={closeDrill} />
      ) : null}
    </div>
  );
}

function DashboardBody({
  resolved,
  compare,
  businessHours,
  isAgent,
  breakdownBy,
  onBreakdownBy,
  onDrill,
  inboxLink,
  shownBrands,
  billingPath,
}: {
  resolved: ResolvedScope;
  compare: boolean;
  businessHours: boolean;
  isAgent: boolean;
  breakdownBy: Parameters<typeof BreakdownTable>[0]['by'];
  onBreakdownBy: (by: Parameters<typeof BreakdownTable>[0]['by']) => void;
  onDrill: (target: DrillTarget) => void;
  inboxLink: string;
  /** The brands the figures cover (named in the retention notice when several). */
  shownBrands: readonly { id: string; name: string }[];
  billingPath: string | null;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const formatDate = useFormatDate();
  const summary = useQuery(trpc.dashboards.summary.queryOptions({ ...resolved.scope, compare }));
  const { range, timeZone } = resolved;
  const day = (date: string) => formatDate(`${date}T12:00:00Z`, { style: 'date', timeZone: 'UTC' });
  const freshAt = summary.data?.freshAt;
  const retention = summary.data?.retention;

  return (
    <>
      <p className="dash-context muted">
        <span>{t('dashboards.period', { from: day(range.from), to: day(range.to) })}</span>
        <span>{timeZone ? t('dashboards.timeZone', { zone: timeZone }) : t('dashboards.timeZoneMixed')}</span>
        {businessHours ? <span>{t('dashboards.businessHoursNote')}</span> : null}
        {freshAt ? <span>{t('dashboards.freshAt', { time: formatDate(freshAt) })}</span> : null}
      </p>
      <RetentionNotice
        retention={retention}
        brandNames={
          retention && shownBrands.length > 1
            ? shownBrands.filter((b) => retention.brandIds.includes(b.id)).map((b) => b.name)
            : null
        }
        formatDay={day}
        billingPath={billingPath}
      />

      <section className="dash-section" aria-labelledby="dash-summary">
        <h2 id="dash-summary">{t('dashboards.sections.summary')}</h2>
        {summary.isPending ? <Loading /> : null}
        <ErrorMessage error={summary.error} />
        {summary.data ? <KpiTiles summary={summary.data} onDrill={onDrill} inboxLink={inboxLink} /> : null}
      </section>

      <section className="dash-section" aria-labelledby="dash-response">
        <h2 id="dash-response">{t('dashboards.sections.response')}</h2>
        <div className="dash-grid">
          {(['first_response', 'resolution', 'requester_wait', 'reply'] as const).map((metric) => (
            <DurationChart key={metric} metric={metric} resolved={resolved} compare={compare} onDrill={onDrill} />
          ))}
        </div>
      </section>

      <section className="dash-section" aria-labelledby="dash-volume">
        <h2 id="dash-volume">{t('dashboards.sections.volume')}</h2>
        {/* One per row: the heatmap's 24 hours need the width. */}
        <VolumeChart resolved={resolved} onDrill={onDrill} />
        <Heatmap scope={resolved.scope} onDrill={onDrill} />
      </section>

      <section className="dash-section" aria-labelledby="dash-sla">
        <h2 id="dash-sla">{t('dashboards.sections.sla')}</h2>
        <SlaChart resolved={resolved} onDrill={onDrill} />
      </section>

      <section className="dash-section" aria-labelledby="dash-breakdowns">
        <h2 id="dash-breakdowns">{t('dashboards.sections.breakdowns')}</h2>
        <BreakdownTable
          scope={resolved.scope}
          by={breakdownBy}
          isAgent={isAgent}
          onBy={onBreakdownBy}
          onDrill={onDrill}
        />
        {isAgent || (resolved.scope.filter && resolved.scope.filter.dimension !== 'agent') ? null : (
          <Leaderboard scope={resolved.scope} onDrill={onDrill} />
        )}
      </section>
    </>
  );
}
