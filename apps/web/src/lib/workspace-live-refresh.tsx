import { useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { useLiveEvents } from './live-events.tsx';
import { useTRPC } from './trpc.ts';

export type WorkspaceList = 'tags' | 'teams' | 'agents' | 'billing' | 'quota';

/**
 * The reference lists a live event makes stale. A reconnection (`ready` after the first) or `resync` means events
 * may have been missed: all of them. Teams carry members, so a team change also refreshes the agents' teams.
 */
export function listsToRefresh(type: string, reconnected: boolean): WorkspaceList[] {
  if (type === 'resync' || (type === 'ready' && reconnected)) return ['tags', 'teams', 'agents', 'billing', 'quota'];
  if (type === 'tags.changed') return ['tags'];
  if (type === 'teams.changed') return ['teams', 'agents'];
  if (type === 'agents.changed') return ['agents'];
  /** A brand's plan changed: what its members may use (locked features), the billing page, its held mentions. */
  if (type === 'plan.changed') return ['billing', 'quota'];
  /** Mentions were held over a quota, released or deleted: the held counts and the over-quota view. */
  if (type === 'quota.changed') return ['quota'];
  return [];
}

/**
 * Keeps the workspace's reference lists fresh while a page is open: a manager renaming a tag, changing a team or
 * an agent's capacity is seen by every open tab without reload (the lists are otherwise cached for a minute); a plan
 * change refetches the entitlements and billing.
 */
export function WorkspaceLiveRefresh() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const connectedBefore = useRef(false);
  useLiveEvents((event) => {
    const lists = listsToRefresh(event.type, connectedBefore.current);
    if (event.type === 'ready') connectedBefore.current = true;
    const filters = {
      tags: trpc.tags.list,
      teams: trpc.teams.list,
      agents: trpc.agents.list,
      billing: trpc.billing,
      quota: trpc.quota,
    };
    for (const list of lists) void queryClient.invalidateQueries(filters[list].pathFilter());
  });
  return null;
}
