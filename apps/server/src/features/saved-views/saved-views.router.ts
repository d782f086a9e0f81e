import {
  createSavedViewInput,
  listSavedViewsInput,
  reorderSavedViewsInput,
  savedViewIdInput,
  updateSavedViewInput,
} from '@perch/shared';
import { orgProcedure, router } from '../../trpc/init.ts';
import { workspaceActor } from '../teams/workspace-actor.ts';
import {
  createSavedViewFor,
  deleteSavedViewFor,
  reorderSavedViewsFor,
  savedViewsOf,
  updateSavedViewFor,
} from './saved-views.service.ts';

/** Saved inbox views: personal ones for everyone who works conversations; shared ones by managers. */
export const savedViewsRouter = router({
  list: orgProcedure.input(listSavedViewsInput).query(({ ctx }) => savedViewsOf(ctx.db, workspaceActor(ctx))),
  create: orgProcedure
    .input(createSavedViewInput)
    .mutation(({ ctx, input }) => createSavedViewFor(ctx.db, workspaceActor(ctx), input)),
  update: orgProcedure
    .input(updateSavedViewInput)
    .mutation(({ ctx, input }) => updateSavedViewFor(ctx.db, workspaceActor(ctx), input)),
  delete: orgProcedure
    .input(savedViewIdInput)
    .mutation(({ ctx, input }) => deleteSavedViewFor(ctx.db, workspaceActor(ctx), input.viewId)),
  reorder: orgProcedure
    .input(reorderSavedViewsInput)
    .mutation(({ ctx, input }) => reorderSavedViewsFor(ctx.db, workspaceActor(ctx), input)),
});
