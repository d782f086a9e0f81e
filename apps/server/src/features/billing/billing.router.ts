import {
  billingOverviewInput,
  cancelSubscriptionInput,
  confirmPlanChangeInput,
  entitlementsInput,
  invoiceInput,
  invoicesInput,
  previewPlanChangeInput,
  reactivateSubscriptionInput,
  startTrialInput,
  stripeCheckoutInput,
  stripePortalInput,
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
import { invoiceOf, invoicesOf } from './invoices.repository.ts';
import { openStripePortal, startStripeCheckout } from './stripe/stripe.service.ts';
import { notFound } from '../../lib/errors.ts';

const deps = (ctx: OrgContext) => ({ db: ctx.db, bus: ctx.bus, queue: ctx.queue, secretKey: ctx.config.secretKey });
const actor = (ctx: OrgContext) => ({ ...orgActor(ctx), organizationId: ctx.member.organizationId });

/** Plans and subscriptions per brand (docs/billing.md). */
export const billingRouter = router({
  overview: orgProcedure
    .input(billingOverviewInput)
    .query(({ ctx }) => billingOverview(ctx.db, ctx.member.organizationId, ctx.config.stripe !== null)),
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
  invoices: orgProcedure
    .input(invoicesInput)
    .query(({ ctx, input }) => invoicesOf(ctx.db, ctx.member.organizationId, input.cursor, 50)),
  invoice: orgProcedure.input(invoiceInput).query(async ({ ctx, input }) => {
    const invoice = await invoiceOf(ctx.db, ctx.member.organizationId, input.invoiceId);
    if (!invoice) throw notFound('Invoice');
    const { organizationId: _org, ...detail } = invoice;
    return detail;
  }),
  stripeCheckout: orgProcedure
    .input(stripeCheckoutInput)
    .mutation(({ ctx, input }) =>
      startStripeCheckout(
        { db: ctx.db, stripe: ctx.config.stripe, publicUrl: ctx.config.publicUrl },
        actor(ctx),
        input,
      ),
    ),
  stripePortal: orgProcedure
    .input(stripePortalInput)
    .mutation(({ ctx, input }) =>
      openStripePortal({ db: ctx.db, stripe: ctx.config.stripe, publicUrl: ctx.config.publicUrl }, actor(ctx), input),
    ),
  reactivate: orgProcedure
    .input(reactivateSubscriptionInput)
    .mutation(({ ctx, input }) => reactivateSubscription(deps(ctx), actor(ctx), input)),
});
