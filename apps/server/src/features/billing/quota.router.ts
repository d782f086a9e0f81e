import { heldCountsInput, heldMentionsInput } from '@perch/shared';
import { orgProcedure, router } from '../../trpc/init.ts';
import { heldCountsFor, heldMentions } from './quota.service.ts';

/** The monthly mention quota: mentions held over a Free quota (docs/billing.md, "Quotas: hold and warnings"). */
export const quotaRouter = router({
  held: orgProcedure.input(heldMentionsInput).query(({ ctx, input }) => heldMentions(ctx.db, ctx.member, input)),
  heldCounts: orgProcedure.input(heldCountsInput).query(({ ctx }) => heldCountsFor(ctx.db, ctx.member)),
});
