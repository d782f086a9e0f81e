import { createBrandInput, orgInput, updateBrandInput } from '@perch/shared';
import { orgActor, orgProcedure, router } from '../../trpc/init.ts';
import { listBrands } from './brands.repository.ts';
import { createBrandFor, updateBrandFor } from './brands.service.ts';

export const brandsRouter = router({
  /** A member limited to some brands sees only those. */
  list: orgProcedure
    .input(orgInput)
    .query(({ ctx }) => listBrands(ctx.db, ctx.member.organizationId, ctx.member.brandIds)),
  create: orgProcedure
    .input(createBrandInput)
    .mutation(({ ctx, input }) => createBrandFor(ctx.db, orgActor(ctx), input)),
  update: orgProcedure
    .input(updateBrandInput)
    .mutation(({ ctx, input }) => updateBrandFor(ctx.db, ctx.queue, orgActor(ctx), input)),
});
