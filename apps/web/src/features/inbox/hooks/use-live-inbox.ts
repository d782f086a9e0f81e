import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useLayoutEffect, useMemo, useState } from 'react';
import { useLiveEvents } from '@/lib/live-events.tsx';
import { useTRPC } from '@/lib/trpc.ts';
import { liveRefresher } from '../live-events.ts';

/** tRPC's key of an infinite query (the list pages and the search hits): `[path, { input, type: 'infinite' }]`. */
const isInfinite = (key: readonly unknown[]) => (key[1] as { type?: string } | undefined)?.type === 'infinite';

/**
 * Keeps the list, the counts and the presence dots fresh: each live event (throttled to one refresh per
 * LIVE_REFRESH_MS) refetches the counts, and refreshes the open list through `refreshList` — its head only when
 * many pages are loaded (list-head-refresh.ts); other views' lists are marked stale and refetch when opened. One
 * list refresh at a time: events arriving meanwhile ask for one more. The list keeps its scroll anchor.
 */
/** Runs the latest list refresh, one at a time: a request while one runs asks for one more after it. */
function createListRunner() {
  let refresh: () => Promise<void> = () => Promise.resolve();
  let running: { again: boolean } | null = null;
  return {
    set(next: () => Promise<void>) {
      refresh = next;
    },
    async run() {
      if (running) {
        running.again = true;
        return;
      }
      const current = { again: true };
      running = current;
      try {
        while (current.again) {
          current.again = false;
          await refresh();
        }
      } catch {
        // A failed refresh leaves the rows shown; the next event or a reconnection tries again.
      } finally {
        running = null;
      }
    },
  };
}

export function useLiveInbox(brandId: string | null, refreshList: () => Promise<void>) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [runner] = useState(createListRunner);
  useLayoutEffect(() => runner.set(refreshList));

  const refresher = useMemo(
    () =>
      liveRefresher({
        inbox: () => {
          const inbox = trpc.inbox.pathKey();
          void queryClient.invalidateQueries({ queryKey: inbox, predicate: (q) => !isInfinite(q.queryKey) });
          void queryClient.invalidateQueries({
            queryKey: inbox,
            predicate: (q) => isInfinite(q.queryKey),
            refetchType: 'none',
          });
          void runner.run();
        },
        presence: () => void queryClient.invalidateQueries({ queryKey: trpc.conversations.presenceOf.pathKey() }),
      }),
    [queryClient, trpc, runner],
  );
  useEffect(() => () => refresher.cancel(), [refresher]);

  // The organization's one shared stream (LiveEventsProvider); another brand's events refetch too, harmlessly.
  useLiveEvents((event) => {
    if (!brandId || !event.brandId || event.brandId === brandId) refresher.onEvent(event);
  });
}
