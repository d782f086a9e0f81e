import {
  listApprovalsInput,
  rejectReplyInput,
  replyIdInput,
  reviewReplyInput,
  sendReplyInput,
  setBrandApprovalInput,
  setMemberApprovalInput,
} from '@perch/shared';
import { orgActor, orgProcedure, router, type OrgContext } from '../../trpc/init.ts';
import type { WorkActor, WorkDeps } from '../conversations/work-context.ts';
import { approveReply, listApprovals, rejectReply, setBrandApproval, setMemberApproval } from './approvals.service.ts';
import { cancelReply, retryReply, sendReply } from './replies.service.ts';

const actorOf = (ctx: OrgContext): WorkActor => ({ ...orgActor(ctx), brandIds: ctx.member.brandIds });
const depsOf = (ctx: OrgContext): WorkDeps => ({ db: ctx.db, bus: ctx.bus, queue: ctx.queue });

/** Replies (docs/replies.md): the composer's send, delivery retry and cancel, and the approval workflow. */
export const repliesRouter = router({
  send: orgProcedure.input(sendReplyInput).mutation(({ ctx, input }) => sendReply(depsOf(ctx), actorOf(ctx), input)),
  retry: orgProcedure.input(replyIdInput).mutation(({ ctx, input }) => retryReply(depsOf(ctx), actorOf(ctx), input)),
  cancel: orgProcedure.input(replyIdInput).mutation(({ ctx, input }) => cancelReply(depsOf(ctx), actorOf(ctx), input)),
  approvals: orgProcedure
    .input(listApprovalsInput)
    .query(({ ctx, input }) => listApprovals(ctx.db, actorOf(ctx), input)),
  approve: orgProcedure
    .input(reviewReplyInput)
    .mutation(({ ctx, input }) => approveReply(depsOf(ctx), actorOf(ctx), input)),
  reject: orgProcedure
    .input(rejectReplyInput)
    .mutation(({ ctx, input }) => rejectReply(depsOf(ctx), actorOf(ctx), input)),
  setMemberApproval: orgProcedure
    .input(setMemberApprovalInput)
    .mutation(({ ctx, input }) => setMemberApproval(depsOf(ctx), actorOf(ctx), input)),
  setBrandApproval: orgProcedure
    .input(setBrandApprovalInput)
    .mutation(({ ctx, input }) => setBrandApproval(depsOf(ctx), actorOf(ctx), input)),
});
