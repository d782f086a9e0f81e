import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc.ts';

/** Retry a dead reply, or cancel one not yet sending; the thread is refetched either way (the server decides). */
export function useDeliveryActions(organizationId: string, conversationId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () =>
    queryClient.invalidateQueries(trpc.conversations.get.queryFilter({ organizationId, conversationId }));
  const retry = useMutation(trpc.replies.retry.mutationOptions({ onSettled: refresh }));
  const cancel = useMutation(trpc.replies.cancel.mutationOptions({ onSettled: refresh }));
  return {
    retry: (replyId: string) => retry.mutate({ organizationId, replyId }),
    cancel: (replyId: string) => cancel.mutate({ organizationId, replyId }),
    pending: retry.isPending || cancel.isPending,
    error: retry.error ?? cancel.error,
  };
}
