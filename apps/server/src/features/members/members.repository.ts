import type { Role } from '@perch/shared';
import type { DbOrTx } from '../../db/database.ts';

export function findMembership(db: DbOrTx, organizationId: string, userId: string) {
  return db.membership.findUnique({
    where: { organizationId_userId: { organizationId, userId } },
    select: { id: true, role: true, brandIds: true },
  });
}

export async function listMyMemberships(db: DbOrTx, userId: string) {
  const rows = await db.membership.findMany({
    where: { userId },
    select: {
      id: true,
      role: true,
      brandIds: true,
      organization: { select: { id: true, name: true, slug: true } },
    },
    orderBy: { organization: { name: 'asc' } },
    take: 200,
  });
  return rows.map((m) => ({
    membershipId: m.id,
    organizationId: m.organization.id,
    organizationName: m.organization.name,
    slug: m.organization.slug,
    role: m.role,
    brandIds: m.brandIds,
  }));
}

const memberSelect = {
  id: true,
  role: true,
  brandIds: true,
  availability: true,
  createdAt: true,
  user: { select: { id: true, name: true, email: true } },
} as const;

export async function listMembers(db: DbOrTx, organizationId: string) {
  const rows = await db.membership.findMany({
    where: { organizationId },
    select: memberSelect,
    orderBy: { user: { name: 'asc' } },
    take: 1000,
  });
  return rows.map(toMember);
}

/** Scoped by organization: another tenant's membership id answers null (NOT_FOUND upstream). */
export async function getMember(db: DbOrTx, organizationId: string, membershipId: string) {
  const row = await db.membership.findFirst({ where: { id: membershipId, organizationId }, select: memberSelect });
  return row ? toMember(row) : null;
}

export function countOwners(db: DbOrTx, organizationId: string) {
  return db.membership.count({ where: { organizationId, role: 'owner' } });
}

function toMember(m: {
  id: string;
  role: Role;
  brandIds: string[];
  availability: string;
  createdAt: Date;
  user: { id: string; name: string; email: string };
}) {
  return {
    membershipId: m.id,
    userId: m.user.id,
    name: m.user.name,
    email: m.user.email,
    role: m.role,
    brandIds: m.brandIds,
    availability: m.availability,
    joinedAt: m.createdAt,
  };
}
