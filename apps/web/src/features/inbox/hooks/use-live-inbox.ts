import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { useLiveEvents } from '@/lib/live-events.tsx';
import { useTRPC } from '@/lib/trpc.ts';
import { liveRefresher } from '../live-events.ts';

/**
 * Keeps the list, the counts and the presence dots fresh: each live event marks the inbox queries stale and
 * the active ones refetch (throttled to one refetch per LIVE_REFRESH_MS). The list keeps its scroll anchor.
 */
export function useLiveInbox(brandId: string | null) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresher = useMemo(
    () =>
      liveRefresher({
        inbox: () => void queryClient.invalidateQueries({ queryKey: trpc.inbox.pathKey() }),
        presence: () => void queryClient.invalidateQueries({ queryKey: trpc.conversations.presenceOf.pathKey() }),
      }),
    [queryClient, trpc],
  );
  useEffect(() => () => refresher.cancel(), [refresher]);

  // The organization's one shared stream (LiveEventsProvider); another brand's events refetch too, harmlessly.
  useLiveEvents((event) => {
    if (!brandId || !event.brandId || event.brandId === brandId) refresher.onEvent(event);
  });
}
