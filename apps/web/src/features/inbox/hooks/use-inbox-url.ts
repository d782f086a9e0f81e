import type { InboxView } from '@perch/shared';
import { useMemo } from 'react';
import { useLocation, useParams } from 'wouter';
import { useSearchParams } from '@/lib/location.ts';
import { parseInboxSearch, parseView, serialiseInboxSearch, type InboxUrlState } from '../url-state.ts';

export const DEFAULT_VIEW: InboxView = 'all_open';

/**
 * The inbox state read from and written to the URL (`/o/:organizationId/inbox/:view[/c/:conversationId]?…`).
 * Filter changes push a history entry (Back undoes them); typing a search replaces it.
 */
export function useInboxUrl() {
  const params = useParams();
  const organizationId = params['organizationId'] ?? '';
  const view = parseView(params['view']);
  const conversationId = params['conversationId'] ?? null;
  const [searchParams, setSearchParams] = useSearchParams();
  const [, navigate] = useLocation();
  const key = searchParams.toString();
  // eslint-disable-next-line react-hooks/exhaustive-deps -- parsed once per distinct query string
  const state = useMemo(() => parseInboxSearch(searchParams), [key]);
  const search = serialiseInboxSearch(state).toString();
  const base = `/o/${organizationId}/inbox`;
  const suffix = search ? `?${search}` : '';
  const viewPath = (next: string) => {
    // Another view keeps the brand only: a view is a preset, its own filters should not be narrowed by surprise.
    const kept = serialiseInboxSearch({ brandId: state.brandId, filters: {}, sort: null, q: '' }).toString();
    return `${base}/${next}${kept ? `?${kept}` : ''}`;
  };

  return {
    organizationId,
    view,
    conversationId,
    state,
    search: suffix,
    base,
    setState(patch: Partial<InboxUrlState>, options: { replace?: boolean } = {}) {
      setSearchParams(serialiseInboxSearch({ ...state, ...patch }), { replace: options.replace ?? false });
    },
    viewPath,
    goView(next: string) {
      navigate(viewPath(next));
    },
    open(id: string) {
      navigate(`${base}/${view ?? DEFAULT_VIEW}/c/${id}${suffix}`);
    },
    close() {
      navigate(`${base}/${view ?? DEFAULT_VIEW}${suffix}`);
    },
  };
}

export type InboxUrl = ReturnType<typeof useInboxUrl>;
