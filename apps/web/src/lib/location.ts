import { useDeferredValue, useMemo } from 'react';
import {
  useLocation,
  useRouter,
  type BaseLocationHook,
  type BaseSearchHook,
  type RouterObject,
  type SetSearchParams,
} from 'wouter';
import { useBrowserLocation, useLocationProperty, useSearch } from 'wouter/use-browser-location';

type Navigate = ReturnType<BaseLocationHook>[1];

/**
 * A wouter location whose changes React renders in the background, like a transition: a link to a page still loading
 * (a lazy route, its strings) keeps the current page on screen until the new one is ready, instead of a spinner.
 */
export function deferredLocation(hook: BaseLocationHook, searchHook: BaseSearchHook): BaseLocationHook {
  const useDeferredLocation = (router: RouterObject): [string, Navigate] => {
    const [path, navigate] = hook(router);
    return [useDeferredValue(path), navigate];
  };
  const useDeferredSearch = (router: RouterObject): string => useDeferredValue(searchHook(router));
  return Object.assign(useDeferredLocation, { searchHook: useDeferredSearch });
}

/** The app's location: the browser's address (wouter's History API hooks), deferred. */
export const browserLocation = deferredLocation(useBrowserLocation, useSearch);

/**
 * The query string as in the address (`?a=1`, or '' without one). wouter's `useSearch` would decode it once more
 * (a searched "%41" would come back as "A").
 */
export function useSearchString(): string {
  const router = useRouter();
  const search = router.searchHook(router);
  const query = search.startsWith('?') ? search.slice(1) : search;
  return query ? `?${query}` : '';
}

/** The query string's parameters, and a setter that navigates to the same path with new ones (`replace` optional). */
export function useSearchParams(): [URLSearchParams, SetSearchParams] {
  const [path, navigate] = useLocation();
  const search = useSearchString();
  const params = useMemo(() => new URLSearchParams(search), [search]);
  const setParams: SetSearchParams = (next, options) => {
    const query = new URLSearchParams(typeof next === 'function' ? next(new URLSearchParams(params)) : next).toString();
    navigate(query ? `${path}?${query}` : path, options);
  };
  return [params, setParams];
}

/** The address's fragment (`#two-step`, or ''): kept out of the path by the browser, so no route sees it. */
export function useHash(): string {
  return useLocationProperty(() => location.hash);
}
