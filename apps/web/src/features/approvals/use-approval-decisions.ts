import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { perchCodeOf } from '@/lib/errors.ts';
import { isApiError, useTRPC } from '@/lib/trpc.ts';
import type { Approval } from './types.ts';

export type Decision = { kind: 'approve'; text?: string } | { kind: 'reject'; comment: string };

/**
 * The manager's decisions on waiting replies. A decided reply leaves the list at once; one another manager decided
 * first, or its author canceled (CONFLICT), or that is gone (NOT_FOUND), leaves it too, with a sentence saying so.
 * Other errors stay on the reply. Several replies may be decided at the same time.
 */
export function useApprovalDecisions(organizationId: string, onDecided: (replyId: string) => void) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const approve = useMutation(trpc.replies.approve.mutationOptions());
  const reject = useMutation(trpc.replies.reject.mutationOptions());
  const [notice, setNotice] = useState('');
  const [alert, setAlert] = useState('');
  const [errors, setErrors] = useState<ReadonlyMap<string, unknown>>(new Map());
  const [pending, setPending] = useState<ReadonlySet<string>>(new Set());
  // Read synchronously: a double click (or `a` pressed twice) must not decide the same reply twice.
  const inFlight = useRef(new Set<string>());

  const withId = <T>(map: ReadonlyMap<string, T>, id: string, value: T | undefined) => {
    const next = new Map(map);
    if (value === undefined) next.delete(id);
    else next.set(id, value);
    return next;
  };
  const leaveList = (replyId: string) =>
    queryClient.setQueriesData<Approval[]>(trpc.replies.approvals.pathFilter(), (old) =>
      old?.filter((a) => a.replyId !== replyId),
    );

  const decide = async (approval: Approval, decision: Decision) => {
    const { replyId } = approval;
    if (inFlight.current.has(replyId)) return;
    inFlight.current.add(replyId);
    const names = { author: approval.authorName, customer: approval.customer.displayName };
    setPending((ids) => new Set(ids).add(replyId));
    setErrors((map) => withId(map, replyId, undefined));
    setNotice('');
    setAlert('');
    try {
      if (decision.kind === 'approve') {
        await approve.mutateAsync({
          organizationId,
          replyId,
          ...(decision.text === undefined ? {} : { text: decision.text }),
        });
        setNotice(t('approvals.approved', names));
      } else {
        await reject.mutateAsync({ organizationId, replyId, comment: decision.comment });
        setNotice(t('approvals.rejected', names));
      }
      leaveList(replyId);
      onDecided(replyId);
    } catch (error) {
      const code = perchCodeOf(error);
      if (code === 'CONFLICT' || code === 'NOT_FOUND') {
        const withdrawn = isApiError(error) && error.data?.details?.['state'] === 'canceled';
        const key = code === 'NOT_FOUND' ? 'gone' : withdrawn ? 'withdrawn' : 'alreadyReviewed';
        setAlert(t(`approvals.${key}`, names));
        leaveList(replyId);
        onDecided(replyId);
      } else {
        setErrors((map) => withId(map, replyId, error));
      }
    } finally {
      inFlight.current.delete(replyId);
      setPending((ids) => {
        const next = new Set(ids);
        next.delete(replyId);
        return next;
      });
      void Promise.all([
        queryClient.invalidateQueries(trpc.replies.approvals.pathFilter()),
        queryClient.invalidateQueries(trpc.audit.list.infiniteQueryFilter({ organizationId })),
      ]);
    }
  };

  return { decide, notice, alert, errors, pending };
}
