import type { DbOrTx } from '../../db/database.ts';
import type { Prisma } from '../../generated/prisma/client.ts';

const viewSelect = {
  id: true,
  ownerUserId: true,
  shared: true,
  name: true,
  definition: true,
  position: true,
  createdAt: true,
  updatedAt: true,
} as const;

/** The caller's own views and the organization's shared ones: own first, each in its order. */
export function listVisibleViews(db: DbOrTx, organizationId: string, userId: string) {
  return db.savedView.findMany({
    where: { organizationId, OR: [{ ownerUserId: userId }, { shared: true }] },
    select: viewSelect,
    orderBy: [{ position: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
    take: 1000,
  });
}

export function getView(db: DbOrTx, organizationId: string, viewId: string) {
  return db.savedView.findFirst({ where: { id: viewId, organizationId }, select: viewSelect });
}

export function ownViews(db: DbOrTx, organizationId: string, userId: string) {
  return db.savedView.findMany({
    where: { organizationId, ownerUserId: userId },
    select: { id: true, position: true },
    orderBy: [{ position: 'asc' }, { createdAt: 'asc' }],
  });
}

export function createView(
  db: DbOrTx,
  data: {
    organizationId: string;
    ownerUserId: string;
    shared: boolean;
    name: string;
    definition: Prisma.InputJsonValue;
    position: number;
  },
) {
  return db.savedView.create({ data, select: viewSelect });
}

export function updateView(
  db: DbOrTx,
  viewId: string,
  data: { name?: string; shared?: boolean; definition?: Prisma.InputJsonValue },
) {
  return db.savedView.update({ where: { id: viewId }, data, select: viewSelect });
}

export function deleteView(db: DbOrTx, viewId: string) {
  return db.savedView.delete({ where: { id: viewId }, select: { id: true } });
}

export async function setViewPositions(db: DbOrTx, organizationId: string, orderedIds: readonly string[]) {
  for (const [position, id] of orderedIds.entries()) {
    await db.savedView.updateMany({ where: { id, organizationId }, data: { position } });
  }
}

// The ids a definition's filters may name: each must be the organization's (and, for brand-owned rows, of a
// brand the member may see). Each returns the rows found among the ids asked for.

export function channelsAmong(db: DbOrTx, organizationId: string, ids: string[]) {
  return db.channel.findMany({ where: { organizationId, id: { in: ids } }, select: { id: true, brandId: true } });
}

export function tagsAmong(db: DbOrTx, organizationId: string, ids: string[]) {
  return db.tag.findMany({ where: { organizationId, id: { in: ids } }, select: { id: true, brandId: true } });
}

export function teamsAmong(db: DbOrTx, organizationId: string, ids: string[]) {
  return db.team.findMany({ where: { organizationId, id: { in: ids } }, select: { id: true } });
}

/** Users who are members of the organization (assignees). */
export function membersAmong(db: DbOrTx, organizationId: string, userIds: string[]) {
  return db.membership.findMany({ where: { organizationId, userId: { in: userIds } }, select: { userId: true } });
}
