import { SECOND_FACTOR_ROLES, type Role } from '@perch/shared';
import type { DbOrTx } from '../../db/database.ts';

/** A user's second-factor state (sealed secrets stay sealed here; the service opens them). */
export function findSecondFactorState(db: DbOrTx, userId: string) {
  return db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      passwordHash: true,
      passwordChangedAt: true,
      totpSecret: true,
      totpPendingSecret: true,
      totpEnabledAt: true,
      totpLastUsedStep: true,
    },
  });
}

export type SecondFactorState = NonNullable<Awaited<ReturnType<typeof findSecondFactorState>>>;

export function countUnusedRecoveryCodes(db: DbOrTx, userId: string) {
  return db.recoveryCode.count({ where: { userId, usedAt: null } });
}

export async function savePendingSecret(db: DbOrTx, userId: string, sealed: string) {
  await db.user.update({ where: { id: userId }, data: { totpPendingSecret: sealed }, select: { id: true } });
}

/** Turns the pending secret into the active one; `count` is 0 when another request confirmed first. */
export async function enableTotp(db: DbOrTx, userId: string, input: { sealed: string; step: number; now: Date }) {
  const { count } = await db.user.updateMany({
    where: { id: userId, totpEnabledAt: null, totpPendingSecret: { not: null } },
    data: { totpSecret: input.sealed, totpPendingSecret: null, totpEnabledAt: input.now, totpLastUsedStep: input.step },
  });
  return count;
}

export async function disableTotp(db: DbOrTx, userId: string) {
  await db.user.update({
    where: { id: userId },
    data: { totpSecret: null, totpPendingSecret: null, totpEnabledAt: null, totpLastUsedStep: null },
    select: { id: true },
  });
  await db.recoveryCode.deleteMany({ where: { userId } });
}

/**
 * Records `step` as the last accepted one, only if it is newer than the one stored: of two requests carrying the
 * same code at once, exactly one wins (no replay, even concurrently).
 */
export async function claimStep(db: DbOrTx, userId: string, step: number): Promise<boolean> {
  const { count } = await db.user.updateMany({
    where: {
      id: userId,
      totpEnabledAt: { not: null },
      OR: [{ totpLastUsedStep: null }, { totpLastUsedStep: { lt: step } }],
    },
    data: { totpLastUsedStep: step },
  });
  return count === 1;
}

/** Marks an unused recovery code as used; false when it is unknown or was used already (also concurrently). */
export async function useRecoveryCode(db: DbOrTx, userId: string, codeHash: string, now: Date): Promise<boolean> {
  const { count } = await db.recoveryCode.updateMany({
    where: { userId, codeHash, usedAt: null },
    data: { usedAt: now },
  });
  return count === 1;
}

/** Replaces every recovery code of the user (used or not) with new ones. */
export async function replaceRecoveryCodes(db: DbOrTx, userId: string, codeHashes: string[]) {
  await db.recoveryCode.deleteMany({ where: { userId } });
  await db.recoveryCode.createMany({ data: codeHashes.map((codeHash) => ({ userId, codeHash })) });
}

/**
 * True when the organization requires a second factor of `role` and the user has none (S15). Other roles answer
 * without a query: the check costs nothing on the agents' hot paths.
 */
export async function lacksRequiredSecondFactor(
  db: DbOrTx,
  organizationId: string,
  userId: string,
  role: Role,
): Promise<boolean> {
  if (!(SECOND_FACTOR_ROLES as readonly Role[]).includes(role)) return false;
  const missing = await db.organization.count({
    where: { id: organizationId, requireTotp: true, memberships: { some: { userId, user: { totpEnabledAt: null } } } },
  });
  return missing > 0;
}

export function findRequireTotp(db: DbOrTx, organizationId: string) {
  return db.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { requireTotp: true } });
}

export async function setRequireTotp(db: DbOrTx, organizationId: string, requireTotp: boolean) {
  await db.organization.update({ where: { id: organizationId }, data: { requireTotp }, select: { id: true } });
}

/** The members the requirement applies to who have no second factor yet (for the owners' settings page). */
export async function listMembersWithoutSecondFactor(db: DbOrTx, organizationId: string) {
  const rows = await db.membership.findMany({
    where: { organizationId, role: { in: [...SECOND_FACTOR_ROLES] }, user: { totpEnabledAt: null } },
    select: { id: true, role: true, user: { select: { name: true, email: true } } },
    orderBy: { user: { name: 'asc' } },
    take: 1000,
  });
  return rows.map((m) => ({ membershipId: m.id, role: m.role, name: m.user.name, email: m.user.email }));
}
