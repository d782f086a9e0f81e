import { WORKING_ROLES, type AssignmentMode } from '@perch/shared';
import type { DbOrTx, Tx } from '../../db/database.ts';
import { Prisma } from '../../generated/prisma/client.ts';

/** The organization's brands (within `brandIds` when the member is limited to some), with their routing mode. */
export function brandModes(db: DbOrTx, organizationId: string, brandIds: readonly string[]) {
  return db.brand.findMany({
    where: { organizationId, ...(brandIds.length > 0 ? { id: { in: [...brandIds] } } : {}) },
    select: { id: true, name: true, assignmentMode: true },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    take: 1000,
  });
}

export function findBrandMode(db: DbOrTx, organizationId: string, brandId: string) {
  return db.brand.findFirst({ where: { id: brandId, organizationId }, select: { id: true, assignmentMode: true } });
}

export function setBrandMode(tx: Tx, organizationId: string, brandId: string, mode: AssignmentMode) {
  return tx.brand.update({
    where: { id: brandId, organizationId },
    data: { assignmentMode: mode },
    select: { id: true },
  });
}

/** Of these brands (null: all of the organization's), those that route automatically. */
export function autoRoutedBrands(db: DbOrTx, organizationId: string, brandIds: readonly string[] | null) {
  return db.brand.findMany({
    where: { organizationId, ...(brandIds ? { id: { in: [...brandIds] } } : {}), assignmentMode: { not: 'manual' } },
    select: { id: true },
    take: 1000,
  });
}

/** One routing run per brand at a time; released at COMMIT or ROLLBACK. */
export async function lockBrandRouting(tx: Tx, brandId: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`routing:${brandId}`}, 0))`;
}

const servesBrand = (brandId: string) => ({
  OR: [{ brandIds: { isEmpty: true } }, { brandIds: { has: brandId } }],
});

/**
 * Online members with a working role who may work the brand and belong to a team serving it, locked (FOR UPDATE,
 * in id order): two runs of different brands sharing an agent take turns, so neither counts a stale load.
 */
export async function lockCandidates(tx: Tx, organizationId: string, brandId: string) {
  const members = await tx.membership.findMany({
    where: {
      organizationId,
      role: { in: [...WORKING_ROLES] },
      availability: 'online',
      ...servesBrand(brandId),
      teamMemberships: { some: { team: servesBrand(brandId) } },
    },
    select: {
      id: true,
      userId: true,
      capacity: true,
      lastAssignedAt: true,
      teamMemberships: { select: { teamId: true } },
    },
    orderBy: { id: 'asc' },
    take: 1000,
  });
  if (members.length > 0) {
    const ids = members.map((m) => m.id);
    await tx.$queryRaw`SELECT id FROM "Membership" WHERE id = ANY(${ids}::uuid[]) ORDER BY id FOR UPDATE`;
  }
  return members;
}

export interface WaitingConversation {
  id: string;
  teamId: string | null;
}

/**
 * Unassigned new/open conversations of the brand in "get next" order, locked; SKIP LOCKED so a conversation an
 * agent is acting on right now is left for the next run rather than waited for. FOR NO KEY UPDATE, as every lock
 * on a conversation (conversations.repository.ts, lockConversations): FOR UPDATE also skipped a conversation that
 * an open transaction had just given an event or a metric fact.
 */
export function lockWaiting(tx: Tx, organizationId: string, brandId: string, exclude: string[], limit: number) {
  const notSeen = exclude.length > 0 ? Prisma.sql`AND id <> ALL(${exclude}::uuid[])` : Prisma.empty;
  return tx.$queryRaw<WaitingConversation[]>`
    SELECT id, "teamId" FROM "Conversation"
    WHERE "organizationId" = ${organizationId}::uuid AND "brandId" = ${brandId}::uuid
      AND status IN ('new', 'open') AND "assigneeUserId" IS NULL ${notSeen}
    ORDER BY priority, "slaDueAt" NULLS LAST, "waitingSince" NULLS LAST, id
    LIMIT ${limit}
    FOR NO KEY UPDATE SKIP LOCKED`;
}

/** Assigns a locked, still unassigned conversation (the version moves on like any other change). */
export async function assignConversation(tx: Tx, organizationId: string, id: string, userId: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    UPDATE "Conversation" SET "assigneeUserId" = ${userId}::uuid, version = version + 1, "updatedAt" = now()
    WHERE "organizationId" = ${organizationId}::uuid AND id = ${id}::uuid AND "assigneeUserId" IS NULL
    RETURNING id`;
  return rows.length === 1;
}

export async function writeAssignments(
  tx: Tx,
  organizationId: string,
  brandId: string,
  mode: AssignmentMode,
  assignments: { conversationId: string; userId: string }[],
) {
  if (assignments.length === 0) return;
  await tx.conversationEvent.createMany({
    data: assignments.map((a) => ({
      organizationId,
      conversationId: a.conversationId,
      brandId,
      type: 'assigned',
      actorUserId: null,
      // `assigneeUserId`/`previousUserId` as a manual assignment writes them (timeline, last change).
      data: { assigneeUserId: a.userId, previousUserId: null, to: a.userId, by: 'auto', mode },
    })),
  });
  await tx.notification.createMany({
    data: assignments.map((a) => ({
      organizationId,
      userId: a.userId,
      kind: 'assigned',
      conversationId: a.conversationId,
      actorUserId: null,
      data: { by: 'auto' },
    })),
  });
}

export function touchLastAssigned(tx: Tx, membershipId: string, at: Date) {
  return tx.membership.update({ where: { id: membershipId }, data: { lastAssignedAt: at }, select: { id: true } });
}
