import { orgInput, setRequireTotpInput } from '@perch/shared';
import { orgActor, orgProcedure, router } from '../../trpc/init.ts';
import { lacksRequiredSecondFactor } from '../second-factor/second-factor.repository.ts';
import { organizationSecondFactor, setOrganizationRequirement } from '../second-factor/second-factor.service.ts';

export const organizationsRouter = router({
  /** Open to a member the second-factor requirement refuses elsewhere, so the web can say why (S15). */
  get: orgProcedure.input(orgInput).query(async ({ ctx }) => {
    const org = await ctx.db.organization.findUniqueOrThrow({
      where: { id: ctx.member.organizationId },
      select: { id: true, name: true, slug: true, currency: true, requireTotp: true },
    });
    const mustSetUpSecondFactor = await lacksRequiredSecondFactor(
      ctx.db,
      ctx.member.organizationId,
      ctx.user.id,
      ctx.member.role,
    );
    return { ...org, myRole: ctx.member.role, myMembershipId: ctx.member.membershipId, mustSetUpSecondFactor };
  }),

  /** Whether owners and billing admins must use two-step sign-in, and who has not set it up yet. */
  secondFactor: orgProcedure
    .input(orgInput)
    .query(({ ctx }) => organizationSecondFactor(ctx.db, ctx.member.organizationId)),

  setRequireTotp: orgProcedure
    .input(setRequireTotpInput)
    .mutation(({ ctx, input }) => setOrganizationRequirement(ctx.db, orgActor(ctx), input.requireTotp)),
});
