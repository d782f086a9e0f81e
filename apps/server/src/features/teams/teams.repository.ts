import { WORKING_ROLES, type Role } from '@perch/shared';
import type { DbOrTx } from '../../db/database.ts';

const teamSelect = {
  id: true,
  name: true,
  brandIds: true,
  createdAt: true,
  members: {
    select: {
      membership: { select: { id: true, role: true, user: { select: { id: true, name: true, email: true } } } },
    },
  },
} as const;

type TeamRow = {
  id: string;
  name: string;
  brandIds: string[];
  createdAt: Date;
  members: { membership: { id: string; role: Role; user: { id: string; name: string; email: string } } }[];
};

function toTeam(row: TeamRow) {
  const members = row.members
    .map(({ membership: m }) => ({
      membershipId: m.id,
      userId: m.user.id,
      name: m.user.name,
      email: m.user.email,
      role: m.role,
    }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.membershipId.localeCompare(b.membershipId));
  return { id: row.id, name: row.name, brandIds: row.brandIds, createdAt: row.createdAt.toISOString(), members };
}

export async function listTeams(db: DbOrTx, organizationId: string) {
  const rows = await db.team.findMany({
    where: { organizationId },
    select: teamSelect,
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    take: 1000,
  });
  return rows.map(toTeam);
}

export async function getTeam(db: DbOrTx, organizationId: string, teamId: string) {
  const row = await db.team.findFirst({ where: { id: teamId, organizationId }, select: teamSelect });
  return row ? toTeam(row) : null;
}

export function countTeams(db: DbOrTx, organizationId: string) {
  return db.team.count({ where: { organizationId } });
}

/** The organization's team of this name, case ignored. */
export function findTeamByName(db: DbOrTx, organizationId: string, name: string) {
  return db.team.findFirst({
    where: { organizationId, name: { equals: name, mode: 'insensitive' } },
    select: { id: true, name: true },
  });
}

export async function createTeam(db: DbOrTx, data: { organizationId: string; name: string; brandIds: string[] }) {
  return db.team.create({ data, select: { id: true } });
}

export function updateTeam(db: DbOrTx, teamId: string, data: { name?: string; brandIds?: string[] }) {
  return db.team.update({ where: { id: teamId }, data, select: { id: true } });
}

/** Deletes the team; its conversations and keyword rules lose it (the relations set null). */
export function deleteTeam(db: DbOrTx, teamId: string) {
  return db.team.delete({ where: { id: teamId }, select: { id: true } });
}

export function countTeamConversations(db: DbOrTx, organizationId: string, teamId: string) {
  return db.conversation.count({ where: { organizationId, teamId } });
}

/** Memberships of the organization among `ids`, with their roles (another tenant's ids are simply absent). */
export function membershipsAmong(db: DbOrTx, organizationId: string, ids: readonly string[]) {
  return db.membership.findMany({
    where: { organizationId, id: { in: [...ids] } },
    select: { id: true, role: true },
  });
}

export const isWorkingRole = (role: Role) => (WORKING_ROLES as readonly Role[]).includes(role);

/** Replaces the team's members. */
export async function replaceTeamMembers(db: DbOrTx, teamId: string, membershipIds: readonly string[]) {
  await db.teamMember.deleteMany({ where: { teamId } });
  if (membershipIds.length > 0) {
    await db.teamMember.createMany({ data: membershipIds.map((membershipId) => ({ teamId, membershipId })) });
  }
}
