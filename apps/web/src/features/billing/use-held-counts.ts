import type { HeldCount } from '@perch/shared';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc.ts';

const NONE: HeldCount[] = [];

/**
 * How many mentions each of the caller's brands has held over its quota (docs/billing.md, "Quotas: hold and
 * warnings"); brands with none are left out. Kept fresh by the live `quota.changed` and `plan.changed` events
 * (WorkspaceLiveRefresh), and refetched every few minutes in case an event was missed.
 */
export function useHeldCounts(organizationId: string): HeldCount[] {
  const trpc = useTRPC();
  const counts = useQuery(
    trpc.quota.heldCounts.queryOptions({ organizationId }, { staleTime: 30_000, refetchInterval: 300_000 }),
  );
  return counts.data ?? NONE;
}

/** The over-quota view of a brand (inside the inbox: those who work it). */
export const overQuotaPath = (organizationId: string, brandId: string) =>
  `/o/${organizationId}/inbox/over-quota?${new URLSearchParams({ brand: brandId }).toString()}`;
