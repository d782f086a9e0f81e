import { orgProcedure, router } from '../../trpc/init.ts';
import { workspaceActor } from '../teams/workspace-actor.ts';
import { createReportInput, listReportsInput, reportIdInput, updateReportInput } from './reports.schemas.ts';
import { createReport, deleteReport, reportsOf, sendReportNow, updateReport } from './reports.service.ts';

/** Scheduled reports (docs/reports.md): managers list, create, change, delete and send them now. */
export const reportsRouter = router({
  list: orgProcedure.input(listReportsInput).query(({ ctx }) => reportsOf(ctx.db, workspaceActor(ctx))),
  create: orgProcedure
    .input(createReportInput)
    .mutation(({ ctx, input }) => createReport(ctx.db, workspaceActor(ctx), input)),
  update: orgProcedure
    .input(updateReportInput)
    .mutation(({ ctx, input }) => updateReport(ctx.db, workspaceActor(ctx), input)),
  delete: orgProcedure
    .input(reportIdInput)
    .mutation(({ ctx, input }) => deleteReport(ctx.db, workspaceActor(ctx), input.reportId)),
  sendNow: orgProcedure
    .input(reportIdInput)
    .mutation(({ ctx, input }) => sendReportNow(ctx.db, workspaceActor(ctx), input.reportId)),
});
