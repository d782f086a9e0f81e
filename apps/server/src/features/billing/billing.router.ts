import {
  billingOverviewInput,
  cancelSubscriptionInput,
  confirmPlanChangeInput,
  entitlementsInput,
  previewPlanChangeInput,
  reactivateSubscriptionInput,
  startTrialInput,
} from '@perch/shared';
import { orgActor, orgProcedure, router, type OrgContext } from '../../trpc/init.ts';
import {
  billingOverview,
  cancelSubscription,
  confirmPlanChange,
  entitlementsFor,
  previewPlanChange,
  reactivateSubscription,
  startTrial,
} from './billing.service.ts';

const deps = (ctx: OrgContext) => ({ db: ctx.db, bus: ctx.bus, queue: ctx.queue, secretKey: ctx.config.secretKey });
const actor = (ctx: OrgContext) => ({ ...orgActor(ctx), organizationId: ctx.member.organizationId });

/** Plans and subscriptions per brand (docs/billing.md). */
export const billingRouter = router({
  overview: orgProcedure
    .input(billingOverviewInput)
    .query(({ ctx }) => billingOverview(ctx.db, ctx.member.organizationId)),
  entitlements: orgProcedure.input(entitlementsInput).query(({ ctx }) => entitlementsFor(ctx.db, ctx.member)),
  previewChange: orgProcedure
    .input(previewPlanChangeInput)
    .query(({ ctx, input }) => previewPlanChange(deps(ctx), ctx.member.organizationId, input)),
  confirmChange: orgProcedure
    .input(confirmPlanChangeInput)
    .mutation(({ ctx, input }) => confirmPlanChange(deps(ctx), actor(ctx), input)),
  startTrial: orgProcedure
    .input(startTrialInput)
    .mutation(({ ctx, input }) => startTrial(deps(ctx), actor(ctx), input)),
  cancel: orgProcedure
    .input(cancelSubscriptionInput)
    .mutation(({ ctx, input }) => cancelSubscription(deps(ctx), actor(ctx), input)),
  reactivate: orgProcedure
    .input(reactivateSubscriptionInput)
    .mutation(({ ctx, input }) => reactivateSubscription(deps(ctx), actor(ctx), input)),
});
