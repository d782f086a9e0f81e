import {
  changePasswordInput,
  revokeSessionInput,
  signInInput,
  updateProfileInput,
  verifySecondFactorInput,
} from '@perch/shared';
import { DomainError } from '../../lib/errors.ts';
import { authedProcedure, publicProcedure, router } from '../../trpc/init.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { listMyMemberships } from '../members/members.repository.ts';
import { completeSignIn, proofOf } from '../second-factor/second-factor.service.ts';
import { changePassword, signIn } from './auth.service.ts';
import { listActiveSessions, revokeSession } from './session.repository.ts';

export const authRouter = router({
  /** The signed-in user and their organizations, or null. */
  me: publicProcedure.query(async ({ ctx }) => {
    if (!ctx.session) return null;
    const memberships = await listMyMemberships(ctx.db, ctx.session.user.id);
    return { user: ctx.session.user, memberships };
  }),

  /** `ok: false` with a challenge when the account has a second factor: then `verifySecondFactor`. */
  signIn: publicProcedure.input(signInInput).mutation(async ({ ctx, input }) => {
    const result = await signIn(ctx.db, {
      ...input,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      ttlMs: ctx.config.sessionTtlMs,
      secretKey: ctx.config.secretKey,
    });
    if (result.kind === 'second_factor') {
      return { ok: false as const, secondFactor: { challenge: result.challenge, expiresAt: result.expiresAt } };
    }
    ctx.cookies.set(result.session.token, result.session.expiresAt);
    return { ok: true as const };
  }),

  /** The second step of a sign-in: the challenge and a code (or a recovery code) make the session. */
  verifySecondFactor: publicProcedure.input(verifySecondFactorInput).mutation(async ({ ctx, input }) => {
    const session = await completeSignIn(ctx.db, {
      challenge: input.challenge,
      proof: proofOf(input),
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      ttlMs: ctx.config.sessionTtlMs,
      secretKey: ctx.config.secretKey,
    });
    ctx.cookies.set(session.token, session.expiresAt);
    return { ok: true as const };
  }),

  signOut: authedProcedure.mutation(async ({ ctx }) => {
    await ctx.db.$transaction(async (tx) => {
      await revokeSession(tx, ctx.user.id, ctx.session.id);
      await writeAudit(
        tx,
        { userId: ctx.user.id, organizationId: null, ip: ctx.ip },
        {
          action: 'auth.signOut',
          targetType: 'session',
          targetId: ctx.session.id,
        },
      );
    });
    ctx.cookies.clear();
    return { ok: true as const };
  }),

  changePassword: authedProcedure
    .input(changePasswordInput)
    .mutation(({ ctx, input }) =>
      changePassword(ctx.db, { ...input, userId: ctx.user.id, sessionId: ctx.session.id, ip: ctx.ip }),
    ),

  updateProfile: authedProcedure.input(updateProfileInput).mutation(({ ctx, input }) =>
    ctx.db.$transaction(async (tx) => {
      const user = await tx.user.update({
        where: { id: ctx.user.id },
        data: input,
        select: { id: true, name: true, locale: true },
      });
      await writeAudit(
        tx,
        { userId: ctx.user.id, organizationId: null, ip: ctx.ip },
        {
          action: 'auth.updateProfile',
          targetType: 'user',
          targetId: ctx.user.id,
          before: { name: ctx.user.name, locale: ctx.user.locale },
          after: input,
        },
      );
      return user;
    }),
  ),
});

export const sessionsRouter = router({
  list: authedProcedure.query(async ({ ctx }) => {
    const sessions = await listActiveSessions(ctx.db, ctx.user.id);
    return sessions.map((s) => ({ ...s, current: s.id === ctx.session.id }));
  }),

  revoke: authedProcedure.input(revokeSessionInput).mutation(({ ctx, input }) =>
    ctx.db.$transaction(async (tx) => {
      const count = await revokeSession(tx, ctx.user.id, input.sessionId);
      // Another user's session id is indistinguishable from a missing one.
      if (count === 0) throw new DomainError('NOT_FOUND', 'Session not found');
      await writeAudit(
        tx,
        { userId: ctx.user.id, organizationId: null, ip: ctx.ip },
        {
          action: 'sessions.revoke',
          targetType: 'session',
          targetId: input.sessionId,
        },
      );
      if (input.sessionId === ctx.session.id) ctx.cookies.clear();
      return { ok: true as const };
    }),
  ),
});
