import type { AppRouter } from '@perch/server/router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { inferInput, inferOutput, TRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { useTRPC } from '@/lib/trpc.ts';

type Api = TRPCOptionsProxy<AppRouter>;
export type SavedView = inferOutput<Api['savedViews']['list']>[number];
export type SavedViewDefinitionInput = inferInput<Api['savedViews']['create']>['definition'];
type Without<T> = Omit<T, 'organizationId'>;
export type CreateSavedView = Without<inferInput<Api['savedViews']['create']>>;
export type UpdateSavedView = Without<inferInput<Api['savedViews']['update']>>;

/**
 * The caller's saved views (their own first, then those shared with the organization), and the mutations that
 * change them; each refreshes the list (and any saved-view counts the inbox shows) when it succeeds.
 */
export function useSavedViews(organizationId: string) {
  const trpc = useTRPC();
  return useQuery(trpc.savedViews.list.queryOptions({ organizationId }, { staleTime: 30_000 }));
}

function useRefreshSavedViews() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.savedViews.list.pathFilter()),
      queryClient.invalidateQueries({ queryKey: [['inbox']] }),
    ]);
}

export function useCreateSavedView(organizationId: string) {
  const trpc = useTRPC();
  const refresh = useRefreshSavedViews();
  const mutation = useMutation(trpc.savedViews.create.mutationOptions({ onSuccess: refresh }));
  return {
    ...mutation,
    create: (input: CreateSavedView) => mutation.mutateAsync({ organizationId, ...input }),
  };
}

export function useUpdateSavedView(organizationId: string) {
  const trpc = useTRPC();
  const refresh = useRefreshSavedViews();
  const mutation = useMutation(trpc.savedViews.update.mutationOptions({ onSuccess: refresh }));
  return {
    ...mutation,
    update: (input: UpdateSavedView) => mutation.mutateAsync({ organizationId, ...input }),
  };
}

export function useDeleteSavedView(organizationId: string) {
  const trpc = useTRPC();
  const refresh = useRefreshSavedViews();
  const mutation = useMutation(trpc.savedViews.delete.mutationOptions({ onSuccess: refresh }));
  return { ...mutation, remove: (viewId: string) => mutation.mutateAsync({ organizationId, viewId }) };
}

export function useReorderSavedViews(organizationId: string) {
  const trpc = useTRPC();
  const refresh = useRefreshSavedViews();
  const mutation = useMutation(trpc.savedViews.reorder.mutationOptions({ onSuccess: refresh }));
  return { ...mutation, reorder: (viewIds: string[]) => mutation.mutateAsync({ organizationId, viewIds }) };
}
