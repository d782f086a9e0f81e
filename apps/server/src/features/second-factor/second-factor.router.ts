import { confirmTotpInput, disableTotpInput, secondFactorProofInput } from '@perch/shared';
import { authedProcedure, router } from '../../trpc/init.ts';
import {
  beginEnrolment,
  confirmEnrolment,
  disableSecondFactor,
  proofOf,
  regenerateRecoveryCodes,
  secondFactorStatus,
} from './second-factor.service.ts';

const actor = (ctx: { user: { id: string }; ip: string | null; config: { secretKey: Buffer } }) => ({
  userId: ctx.user.id,
  ip: ctx.ip,
  secretKey: ctx.config.secretKey,
});

/** The signed-in user's own second factor (S15): status, enrolment, recovery codes, turning it off. */
export const totpRouter = router({
  status: authedProcedure.query(({ ctx }) => secondFactorStatus(ctx.db, ctx.user.id)),

  begin: authedProcedure.mutation(({ ctx }) => beginEnrolment(ctx.db, actor(ctx))),

  confirm: authedProcedure
    .input(confirmTotpInput)
    .mutation(({ ctx, input }) => confirmEnrolment(ctx.db, actor(ctx), input.code)),

  disable: authedProcedure
    .input(disableTotpInput)
    .mutation(({ ctx, input }) =>
      disableSecondFactor(ctx.db, actor(ctx), { password: input.password, ...proofOf(input) }),
    ),

  regenerateRecoveryCodes: authedProcedure
    .input(secondFactorProofInput)
    .mutation(({ ctx, input }) => regenerateRecoveryCodes(ctx.db, actor(ctx), proofOf(input))),
});
