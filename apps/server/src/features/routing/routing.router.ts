import { routingSettingsInput, setAssignmentModeInput } from '@perch/shared';
import { orgProcedure, router } from '../../trpc/init.ts';
import { workspaceActor } from '../teams/workspace-actor.ts';
import { routingSettingsOf, setModeFor } from './routing.service.ts';

/** Automatic assignment: each brand's mode (manual, round robin, least loaded). */
export const routingRouter = router({
  getSettings: orgProcedure
    .input(routingSettingsInput)
    .query(({ ctx }) => routingSettingsOf(ctx.db, workspaceActor(ctx))),
  setMode: orgProcedure
    .input(setAssignmentModeInput)
    .mutation(({ ctx, input }) => setModeFor({ db: ctx.db, queue: ctx.queue }, workspaceActor(ctx), input)),
});
