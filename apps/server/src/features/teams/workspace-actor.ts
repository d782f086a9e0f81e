import { MANAGING_ROLES, type Role } from '@perch/shared';
import type { DbOrTx } from '../../db/database.ts';
import { DomainError, notFound } from '../../lib/errors.ts';
import { assertOwnBrands } from '../brands/brands.service.ts';
import type { OrgActor } from '../members/members.service.ts';
import { orgActor, type Member } from '../../trpc/init.ts';

/**
 * The caller of a workspace-settings procedure (tags, teams, agents, saved views): the organization actor, its
 * membership, and the brands it is limited to (empty: every brand of the organization).
 */
export type WorkspaceActor = OrgActor & { membershipId: string; brandIds: readonly string[] };

export function workspaceActor(ctx: Parameters<typeof orgActor>[0] & { member: Member }): WorkspaceActor {
  return { ...orgActor(ctx), membershipId: ctx.member.membershipId, brandIds: ctx.member.brandIds };
}

export const isManager = (role: Role) => (MANAGING_ROLES as readonly Role[]).includes(role);

export const seesBrand = (actor: WorkspaceActor, brandId: string) =>
  actor.brandIds.length === 0 || actor.brandIds.includes(brandId);

/** Brands of the organization that the member may see; anything else (another tenant's) reads as missing. */
export async function assertBrandsInScope(db: DbOrTx, actor: WorkspaceActor, brandIds: readonly string[]) {
  if (brandIds.some((id) => !seesBrand(actor, id))) throw notFound('Brand');
  await assertOwnBrands(db, actor.organizationId, [...brandIds]);
}

/** A unique-name race lost to a concurrent writer, as a CONFLICT with a clear message. */
export function conflict(message: string, field = 'name') {
  return new DomainError('CONFLICT', message, { field });
}
