import { createTeamInput, listTeamsInput, setTeamMembersInput, teamIdInput, updateTeamInput } from '@perch/shared';
import { orgProcedure, router } from '../../trpc/init.ts';
import { createTeamFor, deleteTeamFor, setTeamMembersFor, teamsOf, updateTeamFor } from './teams.service.ts';
import { workspaceActor } from './workspace-actor.ts';

/** Teams (members, and the brands they serve): every worker reads them; managers manage them. */
export const teamsRouter = router({
  list: orgProcedure.input(listTeamsInput).query(({ ctx }) => teamsOf(ctx.db, workspaceActor(ctx))),
  create: orgProcedure
    .input(createTeamInput)
    .mutation(({ ctx, input }) => createTeamFor(ctx.db, workspaceActor(ctx), input)),
  update: orgProcedure
    .input(updateTeamInput)
    .mutation(({ ctx, input }) => updateTeamFor(ctx.db, workspaceActor(ctx), input)),
  delete: orgProcedure
    .input(teamIdInput)
    .mutation(({ ctx, input }) => deleteTeamFor(ctx.db, workspaceActor(ctx), input.teamId)),
  setMembers: orgProcedure
    .input(setTeamMembersInput)
    .mutation(({ ctx, input }) => setTeamMembersFor(ctx.db, workspaceActor(ctx), input)),
});
