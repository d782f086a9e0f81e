import type { ConversationStatus, Priority } from '@perch/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC, useTRPCClient } from '@/lib/trpc.ts';
import { conflictOf, useConflictMessage } from './conflict.ts';
import type { Conversation } from './types.ts';

export type ConversationAction =
  | { kind: 'status'; status: Exclude<ConversationStatus, 'new'>; snoozedUntil?: string }
  | { kind: 'assign'; assigneeUserId: string | null }
  | { kind: 'claim' }
  | { kind: 'team'; teamId: string | null }
  | { kind: 'priority'; priority: Priority }
  | { kind: 'tags'; add: string[]; remove: string[] }
  /** Every action of the macro at once: one version step, so the same stale-action guard. */
  | { kind: 'macro'; macroId: string };

/**
 * The pane's actions on one conversation. Each names the version the agent saw (stale-action guard): when a
 * colleague changed it meanwhile, the server refuses and says who did what — shown prominently, then the
 * detail is refetched so the agent decides again on fresh data.
 */
export function useConversationActions(organizationId: string, conversation: Conversation | undefined) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const conflictMessage = useConflictMessage();
  const [conflict, setConflict] = useState<string | null>(null);

  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries(
        trpc.conversations.get.queryFilter({ organizationId, conversationId: conversation?.id ?? '' }),
      ),
      queryClient.invalidateQueries(trpc.inbox.pathFilter()),
    ]);

  const mutation = useMutation({
    mutationFn: async (action: ConversationAction) => {
      if (!conversation) throw new Error('No conversation loaded');
      const target = { organizationId, conversationId: conversation.id, expectedVersion: conversation.version };
      switch (action.kind) {
        case 'status':
          return client.conversations.changeStatus.mutate({
            ...target,
            status: action.status,
            ...(action.snoozedUntil ? { snoozedUntil: action.snoozedUntil } : {}),
          });
        case 'assign':
          return client.conversations.assign.mutate({ ...target, assigneeUserId: action.assigneeUserId });
        case 'claim':
          return client.conversations.claim.mutate(target);
        case 'team':
          return client.conversations.setTeam.mutate({ ...target, teamId: action.teamId });
        case 'priority':
          return client.conversations.setPriority.mutate({ ...target, priority: action.priority });
        case 'tags':
          return client.conversations.changeTags.mutate({ ...target, add: action.add, remove: action.remove });
        case 'macro':
          return client.macros.run.mutate({ ...target, macroId: action.macroId });
      }
    },
    onMutate: () => setConflict(null),
    onSuccess: async (result) => {
      // The new version at once, so the next action never conflicts with one's own previous change.
      if (result && conversation) {
        queryClient.setQueryData(
          trpc.conversations.get.queryKey({ organizationId, conversationId: conversation.id }),
          (old) => (old ? { ...old, conversation: { ...old.conversation, ...result } } : old),
        );
      }
      await refresh();
    },
    onError: async (error) => {
      const info = conflictOf(error);
      if (info) setConflict(conflictMessage(info));
      await refresh();
    },
  });

  return {
    run: (action: ConversationAction, options?: { onSuccess?: () => void }) =>
      mutation.mutate(action, { onSuccess: () => options?.onSuccess?.() }),
    pending: mutation.isPending,
    /** A failure other than a conflict (shown as a translated error). */
    error: mutation.error && !conflictOf(mutation.error) ? mutation.error : null,
    conflict,
    dismissConflict: () => setConflict(null),
  };
}
