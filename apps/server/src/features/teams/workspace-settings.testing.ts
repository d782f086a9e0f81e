import type { DbOrTx } from '../../db/database.ts';

export interface WorkspaceSettingsFixture {
  tagId: string;
  teamId: string;
  /** A shared view owned by the tenant's agent: the agent edits it as its owner, managers as a shared view. */
  viewId: string;
}

/**
 * Test support: a tag of the tenant's first brand, a team serving that brand with the agent in it, and a saved
 * view — what the tags, teams and saved-views samples act on.
 */
export async function createWorkspaceSettingsFixture(
  db: DbOrTx,
  tenant: { organizationId: string; brandId: string; agentUserId: string; agentMembershipId: string },
): Promise<WorkspaceSettingsFixture> {
  const { organizationId, brandId } = tenant;
  const tag = await db.tag.create({
    data: { organizationId, brandId, name: 'fixture-refund', color: '#dc2626' },
    select: { id: true },
  });
  const team = await db.team.create({
    data: {
      organizationId,
      name: 'Fixture desk',
      brandIds: [brandId],
      members: { create: [{ membershipId: tenant.agentMembershipId }] },
    },
    select: { id: true },
  });
  const view = await db.savedView.create({
    data: {
      organizationId,
      ownerUserId: tenant.agentUserId,
      shared: true,
      name: 'Fixture urgent',
      definition: { view: 'all_open', filters: { priorities: ['urgent'], tagIds: [tag.id] }, sort: 'priority' },
    },
    select: { id: true },
  });
  return { tagId: tag.id, teamId: team.id, viewId: view.id };
}

interface TenantLike {
  organizationId: string;
  brandIds: string[];
  users: { agent: { userId: string; membershipId: string } };
}

const fixtures = new Map<string, WorkspaceSettingsFixture>();

/** Creates the tenant's fixture once (the security suites call setups repeatedly). */
export async function workspaceSettingsSetup({ db }: { db: DbOrTx }, own: TenantLike): Promise<void> {
  if (fixtures.has(own.organizationId)) return;
  const fixture = await createWorkspaceSettingsFixture(db, {
    organizationId: own.organizationId,
    brandId: own.brandIds[0]!,
    agentUserId: own.users.agent.userId,
    agentMembershipId: own.users.agent.membershipId,
  });
  fixtures.set(own.organizationId, fixture);
}

export function workspaceSettingsOf(tenant: { organizationId: string }): WorkspaceSettingsFixture {
  const fixture = fixtures.get(tenant.organizationId);
  if (!fixture) throw new Error('no workspace-settings fixture for this tenant: await the sample setup first');
  return fixture;
}
