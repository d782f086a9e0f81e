import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type RefObject } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { Link } from '@/components/link.tsx';
import { ErrorMessage } from '@/components/error-message.tsx';
import { Loading } from '@/components/loading.tsx';
import { useFormatDate } from '@/lib/format.ts';
import { useLiveEvents } from '@/lib/live-events.tsx';
import { useSearchParams } from '@/lib/location.ts';
import { useTRPC, type Organization } from '@/lib/trpc.ts';
import { parseDashboardSearch } from '../dashboard-url.ts';
import { formatCount, formatMs } from '../figures-format.ts';
import { WALLBOARD_POLL_MS, wallboardRefreshes } from '../wallboard-refresh.ts';
import '../dashboards.css';

/** "1:02:05": hours, minutes and seconds of a wait, ticking each second (hours may pass 24). */
export function formatWait(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${Math.floor(seconds / 3600)}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
}

function useNow(ms: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

/**
 * `/o/:id/wallboard`: a few big numbers for a screen on the wall — who waits now and for how long, agents online,
 * SLA breaches and first response today. Refetched on every relevant live event and every 30 seconds; the oldest
 * wait ticks each second in between. The brands are the dashboard's (`?brand=`).
 */
export function WallboardPage({ organization }: { organization: Organization }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const formatDate = useFormatDate();
  const [params] = useSearchParams();
  const { brandIds } = parseDashboardSearch(params);
  const input = { organizationId: organization.id, brandIds };
  const board = useQuery(
    trpc.dashboards.wallboard.queryOptions(input, {
      refetchInterval: WALLBOARD_POLL_MS,
      // A wall screen is rarely focused: keep polling in the background.
      refetchIntervalInBackground: true,
    }),
  );
  const connectedBefore = useRef(false);
  useLiveEvents((event) => {
    const refresh = wallboardRefreshes(event.type, connectedBefore.current);
    if (event.type === 'ready') connectedBefore.current = true;
    // A refetch already in flight answers a burst of events (no cancel, no pile-up).
    if (refresh)
      void queryClient.invalidateQueries(trpc.dashboards.wallboard.queryFilter(input), { cancelRefetch: false });
  });
  const now = useNow(1000);
  const root = useRef<HTMLDivElement>(null);
  const fullScreen = useFullScreen(root);
  // Its own header rather than PageHeader: on the wall the description goes away (and the wallboard's chunk stays
  // apart from the settings pages' shared components).
  useEffect(() => {
    document.title = `${t('wallboard.title')} · Perch`;
  }, [t]);
  const data = board.data;
  const oldest = data?.oldestWaitingSince ? Date.parse(data.oldestWaitingSince) : null;
  const frt = data?.firstResponseToday;
  const brandSearch = brandIds.length ? `?${new URLSearchParams({ brand: brandIds.join(',') }).toString()}` : '';

  return (
    <div className="wallboard" ref={root}>
      <header className="page-header">
        <div>
          <h1>{t('wallboard.title')}</h1>
          {fullScreen.active ? null : <p className="page-description">{t('wallboard.description')}</p>}
        </div>
        <div className="page-actions">
          <Link className="button" to={`/o/${organization.id}/dashboards${brandSearch}`}>
            {t('wallboard.backToDashboards')}
          </Link>
          {fullScreen.supported ? (
            <button type="button" className="button" onClick={fullScreen.toggle}>
              {fullScreen.active ? t('wallboard.exitFullScreen') : t('wallboard.fullScreen')}
            </button>
          ) : null}
        </div>
      </header>
      {board.isPending ? <Loading /> : null}
      <ErrorMessage error={board.error} />
      {data ? (
        <>
          <dl className="wallboard-tiles">
            <div className="wallboard-tile">
              <dt>{t('wallboard.waitingNow')}</dt>
              <dd data-testid="wallboard-waiting">{formatCount(data.waitingNow, locale)}</dd>
            </div>
            <div className="wallboard-tile">
              <dt>{t('wallboard.oldestWaiting')}</dt>
              <dd data-testid="wallboard-oldest">
                {oldest === null || Number.isNaN(oldest) ? (
                  t('wallboard.nobodyWaiting')
                ) : (
                  <time dateTime={data.oldestWaitingSince!}>{formatWait(now - oldest)}</time>
                )}
              </dd>
            </div>
            <div className="wallboard-tile">
              <dt>{t('wallboard.agentsOnline')}</dt>
              <dd data-testid="wallboard-online">{formatCount(data.agentsOnline, locale)}</dd>
            </div>
            <div className={`wallboard-tile${data.breachesToday ? ' wallboard-alert' : ''}`}>
              <dt>{t('wallboard.breachesToday')}</dt>
              <dd data-testid="wallboard-breaches">{formatCount(data.breachesToday, locale)}</dd>
            </div>
            <div className="wallboard-tile">
              <dt>{t('wallboard.frtTodayMedian')}</dt>
              <dd data-testid="wallboard-frt-median">{formatMs(frt?.median ?? null, locale)}</dd>
            </div>
            <div className="wallboard-tile">
              <dt>{t('wallboard.frtTodayP90')}</dt>
              <dd data-testid="wallboard-frt-p90">{formatMs(frt?.p90 ?? null, locale)}</dd>
            </div>
          </dl>
          <p className="muted">
            {t('wallboard.frtTodayCount', { count: frt?.count ?? 0 })} ·{' '}
            {t('wallboard.updatedAt', { time: formatDate(data.at) })}
          </p>
        </>
      ) : null}
    </div>
  );
}

/** The Fullscreen API on the wallboard's element (hidden where the browser has none). */
function useFullScreen(root: RefObject<HTMLDivElement | null>) {
  const [active, setActive] = useState(false);
  useEffect(() => {
    const sync = () => setActive(Boolean(document.fullscreenElement));
    document.addEventListener('fullscreenchange', sync);
    return () => document.removeEventListener('fullscreenchange', sync);
  }, []);
  return {
    supported: typeof document !== 'undefined' && document.fullscreenEnabled === true,
    active,
    toggle: () => {
      if (document.fullscreenElement) void document.exitFullscreen();
      else void root.current?.requestFullscreen();
    },
  };
}
