import { createTeamInput, listTeamsInput, setTeamMembersInput, teamIdInput, updateTeamInput } from '@perch/shared';
import { announced } from '../../live/workspace-events.ts';
import { orgProcedure, router } from '../../trpc/init.ts';
import { createTeamFor, deleteTeamFor, setTeamMembersFor, teamsOf, updateTeamFor } from './teams.service.ts';
import { workspaceActor } from './workspace-actor.ts';

/** Teams (members, and the brands they serve): every worker reads them; managers manage them (announced live). */
export const teamsRouter = router({
  list: orgProcedure.input(listTeamsInput).query(({ ctx }) => teamsOf(ctx.db, workspaceActor(ctx))),
  create: orgProcedure
    .input(createTeamInput)
    .mutation(({ ctx, input }) => announced(ctx, 'teams.changed', createTeamFor(ctx.db, workspaceActor(ctx), input))),
  update: orgProcedure
    .input(updateTeamInput)
    .mutation(({ ctx, input }) => announced(ctx, 'teams.changed', updateTeamFor(ctx.db, workspaceActor(ctx), input))),
  delete: orgProcedure
    .input(teamIdInput)
    .mutation(({ ctx, input }) =>
      announced(ctx, 'teams.changed', deleteTeamFor(ctx.db, workspaceActor(ctx), input.teamId)),
    ),
  setMembers: orgProcedure
    .input(setTeamMembersInput)
    .mutation(({ ctx, input }) =>
      announced(ctx, 'teams.changed', setTeamMembersFor(ctx.db, workspaceActor(ctx), input)),
    ),
});
