import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorCode, Role } from '@perch/shared';
import type { DbOrTx } from '../db/database.ts';
import { recordDenial } from '../features/audit/audit.repository.ts';
import { findSessionByToken } from '../features/auth/session.repository.ts';
import { findMembership } from '../features/members/members.repository.ts';
import { lacksRequiredSecondFactor } from '../features/second-factor/second-factor.repository.ts';

/**
 * The checks every plain HTTP route of an organization makes, in the order the tRPC organization procedures make
 * them (docs/security.md): a session (401) → membership of the organization (404, so another tenant's resource
 * is indistinguishable from a missing one) → the route's roles (403, audited) → the organization's second-factor
 * requirement (403, audited). Cross-site checks differ by route (a download reads Sec-Fetch-Site, an upload has
 * the CSRF hook) and come before.
 */

export interface MemberRouteAccess {
  userId: string;
  membership: NonNullable<Awaited<ReturnType<typeof findMembership>>>;
}

export interface MemberRouteRules {
  sessionCookieName: string;
  /** Null when the request named no valid organization id: answered like a foreign one. */
  organizationId: string | null;
  allowed: readonly Role[];
  /** The audit action recorded with a denial. */
  action: string;
  /** The 404 message (e.g. "Invoice not found"). */
  notFound: string;
}

/** The caller's access, or null once the refusal has been sent (the handler then returns `reply`). */
export async function authorizeMember(
  db: DbOrTx,
  req: FastifyRequest,
  reply: FastifyReply,
  rules: MemberRouteRules,
): Promise<MemberRouteAccess | null> {
  const token = req.cookies[rules.sessionCookieName];
  const session = token ? await findSessionByToken(db, token) : null;
  if (!session) {
    sendFailure(reply, 401, 'UNAUTHENTICATED', 'Please sign in');
    return null;
  }
  const { organizationId } = rules;
  const membership = organizationId ? await findMembership(db, organizationId, session.user.id) : null;
  if (!organizationId || !membership) {
    sendFailure(reply, 404, 'NOT_FOUND', rules.notFound);
    return null;
  }
  const denied = !rules.allowed.includes(membership.role);
  if (denied || (await lacksRequiredSecondFactor(db, organizationId, session.user.id, membership.role))) {
    await recordDenial(db, { organizationId, actorUserId: session.user.id, action: rules.action, ip: req.ip });
    req.log.warn({ organizationId, userId: session.user.id, role: membership.role, action: rules.action }, 'denied');
    if (denied) sendFailure(reply, 403, 'FORBIDDEN', 'Your role does not allow this');
    else sendFailure(reply, 403, 'SECOND_FACTOR_REQUIRED', 'This organization requires two-step sign-in for your role');
    return null;
  }
  return { userId: session.user.id, membership };
}

/** A download's own-site check: a request the browser marks cross-site or same-site is refused (403). */
export function refuseCrossSiteDownload(req: FastifyRequest, reply: FastifyReply): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site === undefined || site === 'same-origin' || site === 'none') return false;
  req.log.warn({ site, url: req.url }, 'csrf: download refused');
  sendFailure(reply, 403, 'CSRF', 'Request refused: cross-site request');
  return true;
}

/** The JSON error shape of Perch's plain HTTP routes (the same as the API's). */
export function sendFailure(
  reply: FastifyReply,
  status: number,
  perchCode: ErrorCode,
  message: string,
  extra: { fieldErrors?: Record<string, string[] | undefined> } = {},
) {
  return reply.code(status).send({ error: { message, perchCode, ...extra } });
}
