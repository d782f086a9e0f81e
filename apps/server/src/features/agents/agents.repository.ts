import { WORKING_ROLES, type ConversationStatus } from '@perch/shared';
import type { DbOrTx } from '../../db/database.ts';

/** Unresolved: what counts against an agent's capacity. */
const OPEN_STATUSES: ConversationStatus[] = ['new', 'open', 'pending', 'snoozed'];

const agentSelect = {
  id: true,
  role: true,
  brandIds: true,
  availability: true,
  capacity: true,
  needsApproval: true,
  user: { select: { id: true, name: true, email: true } },
  teamMemberships: { select: { team: { select: { id: true, name: true } } } },
} as const;

/** Members with a role that works conversations, by name. */
export function listWorkingMembers(db: DbOrTx, organizationId: string) {
  return db.membership.findMany({
    where: { organizationId, role: { in: [...WORKING_ROLES] } },
    select: agentSelect,
    orderBy: [{ user: { name: 'asc' } }, { id: 'asc' }],
    take: 1000,
  });
}

export function getMembership(db: DbOrTx, organizationId: string, membershipId: string) {
  return db.membership.findFirst({
    where: { id: membershipId, organizationId },
    select: { id: true, role: true, availability: true, capacity: true, userId: true },
  });
}

export function setAvailability(db: DbOrTx, membershipId: string, availability: string) {
  return db.membership.update({ where: { id: membershipId }, data: { availability }, select: { id: true } });
}

export function setCapacity(db: DbOrTx, membershipId: string, capacity: number | null) {
  return db.membership.update({ where: { id: membershipId }, data: { capacity }, select: { id: true } });
}

/**
 * Unresolved conversations per assignee. From the maintained counters (InboxCount, kept by a trigger on
 * Conversation) when the organization has any; otherwise counted on the (organizationId, assigneeUserId,
 * status) index, which reads only the assignees' open rows.
 */
export async function openLoads(db: DbOrTx, organizationId: string, userIds: readonly string[]) {
  const loads = new Map<string, number>();
  if (userIds.length === 0) return loads;
  const hasCounters = await db.inboxCount.findFirst({ where: { organizationId }, select: { brandId: true } });
  if (hasCounters) {
    const rows = await db.inboxCount.groupBy({
      by: ['assigneeKey'],
      where: { organizationId, assigneeKey: { in: [...userIds] }, status: { in: OPEN_STATUSES } },
      _sum: { count: true },
    });
    for (const row of rows) loads.set(row.assigneeKey, row._sum.count ?? 0);
    return loads;
  }
  const rows = await db.conversation.groupBy({
    by: ['assigneeUserId'],
    where: { organizationId, assigneeUserId: { in: [...userIds] }, status: { in: OPEN_STATUSES } },
    _count: { _all: true },
  });
  for (const row of rows) if (row.assigneeUserId) loads.set(row.assigneeUserId, row._count._all);
  return loads;
}
