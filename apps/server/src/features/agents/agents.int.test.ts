import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/test-database.ts';
import { callerFor, createTenant, type TenantFixture } from '../../../test/harness.ts';
import { outcome } from '../../../test/procedure-samples.ts';
import { createConversationsWith, failure } from '../teams/workspace-settings.test-support.ts';

describe('agents: availability, capacity and load', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let a: TenantFixture;
  let b: TenantFixture;
  let org: { organizationId: string };

  beforeAll(async () => {
    db = await createTestDatabase();
    a = await createTenant(db.prisma, 'Agents Air');
    b = await createTenant(db.prisma, 'Agents Telecom');
    org = { organizationId: a.organizationId };
  });
  afterAll(() => db.dispose());

  it('lists members who work conversations with availability, capacity, open load and teams', async () => {
    await createConversationsWith(db.prisma, a.organizationId, a.brandIds[0]!, [
      { assigneeUserId: a.users.agent.userId, status: 'open' },
      { assigneeUserId: a.users.agent.userId, status: 'new' },
      { assigneeUserId: a.users.agent.userId, status: 'resolved' },
      { assigneeUserId: a.users.manager.userId, status: 'open' },
    ]);
    // Another tenant's conversations never count.
    await createConversationsWith(db.prisma, b.organizationId, b.brandIds[0]!, [
      { assigneeUserId: b.users.agent.userId },
    ]);
    const manager = await callerFor(db.prisma, a.users.manager.userId);
    const team = await manager.teams.create({ ...org, name: 'Desk', membershipIds: [a.users.agent.membershipId] });
    const agents = await (await callerFor(db.prisma, a.users.agent.userId)).agents.list(org);
    expect(agents.map((x) => x.role).sort()).toEqual(['admin', 'agent', 'manager', 'owner']);
    expect(agents.find((x) => x.role === 'agent')).toMatchObject({
      membershipId: a.users.agent.membershipId,
      userId: a.users.agent.userId,
      availability: 'offline',
      capacity: null,
      openCount: 2,
      teams: [{ id: team.id, name: 'Desk' }],
    });
    expect(agents.find((x) => x.role === 'manager')?.openCount).toBe(1);

    // Without maintained counters (a database before the trigger), the load is counted on the index.
    await db.prisma.inboxCount.deleteMany({ where: { organizationId: a.organizationId } });
    const counted = await (await callerFor(db.prisma, a.users.agent.userId)).agents.list(org);
    expect(counted.find((x) => x.role === 'agent')?.openCount).toBe(2);
    expect(counted.find((x) => x.role === 'manager')?.openCount).toBe(1);
  });

  it('setAvailability changes only the caller’s own availability, audited', async () => {
    const agent = await callerFor(db.prisma, a.users.agent.userId);
    expect(await agent.agents.setAvailability({ ...org, availability: 'online' })).toEqual({
      membershipId: a.users.agent.membershipId,
      availability: 'online',
      changed: true,
    });
    const rows = await db.prisma.membership.findMany({
      where: { organizationId: a.organizationId },
      select: { id: true, availability: true },
    });
    expect(rows.filter((r) => r.availability === 'online').map((r) => r.id)).toEqual([a.users.agent.membershipId]);
    const audit = await db.prisma.auditLog.findMany({ where: { action: 'agents.setAvailability' } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ before: { availability: 'offline' }, after: { availability: 'online' } });
    // The input has no member id: an attempt to name someone else is an unknown field.
    const other = agent.agents.setAvailability({
      ...org,
      availability: 'away',
      membershipId: a.users.owner.membershipId,
    } as never);
    expect(await outcome(other)).toBe('BAD_REQUEST');
    expect(await outcome(agent.agents.setAvailability({ ...org, availability: 'busy' as never }))).toBe('BAD_REQUEST');
  });

  it('setCapacity: managers only, 1..200 or null, working members only', async () => {
    const manager = await callerFor(db.prisma, a.users.manager.userId);
    const input = { ...org, membershipId: a.users.agent.membershipId };
    expect(await manager.agents.setCapacity({ ...input, capacity: 12 })).toEqual({
      membershipId: a.users.agent.membershipId,
      capacity: 12,
    });
    expect(await outcome(manager.agents.setCapacity({ ...input, capacity: 0 }))).toBe('BAD_REQUEST');
    expect(await outcome(manager.agents.setCapacity({ ...input, capacity: 201 }))).toBe('BAD_REQUEST');
    expect((await manager.agents.setCapacity({ ...input, capacity: null })).capacity).toBeNull();
    const billing = await failure(
      manager.agents.setCapacity({ ...org, membershipId: a.users.billing_admin.membershipId, capacity: 3 }),
    );
    expect(billing.code).toBe('BAD_REQUEST');
    const agent = await callerFor(db.prisma, a.users.agent.userId);
    expect(await outcome(agent.agents.setCapacity({ ...input, capacity: 50 }))).toBe('FORBIDDEN');
    const foreign = manager.agents.setCapacity({ ...org, membershipId: b.users.agent.membershipId, capacity: 5 });
    expect(await outcome(foreign)).toBe('NOT_FOUND');
    expect(
      await db.prisma.membership.findUnique({ where: { id: b.users.agent.membershipId }, select: { capacity: true } }),
    ).toEqual({ capacity: null });
  });
});
