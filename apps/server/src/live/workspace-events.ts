import type { EventBus, LiveEvent } from './event-bus.ts';

type WorkspaceChange = Extract<LiveEvent['type'], 'tags.changed' | 'teams.changed' | 'agents.changed'>;

/**
 * The change's result, once the organization's open pages were told that a workspace setting changed (after it
 * committed), so pickers and lists refetch: tag changes go to the tag's brand, team and agent changes to everyone.
 */
export async function announced<T>(
  ctx: { bus: EventBus; member: { organizationId: string } },
  type: WorkspaceChange,
  change: Promise<T>,
  brandOf?: (result: T) => string,
): Promise<T> {
  const result = await change;
  const brandId = brandOf?.(result);
  await ctx.bus.publish([
    { organizationId: ctx.member.organizationId, type, ...(brandId ? { brandId } : {}), at: new Date().toISOString() },
  ]);
  return result;
}
