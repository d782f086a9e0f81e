import { useQuery } from '@tanstack/react-query';
import { useParams } from 'wouter';
import { useTRPC } from './trpc.ts';

/** The organization of the current route (`/o/:organizationId/...`). */
export function useOrganizationId(): string {
  const { organizationId } = useParams();
  if (!organizationId) throw new Error('useOrganizationId() outside /o/:organizationId');
  return organizationId;
}

/** The current organization with the caller's role (the server's answer, NOT_FOUND for a foreign tenant). */
export function useOrganization() {
  const trpc = useTRPC();
  const organizationId = useOrganizationId();
  return useQuery(trpc.organizations.get.queryOptions({ organizationId }, { staleTime: 60_000 }));
}
