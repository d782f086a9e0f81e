import { orgInput } from '@perch/shared';
import { orgProcedure, router } from '../../trpc/init.ts';

export const organizationsRouter = router({
  get: orgProcedure.input(orgInput).query(async ({ ctx }) => {
    const org = await ctx.db.organization.findUniqueOrThrow({
      where: { id: ctx.member.organizationId },
      select: { id: true, name: true, slug: true, currency: true, requireTotp: true },
    });
    return { ...org, myRole: ctx.member.role, myMembershipId: ctx.member.membershipId };
  }),
});
