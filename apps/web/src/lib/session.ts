import { hashKey, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC, type Me } from './trpc.ts';
import { canOpen } from './access.ts';

/** The signed-in user and their memberships (`data` is null when signed out). */
export function useMe() {
  const trpc = useTRPC();
  return useQuery(trpc.auth.me.queryOptions(undefined, { staleTime: 60_000 }));
}

/**
 * Where a signed-in user lands: a member in their first organization (those who work conversations in the inbox,
 * others on the organization overview); Perch's staff without an organization in the operator console; anyone
 * else on the "no organization yet" page.
 */
export function homePathFor(me: Me | null | undefined): string {
  const first = me?.memberships[0];
  if (!first) return me?.user.isPlatformOperator ? '/operator' : '/';
  return canOpen(first.role, 'inbox') ? `/o/${first.organizationId}/inbox/all_open` : `/o/${first.organizationId}`;
}

/** Only same-site paths are followed after sign-in (no open redirect through ?next=). */
export function safeNextPath(next: string | null): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  if (next.startsWith('/login')) return null;
  return next;
}

/** Marks a deliberate sign-out, so the sign-in page does not offer to come back to the page left. */
const SIGNED_OUT_KEY = ['perch', 'signedOutOnPurpose'] as const;

export function useSignedOutOnPurpose(): boolean {
  return useQueryClient().getQueryData<boolean>(SIGNED_OUT_KEY) === true;
}

/**
 * Forgets everything cached for the previous identity (after sign-in, sign-out, accepting an invitation):
 * one user's data must never show to the next one. The route guards react to `auth.me` (signed out → /login).
 */
export function useIdentityChange() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const meKey = trpc.auth.me.queryKey();
  const meHash = hashKey(meKey);
  const forgetAllButMe = () => queryClient.removeQueries({ predicate: (q) => q.queryHash !== meHash });
  return {
    /** Returns the fresh `auth.me`. */
    async signedIn(): Promise<Me | null> {
      forgetAllButMe();
      return queryClient.fetchQuery({ ...trpc.auth.me.queryOptions(), staleTime: 0 });
    },
    signedOut(): void {
      forgetAllButMe();
      queryClient.setQueryData(SIGNED_OUT_KEY, true);
      queryClient.setQueryData(meKey, null);
    },
  };
}
