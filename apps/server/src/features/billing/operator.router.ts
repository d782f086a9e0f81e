import {
  compPlanInput,
  endCompInput,
  markInvoicePaidInput,
  operatorInvoicesInput,
  operatorOrganizationsInput,
  updatePlanInput,
} from '@perch/shared';
import type { Context } from '../../trpc/context.ts';
import { operatorProcedure, router } from '../../trpc/init.ts';
import { allInvoices } from './invoices.repository.ts';
import { markInvoicePaid } from './invoicing.service.ts';
import { catalogPlans, updatePlan } from './operator/catalog.service.ts';
import { compPlan, endComp } from './operator/comps.service.ts';
import { operatorOrganizations } from './operator/organizations.repository.ts';

const deps = (ctx: Context) => ({ db: ctx.db, bus: ctx.bus, queue: ctx.queue });
const actor = (ctx: Context & { user: { id: string } }) => ({ userId: ctx.user.id, ip: ctx.ip });

/** The platform operator's console (docs/billing.md, "Operator"): Perch's staff only; anyone else hears NOT_FOUND. */
export const operatorRouter = router({
  plans: operatorProcedure.query(({ ctx }) => catalogPlans(ctx.db)),
  updatePlan: operatorProcedure
    .input(updatePlanInput)
    .mutation(({ ctx, input }) => updatePlan(deps(ctx), actor(ctx), input)),
  organizations: operatorProcedure
    .input(operatorOrganizationsInput)
    .query(({ ctx, input }) => operatorOrganizations(ctx.db, input)),
  compPlan: operatorProcedure.input(compPlanInput).mutation(({ ctx, input }) => compPlan(deps(ctx), actor(ctx), input)),
  endComp: operatorProcedure.input(endCompInput).mutation(({ ctx, input }) => endComp(deps(ctx), actor(ctx), input)),
  invoices: operatorProcedure
    .input(operatorInvoicesInput)
    .query(({ ctx, input }) => allInvoices(ctx.db, input.status, input.cursor)),
  markInvoicePaid: operatorProcedure
    .input(markInvoicePaidInput)
    .mutation(({ ctx, input }) => markInvoicePaid(ctx.db, { userId: ctx.user.id, ip: ctx.ip }, input.invoiceId)),
});
