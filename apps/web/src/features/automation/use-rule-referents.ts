import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTRPC } from '@/lib/trpc.ts';
import type { RuleReferents } from './types.ts';

/** A team or member with no brand list serves every brand. */
const serves = (brandIds: readonly string[], brandId: string) => brandIds.length === 0 || brandIds.includes(brandId);

/**
 * What rules of a brand may refer to, loaded with the existing lists: `names` has everything of the organization
 * (a rule saved earlier still reads with its names), `options` only what the brand offers (what the server accepts).
 */
export function useRuleReferents(organizationId: string, brand: { id: string; timeZone: string }) {
  const trpc = useTRPC();
  const tags = useQuery(trpc.tags.list.queryOptions({ organizationId, brandId: brand.id }));
  const teams = useQuery(trpc.teams.list.queryOptions({ organizationId }));
  const agents = useQuery(trpc.agents.list.queryOptions({ organizationId }));
  const channels = useQuery(trpc.channels.list.queryOptions({ organizationId }));

  const referents = useMemo(() => {
    const names: RuleReferents = {
      tags: tags.data ?? [],
      teams: teams.data ?? [],
      members: agents.data ?? [],
      channels: channels.data ?? [],
      timeZone: brand.timeZone,
    };
    const options: RuleReferents = {
      ...names,
      teams: (teams.data ?? []).filter((team) => serves(team.brandIds, brand.id)),
      members: (agents.data ?? []).filter((agent) => serves(agent.brandIds, brand.id)),
      channels: (channels.data ?? []).filter((channel) => channel.brandId === brand.id),
    };
    return { names, options };
  }, [tags.data, teams.data, agents.data, channels.data, brand.id, brand.timeZone]);

  const queries = [tags, teams, agents, channels];
  return {
    ...referents,
    pending: queries.some((q) => q.isPending),
    error: queries.find((q) => q.error)?.error ?? null,
  };
}
