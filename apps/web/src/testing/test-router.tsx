import { useState, type ReactNode } from 'react';
import { Router, useLocation, type BaseLocationHook } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { deferredLocation, useSearchString } from '@/lib/location.ts';

/** A browser keeps `#fragment` out of the path: so does the in-memory address. */
const withoutHash = (path: string) => path.split('#')[0] ?? path;

function inMemory(route: string): BaseLocationHook {
  const memory = memoryLocation({ path: withoutHash(route) });
  const navigate = (to: string, options?: { replace?: boolean }) => memory.navigate(withoutHash(to), options);
  const useMemoryLocation = (): [string, typeof navigate] => [memory.hook()[0], navigate];
  return deferredLocation(useMemoryLocation, memory.searchHook);
}

/** The app's router on an in-memory address starting at `route` (deferred like the app's, see lib/location.ts). */
export function TestRouter({ route = '/', children }: { route?: string; children: ReactNode }) {
  const [hook] = useState(() => inMemory(route));
  return <Router hook={hook}>{children}</Router>;
}

/** Shows the current path and query string (`data-testid="location"`), so tests can assert navigations. */
export function LocationProbe({ hidden = false }: { hidden?: boolean }) {
  const [path] = useLocation();
  const search = useSearchString();
  return <output data-testid="location" hidden={hidden}>{`${path}${search}`}</output>;
}
