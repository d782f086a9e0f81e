import { useMemo } from 'react';
import { useSearchParams } from '@/lib/location.ts';
import { parseDashboardSearch, serialiseDashboardSearch, type DashboardUrlState } from '../dashboard-url.ts';

/** The dashboard's controls read from and written to the query string (each change is a history entry). */
export function useDashboardUrl() {
  const [searchParams, setSearchParams] = useSearchParams();
  const key = searchParams.toString();
  // eslint-disable-next-line react-hooks/exhaustive-deps -- parsed once per distinct query string
  const state = useMemo(() => parseDashboardSearch(searchParams), [key]);
  return {
    state,
    setState: (patch: Partial<DashboardUrlState>) => {
      setSearchParams(serialiseDashboardSearch({ ...state, ...patch }));
    },
  };
}
