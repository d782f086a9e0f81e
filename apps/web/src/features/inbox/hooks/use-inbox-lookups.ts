import type { AgentItem, PresenceEntry, TagItem, TeamItem } from '@perch/shared';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTRPC } from '@/lib/trpc.ts';

const EMPTY: never[] = [];
/** Presence expires after 30 s on the server: poll a little more often than that, and on every live event. */
const PRESENCE_POLL_MS = 15_000;

/** Names, colours and options the rows and the filter bar need (tags, agents, teams, brands, channels). */
export function useInboxLookups(organizationId: string, brandId: string | null, managesChannels: boolean) {
  const trpc = useTRPC();
  const brands = useQuery(trpc.brands.list.queryOptions({ organizationId }));
  const tags = useQuery(trpc.tags.list.queryOptions({ organizationId, ...(brandId ? { brandId } : {}) }));
  const agents = useQuery(trpc.agents.list.queryOptions({ organizationId }));
  const teams = useQuery(trpc.teams.list.queryOptions({ organizationId }));
  // Managers only: an agent gets no channel filter (the server would answer FORBIDDEN).
  const channels = useQuery({ ...trpc.channels.list.queryOptions({ organizationId }), enabled: managesChannels });

  const tagList: TagItem[] = tags.data ?? EMPTY;
  const agentList: AgentItem[] = agents.data ?? EMPTY;
  const teamList: TeamItem[] = teams.data ?? EMPTY;
  const tagsById = useMemo(() => new Map(tagList.map((t) => [t.id, t])), [tagList]);
  const agentsById = useMemo(() => new Map(agentList.map((a) => [a.userId, a])), [agentList]);
  const brandList = brands.data ?? EMPTY;
  const brandsById = useMemo(() => new Map(brandList.map((b) => [b.id, b])), [brandList]);
  return {
    brands: brandList,
    brandsById,
    tags: tagList,
    tagsById,
    agents: agentList,
    agentsById,
    teams: teamList,
    channels: channels.isError ? EMPTY : (channels.data ?? EMPTY),
  };
}

export type InboxLookups = ReturnType<typeof useInboxLookups>;

/** Who is viewing or typing in the visible rows (at most 100 ids per request). */
export function usePresence(organizationId: string, conversationIds: string[]): Map<string, PresenceEntry[]> {
  const trpc = useTRPC();
  const ids = conversationIds.slice(0, 100);
  const presence = useQuery({
    ...trpc.conversations.presenceOf.queryOptions({ organizationId, conversationIds: ids }),
    enabled: ids.length > 0,
    refetchInterval: PRESENCE_POLL_MS,
    placeholderData: (previous) => previous,
  });
  return useMemo(() => presenceMap(presence.data), [presence.data]);
}

/** Accepts `{ [conversationId]: entries }` or `[{ conversationId, entries }]` (either is "entries per conversation"). */
export function presenceMap(data: unknown): Map<string, PresenceEntry[]> {
  const map = new Map<string, PresenceEntry[]>();
  if (Array.isArray(data)) {
    for (const item of data as { conversationId?: unknown; entries?: unknown }[]) {
      if (typeof item?.conversationId === 'string' && Array.isArray(item.entries)) {
        map.set(item.conversationId, item.entries as PresenceEntry[]);
      }
    }
  } else if (data && typeof data === 'object') {
    for (const [id, entries] of Object.entries(data))
      if (Array.isArray(entries)) map.set(id, entries as PresenceEntry[]);
  }
  return map;
}
