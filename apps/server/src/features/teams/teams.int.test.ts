import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/test-database.ts';
import { callerFor, createTenant, type TenantFixture } from '../../../test/harness.ts';
import { outcome } from '../../../test/procedure-samples.ts';
import { addMember, createUser } from '../../seed/factories.ts';
import { createConversationsWith, failure } from './workspace-settings.test-support.ts';

describe('teams: members and the brands they serve', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let a: TenantFixture;
  let b: TenantFixture;
  let manager: Awaited<ReturnType<typeof callerFor>>;
  let org: { organizationId: string };

  beforeAll(async () => {
    db = await createTestDatabase();
    a = await createTenant(db.prisma, 'Teams Air');
    b = await createTenant(db.prisma, 'Teams Telecom');
    manager = await callerFor(db.prisma, a.users.manager.userId);
    org = { organizationId: a.organizationId };
  });
  afterAll(() => db.dispose());

  it('creates a team with brands and members, lists it, renames it, with one audit row per change', async () => {
    const team = await manager.teams.create({
      ...org,
      name: 'Baggage desk',
      brandIds: [a.brandIds[0]!],
      membershipIds: [a.users.agent.membershipId, a.users.manager.membershipId],
    });
    expect(team).toMatchObject({ name: 'Baggage desk', brandIds: [a.brandIds[0]] });
    expect(team.members.map((m) => m.membershipId).sort()).toEqual(
      [a.users.agent.membershipId, a.users.manager.membershipId].sort(),
    );
    expect(team.members.find((m) => m.role === 'agent')).toMatchObject({ email: a.users.agent.email });

    const updated = await manager.teams.update({ ...org, teamId: team.id, name: 'Bags', brandIds: [] });
    expect(updated).toMatchObject({ name: 'Bags', brandIds: [] });
    const listed = await (await callerFor(db.prisma, a.users.agent.userId)).teams.list(org);
    expect(listed.map((t) => t.name)).toContain('Bags');
    const audit = await db.prisma.auditLog.findMany({ where: { targetId: team.id }, orderBy: { createdAt: 'asc' } });
    expect(audit.map((r) => r.action)).toEqual(['teams.create', 'teams.update']);
  });

  it('refuses a duplicate name, case ignored', async () => {
    await manager.teams.create({ ...org, name: 'Social care' });
    expect(await failure(manager.teams.create({ ...org, name: 'SOCIAL CARE' }))).toEqual({
      code: 'CONFLICT',
      message: 'A team named "Social care" already exists',
    });
  });

  it('setMembers replaces the members; billing admins cannot join; foreign or mixed ids change nothing', async () => {
    const team = await manager.teams.create({
      ...org,
      name: 'Night shift',
      membershipIds: [a.users.agent.membershipId],
    });
    const set = await manager.teams.setMembers({
      ...org,
      teamId: team.id,
      membershipIds: [a.users.owner.membershipId, a.users.admin.membershipId, a.users.admin.membershipId],
    });
    expect(set.members.map((m) => m.role).sort()).toEqual(['admin', 'owner']);

    const billing = await failure(
      manager.teams.setMembers({ ...org, teamId: team.id, membershipIds: [a.users.billing_admin.membershipId] }),
    );
    expect(billing).toEqual({ code: 'BAD_REQUEST', message: 'Only members who work conversations can join a team' });
    const mixed = manager.teams.setMembers({
      ...org,
      teamId: team.id,
      membershipIds: [a.users.agent.membershipId, b.users.agent.membershipId],
    });
    expect(await outcome(mixed)).toBe('NOT_FOUND');
    const after = await db.prisma.teamMember.findMany({ where: { teamId: team.id } });
    expect(after.map((m) => m.membershipId).sort()).toEqual(
      [a.users.owner.membershipId, a.users.admin.membershipId].sort(),
    );
  });

  it('delete keeps conversations (they lose the team) and their assignee', async () => {
    const team = await manager.teams.create({ ...org, name: 'Short-lived' });
    const [id] = await createConversationsWith(db.prisma, a.organizationId, a.brandIds[0]!, [
      { teamId: team.id, assigneeUserId: a.users.agent.userId },
    ]);
    expect(await manager.teams.delete({ ...org, teamId: team.id })).toEqual({ id: team.id, conversationsUnteamed: 1 });
    expect(
      await db.prisma.conversation.findUnique({ where: { id: id! }, select: { teamId: true, assigneeUserId: true } }),
    ).toEqual({ teamId: null, assigneeUserId: a.users.agent.userId });
  });

  it('agents read teams but cannot manage them', async () => {
    const agent = await callerFor(db.prisma, a.users.agent.userId);
    expect(await outcome(agent.teams.create({ ...org, name: 'Rogue' }))).toBe('FORBIDDEN');
    const [team] = await manager.teams.list(org);
    expect(await outcome(agent.teams.setMembers({ ...org, teamId: team!.id, membershipIds: [] }))).toBe('FORBIDDEN');
    expect(await outcome(agent.teams.delete({ ...org, teamId: team!.id }))).toBe('FORBIDDEN');
  });

  it('a brand-restricted manager manages only teams within their brands', async () => {
    const user = await createUser(db.prisma, {
      email: 'restricted@teams.test',
      name: 'Restricted',
      password: 'x'.repeat(12),
    });
    await addMember(db.prisma, a.organizationId, user.id, 'manager', [a.brandIds[1]!]);
    const restricted = await callerFor(db.prisma, user.id);
    const own = await restricted.teams.create({ ...org, name: 'Second desk', brandIds: [a.brandIds[1]!] });
    expect(own.brandIds).toEqual([a.brandIds[1]]);
    expect(await outcome(restricted.teams.create({ ...org, name: 'Everywhere' }))).toBe('FORBIDDEN');
    expect(await outcome(restricted.teams.create({ ...org, name: 'Main', brandIds: [a.brandIds[0]!] }))).toBe(
      'NOT_FOUND',
    );
    const allBrands = await manager.teams.create({ ...org, name: 'All brands desk' });
    expect(await outcome(restricted.teams.delete({ ...org, teamId: allBrands.id }))).toBe('FORBIDDEN');
  });

  it("another tenant's team, brands and members read as missing", async () => {
    const foreign = await (
      await callerFor(db.prisma, b.users.owner.userId)
    ).teams.create({
      organizationId: b.organizationId,
      name: 'Foreign desk',
    });
    expect(await outcome(manager.teams.update({ ...org, teamId: foreign.id, name: 'Mine' }))).toBe('NOT_FOUND');
    expect(await outcome(manager.teams.create({ ...org, name: 'X', brandIds: [a.brandIds[0]!, b.brandIds[0]!] }))).toBe(
      'NOT_FOUND',
    );
    expect(await db.prisma.team.findUnique({ where: { id: foreign.id } })).toMatchObject({ name: 'Foreign desk' });
  });
});
