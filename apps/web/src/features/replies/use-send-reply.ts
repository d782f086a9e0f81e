import type { ReplyMode, ReplyResult, ReplyThen } from '@perch/shared';
import { CONVERSATION_STATUSES } from '@perch/shared/vocabulary';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { conflictOf, useConflictMessage } from '@/features/conversation/conflict.ts';
import { useTRPC, useTRPCClient } from '@/lib/trpc.ts';
import { clearSentDraft, readSendKey, writeSendKey, type SendKey } from './reply-drafts.ts';

export interface SendRequest {
  text: string;
  mode: ReplyMode;
  then: ReplyThen;
  cannedReplyId: string | null;
}

interface SendTarget {
  organizationId: string;
  conversationId: string;
  /** The author: keys and drafts are kept per user. */
  userId: string;
  /** The conversation's version as shown (required by the server with resolve / pending). */
  version: number;
  /** The newest reply in the thread as shown: a colleague's newer one makes the send CONFLICT. */
  lastSeenReplyId: string | null;
}

/** A new key for a new text; the same key while the same text is sent again (a retry after a lost answer). */
function keyFor(held: SendKey | null, text: string, mode: string): SendKey {
  return held?.text === text && held.mode === mode ? held : { text, mode, key: crypto.randomUUID() };
}

/**
 * Sends a reply: one click, one post. The idempotency key is made when a send starts and kept for that text
 * until a send succeeds, so a retried or repeated request is recognised by the server and never posts twice.
 * A stale view (a colleague replied meanwhile) answers CONFLICT, worded as who did what; the draft stays.
 */
export function useSendReply(target: SendTarget) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const conflictMessage = useConflictMessage();
  // In memory too: storage may be unavailable.
  const held = useRef<SendKey | null>(null);
  const inFlight = useRef(false);
  const [conflict, setConflict] = useState<string | null>(null);
  const { organizationId, conversationId, userId } = target;
  const detailFilter = trpc.conversations.get.queryFilter({ organizationId, conversationId });

  const mutation = useMutation({
    mutationFn: (request: SendRequest): Promise<ReplyResult> => {
      held.current = keyFor(readSendKey(userId, conversationId) ?? held.current, request.text, request.mode);
      writeSendKey(userId, conversationId, held.current);
      const changesStatus = request.then !== 'none';
      return client.replies.send.mutate({
        organizationId,
        conversationId,
        text: request.text,
        mode: request.mode,
        idempotencyKey: held.current.key,
        lastSeenReplyId: target.lastSeenReplyId,
        then: request.then,
        ...(changesStatus ? { expectedVersion: target.version } : {}),
        ...(request.cannedReplyId ? { cannedReplyId: request.cannedReplyId } : {}),
      });
    },
    onMutate: () => setConflict(null),
    // Runs even if the composer was closed meanwhile (the draft must not come back as unsent).
    onSuccess: async (result, request) => {
      held.current = null;
      clearSentDraft(userId, conversationId, request.text);
      const changed = result.conversation;
      if (changed) {
        queryClient.setQueryData(trpc.conversations.get.queryKey({ organizationId, conversationId }), (old) =>
          old
            ? {
                ...old,
                conversation: {
                  ...old.conversation,
                  version: changed.version,
                  status: CONVERSATION_STATUSES.find((s) => s === changed.status) ?? old.conversation.status,
                },
              }
            : old,
        );
      }
      await Promise.all([
        queryClient.invalidateQueries(detailFilter),
        queryClient.invalidateQueries(trpc.inbox.pathFilter()),
      ]);
    },
    onError: async (error) => {
      const info = conflictOf(error);
      if (info) {
        setConflict(conflictMessage(info));
        await queryClient.invalidateQueries(detailFilter);
      }
    },
  });

  return {
    send: (request: SendRequest, options?: { onSuccess?: (result: ReplyResult) => void }) => {
      // A second click while the first is on its way is the same click (the ref: before React re-renders).
      if (inFlight.current) return;
      inFlight.current = true;
      mutation.mutate(request, {
        onSuccess: (result) => options?.onSuccess?.(result),
        onSettled: () => {
          inFlight.current = false;
        },
      });
    },
    pending: mutation.isPending,
    result: mutation.data ?? null,
    /** Any failure other than a conflict. */
    error: mutation.error && !conflictOf(mutation.error) ? mutation.error : null,
    conflict,
    /** The text changed: an error about the previous one no longer applies (a conflict stays until dismissed). */
    clearError: () => {
      if (mutation.isError) mutation.reset();
    },
    dismissConflict: () => setConflict(null),
  };
}
