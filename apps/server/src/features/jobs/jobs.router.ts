import { deadJobInput, listDeadJobsInput, orgInput } from '@perch/shared';
import { orgActor, orgProcedure, router } from '../../trpc/init.ts';
import { countDeadJobs } from './jobs.repository.ts';
import { discardDeadJob, listDeadJobPage, retryDeadJob } from './jobs.service.ts';

/** Failed jobs (dead letters): owners, admins and managers see them; owners and admins retry or discard them. */
export const jobsRouter = router({
  listDead: orgProcedure
    .input(listDeadJobsInput)
    .query(({ ctx, input }) => listDeadJobPage(ctx.db, ctx.member.organizationId, input)),
  countDead: orgProcedure
    .input(orgInput)
    .query(async ({ ctx }) => ({ count: await countDeadJobs(ctx.db, ctx.member.organizationId) })),
  retryDead: orgProcedure
    .input(deadJobInput)
    .mutation(({ ctx, input }) => retryDeadJob(ctx.db, ctx.queue, orgActor(ctx), input.jobId)),
  discardDead: orgProcedure
    .input(deadJobInput)
    .mutation(({ ctx, input }) => discardDeadJob(ctx.db, orgActor(ctx), input.jobId)),
});
