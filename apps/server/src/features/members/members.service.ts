import type { Role } from '@perch/shared';
import type { Db, Tx } from '../../db/database.ts';
import { DomainError, notFound } from '../../lib/errors.ts';
import { writeAudit, type Actor } from '../audit/audit.repository.ts';
import { assertOwnBrands } from '../brands/brands.service.ts';
import { countOwners, getMember } from './members.repository.ts';

export type OrgActor = Actor & { organizationId: string; role: Role };

/** Only an owner may grant the owner role or change an owner; an organization always keeps one owner. */
function assertMayManage(actor: OrgActor, targetRole: Role, newRole?: Role) {
  if ((targetRole === 'owner' || newRole === 'owner') && actor.role !== 'owner') {
    throw new DomainError('FORBIDDEN', 'Only an owner can grant or change the owner role');
  }
}

async function assertNotLastOwner(tx: Tx, organizationId: string) {
  if ((await countOwners(tx, organizationId)) <= 1) {
    throw new DomainError('LAST_OWNER', 'An organization needs at least one owner');
  }
}

export function changeRole(
  db: Db,
  actor: OrgActor,
  input: { membershipId: string; role: Role; brandIds?: string[] | undefined },
) {
  return db.$transaction(async (tx) => {
    const member = await getMember(tx, actor.organizationId, input.membershipId);
    if (!member) throw notFound('Member');
    assertMayManage(actor, member.role, input.role);
    if (input.brandIds) await assertOwnBrands(tx, actor.organizationId, input.brandIds);
    if (member.role === 'owner' && input.role !== 'owner') await assertNotLastOwner(tx, actor.organizationId);
    await tx.membership.update({
      where: { id: member.membershipId },
      data: { role: input.role, ...(input.brandIds ? { brandIds: input.brandIds } : {}) },
      select: { id: true },
    });
    await writeAudit(tx, actor, {
      action: 'members.changeRole',
      targetType: 'membership',
      targetId: member.membershipId,
      before: { role: member.role, brandIds: member.brandIds },
      after: { role: input.role, brandIds: input.brandIds ?? member.brandIds },
    });
    return { ...member, role: input.role, brandIds: input.brandIds ?? member.brandIds };
  });
}

/**
 * Removes a member. Access ends at once: every organization procedure re-reads the membership, so the removed
 * user's next request (with any session) answers NOT_FOUND for this organization.
 */
export function removeMember(db: Db, actor: OrgActor, membershipId: string) {
  return db.$transaction(async (tx) => {
    const member = await getMember(tx, actor.organizationId, membershipId);
    if (!member) throw notFound('Member');
    assertMayManage(actor, member.role);
    if (member.role === 'owner') await assertNotLastOwner(tx, actor.organizationId);
    await tx.membership.delete({ where: { id: member.membershipId }, select: { id: true } });
    await writeAudit(tx, actor, {
      action: 'members.remove',
      targetType: 'membership',
      targetId: member.membershipId,
      before: { userId: member.userId, email: member.email, role: member.role },
    });
    return { ok: true as const };
  });
}
