import { initTRPC, TRPCError, type TRPC_ERROR_CODE_KEY } from '@trpc/server';
import { z } from 'zod';
import type { ErrorCode, Role } from '@perch/shared';
import { DomainError } from '../lib/errors.ts';
import { recordDenial } from '../features/audit/audit.repository.ts';
import { findMembership } from '../features/members/members.repository.ts';
import { checkGate } from '../features/billing/gates.ts';
import { lacksRequiredSecondFactor } from '../features/second-factor/second-factor.repository.ts';
import type { Context } from './context.ts';
import { accessFor } from './policy.ts';

const TRPC_CODE: Record<ErrorCode, TRPC_ERROR_CODE_KEY> = {
  UNAUTHENTICATED: 'UNAUTHORIZED',
  NOT_FOUND: 'NOT_FOUND',
  FORBIDDEN: 'FORBIDDEN',
  PAYMENT_REQUIRED: 'PAYMENT_REQUIRED',
  CONFLICT: 'CONFLICT',
  VALIDATION: 'BAD_REQUEST',
  INVALID_CREDENTIALS: 'UNAUTHORIZED',
  TOO_MANY_ATTEMPTS: 'TOO_MANY_REQUESTS',
  WEAK_PASSWORD: 'BAD_REQUEST',
  INVITATION_INVALID: 'NOT_FOUND',
  INVITATION_EXPIRED: 'BAD_REQUEST',
  INVITATION_USED: 'BAD_REQUEST',
  INVITATION_EMAIL_MISMATCH: 'BAD_REQUEST',
  LAST_OWNER: 'BAD_REQUEST',
  ALREADY_MEMBER: 'CONFLICT',
  CSRF: 'FORBIDDEN',
  INTERNAL: 'INTERNAL_SERVER_ERROR',
  SECOND_FACTOR_REQUIRED: 'FORBIDDEN',
  INVALID_CODE: 'BAD_REQUEST',
  SIGN_IN_EXPIRED: 'BAD_REQUEST',
};

const FROM_TRPC: Partial<Record<TRPC_ERROR_CODE_KEY, ErrorCode>> = {
  BAD_REQUEST: 'VALIDATION',
  PARSE_ERROR: 'VALIDATION',
  UNAUTHORIZED: 'UNAUTHENTICATED',
  NOT_FOUND: 'NOT_FOUND',
  FORBIDDEN: 'FORBIDDEN',
  CONFLICT: 'CONFLICT',
  TOO_MANY_REQUESTS: 'TOO_MANY_ATTEMPTS',
  PAYMENT_REQUIRED: 'PAYMENT_REQUIRED',
};

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const perchCode: ErrorCode = cause instanceof DomainError ? cause.code : (FROM_TRPC[error.code] ?? 'INTERNAL');
    const fieldErrors = cause instanceof z.ZodError ? z.flattenError(cause).fieldErrors : undefined;
    const internal = perchCode === 'INTERNAL';
    return {
      ...shape,
      // Unexpected errors never leak their message (it may carry SQL or paths).
      message: internal ? 'Something went wrong on our side' : shape.message,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        perchCode,
        fieldErrors,
        details: cause instanceof DomainError ? cause.details : undefined,
      },
    };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const mergeRouters = t.mergeRouters;

/** Maps domain errors to tRPC errors, once, for every procedure. */
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof DomainError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: TRPC_CODE[cause.code], message: cause.message, cause });
  }
  return result;
});

/** Refuses any procedure not listed in the policy matrix (fail closed). */
const listed = t.middleware(({ path, next }) => {
  if (!accessFor(path)) throw new TRPCError({ code: 'FORBIDDEN', message: `${path} is not in the policy matrix` });
  return next();
});

export const publicProcedure = t.procedure.use(domainErrors).use(listed);

export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.session) throw new DomainError('UNAUTHENTICATED', 'Please sign in');
  return next({ ctx: { ...ctx, session: ctx.session, user: ctx.session.user } });
});

export const operatorProcedure = authedProcedure.use(({ ctx, next }) => {
  if (!ctx.user.isPlatformOperator) throw new DomainError('NOT_FOUND', 'Not found');
  return next();
});

const orgIdSchema = z.object({ organizationId: z.uuid() });

export interface Member {
  membershipId: string;
  organizationId: string;
  role: Role;
  brandIds: string[];
}

/**
 * Organization procedures: the caller must be a member of `organizationId` (NOT_FOUND otherwise, so another
 * tenant's organization is indistinguishable from a missing one), holding a role the policy matrix allows for
 * this path (FORBIDDEN otherwise; the denial is audited), with the second factor the organization requires of
 * owners and billing admins (SECOND_FACTOR_REQUIRED, audited; `organizations.get` excepted, so the web can say
 * why), then on a plan that includes the feature the path needs, if any (PAYMENT_REQUIRED,
 * features/billing/gates.ts).
 */
export const orgProcedure = authedProcedure.input(orgIdSchema).use(async ({ ctx, path, getRawInput, next }) => {
  const raw = orgIdSchema.safeParse(await getRawInput());
  if (!raw.success) throw new DomainError('VALIDATION', 'organizationId must be an id');
  const { organizationId } = raw.data;
  const membership = await findMembership(ctx.db, organizationId, ctx.user.id);
  if (!membership) throw new DomainError('NOT_FOUND', 'Organization not found');
  const access = accessFor(path);
  if (!Array.isArray(access) || !access.includes(membership.role)) {
    await recordDenial(ctx.db, { organizationId, actorUserId: ctx.user.id, action: path, ip: ctx.ip });
    ctx.log.warn({ path, organizationId, userId: ctx.user.id, role: membership.role }, 'access denied');
    throw new DomainError('FORBIDDEN', 'Your role does not allow this');
  }
  if (
    path !== 'organizations.get' &&
    (await lacksRequiredSecondFactor(ctx.db, organizationId, ctx.user.id, membership.role))
  ) {
    await recordDenial(ctx.db, { organizationId, actorUserId: ctx.user.id, action: path, ip: ctx.ip });
    throw new DomainError(
      'SECOND_FACTOR_REQUIRED',
      'This organization requires two-step sign-in for your role: set it up in your profile first',
    );
  }
  const member: Member = {
    membershipId: membership.id,
    organizationId,
    role: membership.role,
    brandIds: membership.brandIds,
  };
  // Plan entitlements (PAYMENT_REQUIRED) after the role: the gate map names the feature and the brands.
  await checkGate(ctx.db, path, member, await getRawInput());
  return next({ ctx: { ...ctx, member } });
});

export type OrgContext = Context & { member: Member; user: NonNullable<Context['session']>['user'] };

/** The actor of an organization procedure, for services and audit rows. */
export function orgActor(ctx: { user: { id: string }; member: Member; ip: string | null }) {
  return { userId: ctx.user.id, organizationId: ctx.member.organizationId, ip: ctx.ip, role: ctx.member.role };
}
