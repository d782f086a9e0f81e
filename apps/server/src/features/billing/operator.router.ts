import { markInvoicePaidInput, operatorInvoicesInput } from '@perch/shared';
import { operatorProcedure, router } from '../../trpc/init.ts';
import { allInvoices } from './invoices.repository.ts';
import { markInvoicePaid } from './invoicing.service.ts';

/** The platform operator's console (docs/billing.md, "Operator"): Perch's staff only; anyone else hears NOT_FOUND. */
export const operatorRouter = router({
  invoices: operatorProcedure
    .input(operatorInvoicesInput)
    .query(({ ctx, input }) => allInvoices(ctx.db, input.status, input.cursor)),
  markInvoicePaid: operatorProcedure
    .input(markInvoicePaidInput)
    .mutation(({ ctx, input }) => markInvoicePaid(ctx.db, { userId: ctx.user.id, ip: ctx.ip }, input.invoiceId)),
});
