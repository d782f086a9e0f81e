import type { InboxRow, SearchHit } from '@perch/shared';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTRPC, useTRPCClient } from '@/lib/trpc.ts';
import { requestFilters, searchText, type InboxUrlState } from '../url-state.ts';

export const INBOX_PAGE_SIZE = 50;

export type ListRow = InboxRow & Partial<Pick<SearchHit, 'matchedText' | 'matchedMentionId'>>;

/**
 * The rows of the list: the view's pages (keyset, `nextCursor`) or, with a search text and one brand, the
 * search hits. Rows are deduplicated by id (a row that moved between two page fetches must not show twice).
 */
export function useInboxList(organizationId: string, view: string, state: InboxUrlState) {
  const trpc = useTRPC();
  const client = useTRPCClient();
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
  const list = useInfiniteQuery({
    queryKey: trpc.inbox.list.infiniteQueryKey(listInput),
    queryFn: ({ pageParam, signal }) =>
      client.inbox.list.query(pageParam ? { ...listInput, cursor: pageParam } : listInput, { signal }),
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
  const search = useInfiniteQuery({
    queryKey: trpc.inbox.search.infiniteQueryKey(searchInput),
    queryFn: ({ pageParam, signal }) =>
      client.inbox.search.query(pageParam ? { ...searchInput, cursor: pageParam } : searchInput, { signal }),
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
    isPending: active.isPending,
    error: active.error,
    hasNextPage: active.hasNextPage,
    isFetchingNextPage: active.isFetchingNextPage,
    fetchNextPage: () => void active.fetchNextPage(),
    refetch: () => void active.refetch(),
  };
}
