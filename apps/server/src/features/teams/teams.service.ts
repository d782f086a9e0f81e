import type { z } from 'zod';
import {
  WORKSPACE_LIMITS,
  type createTeamInput,
  type setTeamMembersInput,
  type TeamItem,
  type updateTeamInput,
} from '@perch/shared';
import type { Db, DbOrTx } from '../../db/database.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { DomainError, forbidden, notFound } from '../../lib/errors.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import {
  countTeamConversations,
  countTeams,
  createTeam,
  deleteTeam,
  findTeamByName,
  getTeam,
  isWorkingRole,
  listTeams,
  membershipsAmong,
  replaceTeamMembers,
  updateTeam,
} from './teams.repository.ts';
import { assertBrandsInScope, conflict, type WorkspaceActor } from './workspace-actor.ts';

const duplicate = (name: string) => conflict(`A team named "${name}" already exists`);

async function uniqueName<T>(name: string | undefined, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate(name ?? '');
    throw error;
  }
}

async function assertNameFree(db: DbOrTx, organizationId: string, name: string, exceptId?: string) {
  const same = await findTeamByName(db, organizationId, name);
  if (same && same.id !== exceptId) throw duplicate(same.name);
}

/**
 * A manager limited to some brands manages only teams that serve some of those brands and no other (a team
 * without brands serves them all, so it is beyond their reach).
 */
function assertWithinReach(actor: WorkspaceActor, brandIds: readonly string[]) {
  if (actor.brandIds.length === 0) return;
  if (brandIds.length === 0 || brandIds.some((id) => !actor.brandIds.includes(id))) {
    throw forbidden('This team serves brands beyond yours: ask a manager of every brand');
  }
}

/**
 * Each id must be a membership of the organization (another tenant's → NOT_FOUND, nothing changed) holding a
 * role that works conversations (billing admins cannot join a team).
 */
async function assertWorkingMembers(db: DbOrTx, organizationId: string, membershipIds: readonly string[]) {
  const unique = [...new Set(membershipIds)];
  if (unique.length === 0) return unique;
  const found = await membershipsAmong(db, organizationId, unique);
  if (found.length !== unique.length) throw notFound('Member');
  if (found.some((m) => !isWorkingRole(m.role))) {
    throw new DomainError('VALIDATION', 'Only members who work conversations can join a team', {
      field: 'membershipIds',
    });
  }
  return unique;
}

async function teamInScope(db: DbOrTx, organizationId: string, teamId: string) {
  const team = await getTeam(db, organizationId, teamId);
  if (!team) throw notFound('Team');
  return team;
}

const auditView = (team: TeamItem) => ({
  name: team.name,
  brandIds: team.brandIds,
  membershipIds: team.members.map((m) => m.membershipId),
});

export function teamsOf(db: Db, actor: WorkspaceActor): Promise<TeamItem[]> {
  return listTeams(db, actor.organizationId);
}

export function createTeamFor(db: Db, actor: WorkspaceActor, input: z.output<typeof createTeamInput>) {
  return uniqueName(input.name, () =>
    db.$transaction(async (tx) => {
      const { organizationId } = actor;
      const brandIds = [...new Set(input.brandIds)];
      await assertBrandsInScope(tx, actor, brandIds);
      assertWithinReach(actor, brandIds);
      const membershipIds = await assertWorkingMembers(tx, organizationId, input.membershipIds);
      await assertNameFree(tx, organizationId, input.name);
      if ((await countTeams(tx, organizationId)) >= WORKSPACE_LIMITS.teamsPerOrganization) {
        throw new DomainError(
          'VALIDATION',
          `An organization can have at most ${WORKSPACE_LIMITS.teamsPerOrganization} teams`,
        );
      }
      const { id } = await createTeam(tx, { organizationId, name: input.name, brandIds });
      await replaceTeamMembers(tx, id, membershipIds);
      const team = (await getTeam(tx, organizationId, id))!;
      await writeAudit(tx, actor, { action: 'teams.create', targetType: 'team', targetId: id, after: auditView(team) });
      return team;
    }),
  );
}

export function updateTeamFor(db: Db, actor: WorkspaceActor, input: z.output<typeof updateTeamInput>) {
  return uniqueName(input.name, () =>
    db.$transaction(async (tx) => {
      const { organizationId } = actor;
      const before = await teamInScope(tx, organizationId, input.teamId);
      assertWithinReach(actor, before.brandIds);
      const brandIds = input.brandIds ? [...new Set(input.brandIds)] : undefined;
      if (brandIds) {
        await assertBrandsInScope(tx, actor, brandIds);
        assertWithinReach(actor, brandIds);
      }
      if (input.name !== undefined) await assertNameFree(tx, organizationId, input.name, before.id);
      await updateTeam(tx, before.id, {
        ...(input.name !== undefined && { name: input.name }),
        ...(brandIds && { brandIds }),
      });
      const team = (await getTeam(tx, organizationId, before.id))!;
      await writeAudit(tx, actor, {
        action: 'teams.update',
        targetType: 'team',
        targetId: team.id,
        before: { name: before.name, brandIds: before.brandIds },
        after: { name: team.name, brandIds: team.brandIds },
      });
      return team;
    }),
  );
}

/** Deletes a team: its conversations keep their assignee but lose the team; keyword rules lose the action. */
export function deleteTeamFor(db: Db, actor: WorkspaceActor, teamId: string) {
  return db.$transaction(async (tx) => {
    const team = await teamInScope(tx, actor.organizationId, teamId);
    assertWithinReach(actor, team.brandIds);
    const conversationsUnteamed = await countTeamConversations(tx, actor.organizationId, team.id);
    await deleteTeam(tx, team.id);
    await writeAudit(tx, actor, {
      action: 'teams.delete',
      targetType: 'team',
      targetId: team.id,
      before: auditView(team),
      after: { conversationsUnteamed },
    });
    return { id: team.id, conversationsUnteamed };
  });
}

export async function setTeamMembersFor(db: Db, actor: WorkspaceActor, input: z.output<typeof setTeamMembersInput>) {
  try {
    return await replaceMembers(db, actor, input);
  } catch (error) {
    // Two managers replacing the members at the same moment: the second one's inserts collide.
    if (isUniqueViolation(error)) {
      throw new DomainError('CONFLICT', "The team's members were changed at the same moment; reload and try again");
    }
    throw error;
  }
}

function replaceMembers(db: Db, actor: WorkspaceActor, input: z.output<typeof setTeamMembersInput>) {
  return db.$transaction(async (tx) => {
    const { organizationId } = actor;
    const before = await teamInScope(tx, organizationId, input.teamId);
    assertWithinReach(actor, before.brandIds);
    const membershipIds = await assertWorkingMembers(tx, organizationId, input.membershipIds);
    await replaceTeamMembers(tx, before.id, membershipIds);
    const team = (await getTeam(tx, organizationId, before.id))!;
    await writeAudit(tx, actor, {
      action: 'teams.setMembers',
      targetType: 'team',
      targetId: team.id,
      before: { membershipIds: before.members.map((m) => m.membershipId) },
      after: { membershipIds: team.members.map((m) => m.membershipId) },
    });
    return team;
  });
}
