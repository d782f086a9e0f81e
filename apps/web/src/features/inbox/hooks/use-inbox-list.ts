import type { InboxRow, SearchHit } from '@perch/shared';
import { useInfiniteQuery, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTRPC, useTRPCClient } from '@/lib/trpc.ts';
import { refreshHead } from '../list-head-refresh.ts';
import { requestFilters, searchText, type InboxUrlState } from '../url-state.ts';

export const INBOX_PAGE_SIZE = 50;
/** The longest a live refresh waits for a fetch in flight before going ahead. */
const SETTLE_WAIT_MS = 15_000;

export type ListRow = InboxRow & Partial<Pick<SearchHit, 'matchedText' | 'matchedMentionId'>>;

/**
 * The rows of the list: the view's pages (keyset, `nextCursor`) or, with a search text and one brand, the
 * search hits. Rows are deduplicated by id (a row that moved between two page fetches must not show twice).
 */
export function useInboxList(organizationId: string, view: string, state: InboxUrlState) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const q = searchText(state);
  const searching = q !== null && state.brandId !== null;

  const listInput = {
    organizationId,
    view,
    filters: requestFilters(state),
    ...(state.sort ? { sort: state.sort } : {}),
    limit: INBOX_PAGE_SIZE,
  };
  // Not `infiniteQueryOptions`: tRPC would add `direction` to the input, which the strict schema refuses. The keys
  // are tRPC's, so `trpc.inbox.pathFilter()` invalidates them.
  const listKey = trpc.inbox.list.infiniteQueryKey(listInput);
  const fetchListPage = (cursor: string | null, signal?: AbortSignal) =>
    client.inbox.list.query(cursor ? { ...listInput, cursor } : listInput, { signal });
  const list = useInfiniteQuery({
    queryKey: listKey,
    queryFn: ({ pageParam, signal }) => fetchListPage(pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    enabled: !searching,
  });

  const { brandIds: _brands, ...searchFilters } = requestFilters(state);
  const searchInput = {
    organizationId,
    brandId: state.brandId ?? '',
    query: q ?? '',
    filters: searchFilters,
    limit: INBOX_PAGE_SIZE,
  };
  const searchKey = trpc.inbox.search.infiniteQueryKey(searchInput);
  const fetchSearchPage = (cursor: string | null, signal?: AbortSignal) =>
    client.inbox.search.query(cursor ? { ...searchInput, cursor } : searchInput, { signal });
  const search = useInfiniteQuery({
    queryKey: searchKey,
    queryFn: ({ pageParam, signal }) => fetchSearchPage(pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    enabled: searching,
  });

  const active = searching ? search : list;
  const pages = active.data?.pages;
  // A stable array between renders: the table rebuilds its row model only when the pages change.
  const rows = useMemo<ListRow[]>(() => {
    const seen = new Set<string>();
    const out: ListRow[] = [];
    for (const page of pages ?? []) {
      for (const row of page.rows as ListRow[]) {
        if (seen.has(row.id)) continue;
        seen.add(row.id);
        out.push(row);
      }
    }
    return out;
  }, [pages]);

  return {
    rows,
    searching,
    /** Brands whose closed history their plan hides (each page says it; the last one loaded is the latest word). */
    hiddenHistory: pages?.at(-1)?.hiddenHistory ?? [],
    isPending: active.isPending,
    error: active.error,
    hasNextPage: active.hasNextPage,
    isFetchingNextPage: active.isFetchingNextPage,
    fetchNextPage: () => void active.fetchNextPage(),
    refetch: () => void active.refetch(),
    /**
     * After a live change: a long list refreshes its head only (list-head-refresh.ts), a short one refetches whole.
     * Resolves when done, so the caller can avoid overlapping refreshes.
     */
    refreshLive: async (): Promise<void> => {
      const handled = searching ? await headOf(searchKey, fetchSearchPage) : await headOf(listKey, fetchListPage);
      if (!handled) await active.refetch();
    },
  };

  /** Writes the refreshed head into the cache; false when the whole list must be refetched instead. */
  async function headOf<P extends { rows: { id: string }[]; nextCursor?: string | null }>(
    key: readonly unknown[],
    fetchPage: (cursor: string | null) => Promise<P>,
  ): Promise<boolean> {
    // After a fetch in flight (the next page, or the whole list on opening or focus): it decides what is shown.
    await fetchSettled(key);
    const data = queryClient.getQueryData<InfiniteData<P, string | null>>(key);
    if (!data) return false;
    const startedFrom = queryClient.getQueryState(key)?.dataUpdatedAt;
    const next = await refreshHead(data, fetchPage);
    if (!next) return false;
    // Written only over the rows it started from: a fetch that landed meanwhile is newer and stays.
    if (queryClient.getQueryState(key)?.dataUpdatedAt === startedFrom) {
      queryClient.setQueryData<InfiniteData<P, string | null>>(key, next);
    }
    return true;
  }

  function fetchSettled(key: readonly unknown[]): Promise<void> {
    const cache = queryClient.getQueryCache();
    const query = cache.find({ queryKey: key, exact: true });
    if (!query || query.state.fetchStatus !== 'fetching') return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        stop();
        clearTimeout(timer);
        resolve();
      };
      const stop = cache.subscribe(() => {
        if (query.state.fetchStatus !== 'fetching') done();
      });
      // Never wait on a fetch forever (a dropped connection): the refresh then goes ahead.
      const timer = setTimeout(done, SETTLE_WAIT_MS);
    });
  }
}
