import { createTagInput, listTagsInput, tagIdInput, updateTagInput } from '@perch/shared';
import { announced } from '../../live/workspace-events.ts';
import { orgProcedure, router } from '../../trpc/init.ts';
import { workspaceActor } from '../teams/workspace-actor.ts';
import { createTagFor, deleteTagFor, tagsOf, tagUsage, updateTagFor } from './tags.service.ts';

/** Brand tags: every worker reads them; managers create, rename, recolour and delete them (announced live). */
export const tagsRouter = router({
  list: orgProcedure.input(listTagsInput).query(({ ctx, input }) => tagsOf(ctx.db, workspaceActor(ctx), input.brandId)),
  usage: orgProcedure.input(tagIdInput).query(({ ctx, input }) => tagUsage(ctx.db, workspaceActor(ctx), input.tagId)),
  create: orgProcedure
    .input(createTagInput)
    .mutation(({ ctx, input }) =>
      announced(ctx, 'tags.changed', createTagFor(ctx.db, workspaceActor(ctx), input), (tag) => tag.brandId),
    ),
  update: orgProcedure
    .input(updateTagInput)
    .mutation(({ ctx, input }) =>
      announced(ctx, 'tags.changed', updateTagFor(ctx.db, workspaceActor(ctx), input), (tag) => tag.brandId),
    ),
  delete: orgProcedure
    .input(tagIdInput)
    .mutation(({ ctx, input }) => deleteTagFor(ctx.db, ctx.bus, workspaceActor(ctx), input.tagId)),
});
