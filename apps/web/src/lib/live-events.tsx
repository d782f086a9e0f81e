import { createContext, useContext, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { useTRPCClient } from './trpc.ts';

/** What the web reads of a live event (ids and a type, never content): the listener refetches what it shows. */
export interface LiveSignal {
  type: string;
  brandId?: string;
  conversationId?: string;
  userId?: string;
}
type Listener = (event: LiveSignal) => void;

interface LiveHub {
  add: (listener: Listener) => () => void;
}

const LiveContext = createContext<LiveHub | null>(null);

function createHub(): LiveHub & { emit: Listener } {
  const listeners = new Set<Listener>();
  return {
    add(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    emit: (event) => listeners.forEach((l) => l(event)),
  };
}

/**
 * One live stream per open organization (tRPC subscription over server-sent events), shared by everything on
 * the page: browsers allow only a few connections per server over HTTP/1.1, so the inbox, the conversation pane
 * and the bell must not each hold one. `ready` (connected) and `resync` (events were dropped) mean: refetch all.
 */
export function LiveEventsProvider({
  organizationId,
  children,
}: {
  /** null while the organization is loading or not accessible: no stream (the tree keeps its shape). */
  organizationId: string | null;
  children: ReactNode;
}) {
  const client = useTRPCClient();
  const [hub] = useState(createHub);
  useEffect(() => {
    let subscription: { unsubscribe: () => void } | null = null;
    if (!organizationId) return;
    try {
      subscription = client.live.events.subscribe(
        { organizationId },
        {
          onData: (event: unknown) => {
            if (event && typeof event === 'object' && 'type' in event && typeof event.type === 'string') {
              hub.emit(event as LiveSignal);
            }
          },
          // A dropped stream reconnects by itself (then `ready` refetches everything); meanwhile data stays.
          onError: () => {},
        },
      );
    } catch {
      // A client without a subscription link (some tests): the page works without live updates.
    }
    return () => subscription?.unsubscribe();
  }, [client, hub, organizationId]);
  return <LiveContext.Provider value={hub}>{children}</LiveContext.Provider>;
}

/** Calls `onEvent` for every live event of the current organization while mounted (latest closure used). */
export function useLiveEvents(onEvent: Listener): void {
  const hub = useContext(LiveContext);
  const latest = useRef(onEvent);
  useLayoutEffect(() => {
    latest.current = onEvent;
  });
  useEffect(() => hub?.add((event) => latest.current(event)), [hub]);
}
