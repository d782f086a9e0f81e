import { changeRoleInput, inviteMemberInput, orgInput, removeMemberInput } from '@perch/shared';
import { orgActor, orgProcedure, router } from '../../trpc/init.ts';
import { inviteMember } from '../invitations/invitations.service.ts';
import { listMembers } from './members.repository.ts';
import { changeRole, removeMember } from './members.service.ts';

export const membersRouter = router({
  list: orgProcedure.input(orgInput).query(({ ctx }) => listMembers(ctx.db, ctx.member.organizationId)),
  invite: orgProcedure
    .input(inviteMemberInput)
    .mutation(({ ctx, input }) => inviteMember(ctx.db, orgActor(ctx), input, ctx.config.publicUrl)),
  changeRole: orgProcedure
    .input(changeRoleInput)
    .mutation(({ ctx, input }) => changeRole(ctx.db, orgActor(ctx), input)),
  remove: orgProcedure
    .input(removeMemberInput)
    .mutation(({ ctx, input }) => removeMember(ctx.db, orgActor(ctx), input.membershipId)),
});
