import type { ConversationStatus } from '@perch/shared';
import type { DbOrTx } from '../../db/database.ts';

/** The nil uuid: the counters' key for "no assignee" / "no team". */
export const NONE_KEY = '00000000-0000-0000-0000-000000000000';

export async function organizationBrandIds(db: DbOrTx, organizationId: string): Promise<string[]> {
  const rows = await db.brand.findMany({ where: { organizationId }, select: { id: true }, orderBy: { id: 'asc' } });
  return rows.map((r) => r.id);
}

/** Teams the membership belongs to. */
export async function teamIdsOfMembership(db: DbOrTx, organizationId: string, membershipId: string) {
  const rows = await db.teamMember.findMany({
    where: { membershipId, team: { organizationId } },
    select: { teamId: true },
  });
  return rows.map((r) => r.teamId);
}

export async function countChannels(db: DbOrTx, organizationId: string, brandIds: string[], ids: string[]) {
  return db.channel.count({ where: { organizationId, brandId: { in: brandIds }, id: { in: ids } } });
}

export async function countTags(db: DbOrTx, organizationId: string, brandIds: string[], ids: string[]) {
  return db.tag.count({ where: { organizationId, brandId: { in: brandIds }, id: { in: ids } } });
}

export async function countTeams(db: DbOrTx, organizationId: string, ids: string[]) {
  return db.team.count({ where: { organizationId, id: { in: ids } } });
}

/** Members (by user id) of the organization. */
export async function countMembers(db: DbOrTx, organizationId: string, userIds: string[]) {
  return db.membership.count({ where: { organizationId, userId: { in: userIds } } });
}

/** A saved view the user may use: their own, or one shared in the organization. */
export function findSavedView(db: DbOrTx, organizationId: string, userId: string, viewId: string) {
  return db.savedView.findFirst({
    where: { id: viewId, organizationId, OR: [{ ownerUserId: userId }, { shared: true }] },
    select: { id: true, definition: true },
  });
}

export function visibleSavedViews(db: DbOrTx, organizationId: string, userId: string) {
  return db.savedView.findMany({
    where: { organizationId, OR: [{ ownerUserId: userId }, { shared: true }] },
    select: { id: true, definition: true },
    orderBy: [{ position: 'asc' }, { id: 'asc' }],
    take: 200,
  });
}

export interface ViewCounterRow {
  status: ConversationStatus;
  mine: boolean;
  unassigned: boolean;
  myTeam: boolean;
  count: number;
}

/**
 * The maintained counters of the member's brands (or one brand), summed by status and by the three keys the
 * views care about — whether the assignee is the member, whether there is none, whether the team is one of the
 * member's — in one statement (a few rows per brand are read).
 */
export function viewCounters(
  db: DbOrTx,
  actor: { organizationId: string; userId: string; membershipId: string; brandIds: readonly string[] },
  brandId: string | undefined,
) {
  const only = brandId ? [brandId] : [...actor.brandIds];
  return db.$queryRaw<ViewCounterRow[]>`
    SELECT ic."status"::text AS status, ic."assigneeKey" = ${actor.userId}::uuid AS mine,
      ic."assigneeKey" = ${NONE_KEY}::uuid AS unassigned,
      ic."teamKey" IN (SELECT tm."teamId" FROM "TeamMember" tm WHERE tm."membershipId" = ${actor.membershipId}::uuid)
        AS "myTeam",
      sum(ic."count")::int AS count
    FROM "InboxCount" ic
    WHERE ic."organizationId" = ${actor.organizationId}::uuid
      AND (cardinality(${only}::uuid[]) = 0 OR ic."brandId" = ANY(${only}::uuid[]))
    GROUP BY 1, 2, 3, 4`;
}
