import type { AppRouter } from '@perch/server/router';
import type { inferOutput, TRPCOptionsProxy } from '@trpc/tanstack-react-query';

type Api = TRPCOptionsProxy<AppRouter>;
/** A reply waiting for a manager (replies.approvals). */
export type Approval = inferOutput<Api['replies']['approvals']>[number];
export type ApprovalAgent = inferOutput<Api['agents']['list']>[number];

/** What the manager is doing with one waiting reply, besides looking at it. */
export type ApprovalMode = { replyId: string; kind: 'edit' | 'reject' } | null;
