import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTRPC } from '@/lib/trpc.ts';

/**
 * How often an open dashboard asks its figures again. The metrics worker keeps the rollups within a minute of the
 * events (docs/metrics.md, "Freshness"), so refreshing more often would show nothing new.
 */
export const DASHBOARDS_REFRESH_MS = 60_000;

/**
 * Keeps an open dashboard current: every `intervalMs` while the tab is visible (and at once when it becomes visible
 * again after a refresh was due), every figure query is marked stale and the ones on screen refetch in the
 * background — charts keep their data meanwhile. An open drill-down list is left alone (its pages would shift under
 * the reader), and so is the wallboard, which has its own live refresh.
 */
export function useDashboardsRefresh(intervalMs = DASHBOARDS_REFRESH_MS) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  useEffect(() => {
    let due = false;
    const refresh = () => {
      if (document.visibilityState !== 'visible') {
        due = true;
        return;
      }
      due = false;
      void queryClient.invalidateQueries({
        ...trpc.dashboards.pathFilter(),
        predicate: (query) => {
          const path = query.queryKey[0];
          return !(Array.isArray(path) && (path[1] === 'drilldown' || path[1] === 'wallboard'));
        },
      });
    };
    const timer = setInterval(refresh, intervalMs);
    const onVisible = () => {
      if (due && document.visibilityState === 'visible') refresh();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [intervalMs, queryClient, trpc]);
}
