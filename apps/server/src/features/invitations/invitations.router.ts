import { acceptInvitationInput, invitationTokenInput, orgInput, revokeInvitationInput } from '@perch/shared';
import { orgActor, orgProcedure, publicProcedure, router } from '../../trpc/init.ts';
import { acceptInvitation, listInvitations, previewInvitation, revokeInvitation } from './invitations.service.ts';

export const invitationsRouter = router({
  preview: publicProcedure
    .input(invitationTokenInput)
    .query(({ ctx, input }) => previewInvitation(ctx.db, input.token)),
  accept: publicProcedure.input(acceptInvitationInput).mutation(async ({ ctx, input }) => {
    const result = await acceptInvitation(ctx.db, {
      ...input,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      ttlMs: ctx.config.sessionTtlMs,
    });
    ctx.cookies.set(result.session.token, result.session.expiresAt);
    return { organizationId: result.organizationId };
  }),
  list: orgProcedure.input(orgInput).query(({ ctx }) => listInvitations(ctx.db, ctx.member.organizationId)),
  revoke: orgProcedure
    .input(revokeInvitationInput)
    .mutation(({ ctx, input }) => revokeInvitation(ctx.db, orgActor(ctx), input.invitationId)),
});
