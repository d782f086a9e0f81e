import {
  cannedReplyIdInput,
  createCannedReplyInput,
  listCannedRepliesInput,
  updateCannedReplyInput,
} from '@perch/shared';
import { orgProcedure, router } from '../../trpc/init.ts';
import { workspaceActor } from '../teams/workspace-actor.ts';
import { cannedRepliesOf, createCannedReply, deleteCannedReply, updateCannedReply } from './canned-replies.service.ts';

/** Canned replies (docs/replies.md): per brand; agents list and insert them, managers create, change and delete. */
export const cannedRepliesRouter = router({
  list: orgProcedure
    .input(listCannedRepliesInput)
    .query(({ ctx, input }) => cannedRepliesOf(ctx.db, workspaceActor(ctx), input)),
  create: orgProcedure
    .input(createCannedReplyInput)
    .mutation(({ ctx, input }) => createCannedReply(ctx.db, workspaceActor(ctx), input)),
  update: orgProcedure
    .input(updateCannedReplyInput)
    .mutation(({ ctx, input }) => updateCannedReply(ctx.db, workspaceActor(ctx), input)),
  delete: orgProcedure
    .input(cannedReplyIdInput)
    .mutation(({ ctx, input }) => deleteCannedReply(ctx.db, workspaceActor(ctx), input.cannedReplyId)),
});
