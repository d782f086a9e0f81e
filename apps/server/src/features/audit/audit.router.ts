import { auditListInput } from '@perch/shared';
import { orgProcedure, router } from '../../trpc/init.ts';
import { listAudit } from './audit.repository.ts';

export const auditRouter = router({
  list: orgProcedure
    .input(auditListInput)
    .query(({ ctx, input }) => listAudit(ctx.db, ctx.member.organizationId, input)),
});
