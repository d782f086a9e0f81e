import { seatsUsed } from '../billing/billing.repository.ts';
import { organizationSeats } from '../billing/entitlements.ts';
import { WORKING_ROLES, type Role } from '@perch/shared';
import type { Db } from '../../db/database.ts';
import { DomainError, notFound } from '../../lib/errors.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { assertAcceptablePassword, hashPassword, verifyPassword } from '../auth/password.ts';
import { createSession } from '../auth/session.repository.ts';
import { hashToken, newToken } from '../auth/tokens.ts';
import { assertOwnBrands } from '../brands/brands.service.ts';
import type { OrgActor } from '../members/members.service.ts';

export const INVITATION_TTL_MS = 7 * 24 * 3600_000;

export function inviteMember(
  db: Db,
  actor: OrgActor,
  input: { email: string; role: Role; brandIds: string[] },
  publicUrl: string,
) {
  if (input.role === 'owner' && actor.role !== 'owner') {
    throw new DomainError('FORBIDDEN', 'Only an owner can invite an owner');
  }
  return db.$transaction(async (tx) => {
    await assertOwnBrands(tx, actor.organizationId, input.brandIds);
    const existing = await tx.membership.findFirst({
      where: { organizationId: actor.organizationId, user: { email: input.email } },
      select: { id: true },
    });
    if (existing) throw new DomainError('ALREADY_MEMBER', 'This person is already a member');
    // A new invitation to the same address replaces any pending one: only the latest link works.
    await tx.invitation.updateMany({
      where: { organizationId: actor.organizationId, email: input.email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    // Seats (docs/billing.md): a working role needs a free seat in the organization's pool.
    if ((WORKING_ROLES as readonly Role[]).includes(input.role)) {
      const [used, seats] = await Promise.all([
        seatsUsed(tx, actor.organizationId),
        organizationSeats(tx, actor.organizationId),
      ]);
      if (used >= seats) {
        throw new DomainError(
          'PAYMENT_REQUIRED',
          `All ${seats} seats are taken (members and pending invitations): add seats or upgrade a brand's plan, or invite a billing admin (who takes no seat)`,
          { feature: 'seats', seats, used },
        );
      }
    }
    const token = newToken();
    const invitation = await tx.invitation.create({
      data: {
        organizationId: actor.organizationId,
        email: input.email,
        role: input.role,
        brandIds: input.brandIds,
        tokenHash: hashToken(token),
        invitedByUserId: actor.userId,
        expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
      },
      select: { id: true, email: true, role: true, expiresAt: true },
    });
    await writeAudit(tx, actor, {
      action: 'members.invite',
      targetType: 'invitation',
      targetId: invitation.id,
      after: { email: input.email, role: input.role, brandIds: input.brandIds },
    });
    // The link is shown once to the inviter (to send by their own means); only its hash is stored.
    return { ...invitation, acceptUrl: `${publicUrl}/invite/${token}` };
  });
}

export function listInvitations(db: Db, organizationId: string) {
  return db.invitation.findMany({
    where: { organizationId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    select: { id: true, email: true, role: true, brandIds: true, expiresAt: true, createdAt: true },
    orderBy: { createdAt: 'desc' },
    take: 500,
  });
}

export function revokeInvitation(db: Db, actor: OrgActor, invitationId: string) {
  return db.$transaction(async (tx) => {
    const { count } = await tx.invitation.updateMany({
      where: { id: invitationId, organizationId: actor.organizationId, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count === 0) throw notFound('Invitation');
    await writeAudit(tx, actor, { action: 'invitations.revoke', targetType: 'invitation', targetId: invitationId });
    return { ok: true as const };
  });
}

async function usableInvitation(db: Db, token: string) {
  const invitation = await db.invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      email: true,
      role: true,
      brandIds: true,
      expiresAt: true,
      acceptedAt: true,
      revokedAt: true,
      organization: { select: { id: true, name: true } },
    },
  });
  if (!invitation || invitation.revokedAt)
    throw new DomainError('INVITATION_INVALID', 'This invitation link is not valid');
  if (invitation.acceptedAt) throw new DomainError('INVITATION_USED', 'This invitation has already been used');
  if (invitation.expiresAt.getTime() <= Date.now()) {
    throw new DomainError('INVITATION_EXPIRED', 'This invitation has expired: ask for a new one');
  }
  return invitation;
}

export async function previewInvitation(db: Db, token: string) {
  const invitation = await usableInvitation(db, token);
  const account = await db.user.findUnique({ where: { email: invitation.email }, select: { id: true } });
  return {
    organizationName: invitation.organization.name,
    email: invitation.email,
    role: invitation.role,
    expiresAt: invitation.expiresAt,
    accountExists: Boolean(account),
  };
}

/**
 * Accepts an invitation: creates the account (name + password) or links the existing account of the invited
 * email (its password proves the address), adds the membership, marks the token used, and signs in. The token
 * is claimed with a conditional update inside the transaction, so two concurrent accepts cannot both succeed.
 */
export async function acceptInvitation(
  db: Db,
  input: {
    token: string;
    name?: string | undefined;
    password: string;
    ip: string | null;
    userAgent: string | null;
    ttlMs: number;
  },
) {
  const invitation = await usableInvitation(db, input.token);
  const existing = await db.user.findUnique({
    where: { email: invitation.email },
    select: { id: true, passwordHash: true },
  });
  let newPasswordHash: string | null = null;
  if (existing) {
    if (!(await verifyPassword(existing.passwordHash, input.password))) {
      throw new DomainError('INVALID_CREDENTIALS', 'The password of the existing account is incorrect');
    }
  } else {
    if (!input.name) throw new DomainError('VALIDATION', 'Your name is required');
    assertAcceptablePassword(input.password, { email: invitation.email, name: input.name });
    newPasswordHash = await hashPassword(input.password);
  }
  return db.$transaction(async (tx) => {
    const claimed = await tx.invitation.updateMany({
      where: { id: invitation.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
      data: { acceptedAt: new Date() },
    });
    if (claimed.count !== 1) throw new DomainError('INVITATION_USED', 'This invitation has already been used');
    const userId =
      existing?.id ??
      (
        await tx.user.create({
          data: { email: invitation.email, name: input.name!, passwordHash: newPasswordHash!, locale: 'en' },
          select: { id: true },
        })
      ).id;
    const already = await tx.membership.findUnique({
      where: { organizationId_userId: { organizationId: invitation.organization.id, userId } },
      select: { id: true },
    });
    if (already) throw new DomainError('ALREADY_MEMBER', 'You are already a member of this organization');
    const membership = await tx.membership.create({
      data: {
        organizationId: invitation.organization.id,
        userId,
        role: invitation.role,
        brandIds: invitation.brandIds,
      },
      select: { id: true },
    });
    const session = await createSession(tx, { userId, ip: input.ip, userAgent: input.userAgent, ttlMs: input.ttlMs });
    await writeAudit(
      tx,
      { userId, organizationId: invitation.organization.id, ip: input.ip },
      {
        action: 'invitations.accept',
        targetType: 'membership',
        targetId: membership.id,
        after: { email: invitation.email, role: invitation.role, newAccount: !existing },
      },
    );
    return { organizationId: invitation.organization.id, session };
  });
}
