import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/test-database.ts';
import { callerFor, createTenant, type TenantFixture } from '../../../test/harness.ts';
import { outcome } from '../../../test/procedure-samples.ts';
import { createLocalEventBus, type LiveEvent } from '../../live/event-bus.ts';
import { assignWaiting } from './assign-waiting.ts';
import { assigneesOf, conversationsOf, routedBrand } from './routing.testing.ts';

describe('routing: automatic assignment of waiting conversations', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let n = 0;
  const tenant = () => createTenant(db.prisma, `Routing ${++n}`);
  const deps = () => ({ db: db.prisma });

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.dispose());

  it('round robin spreads 6 conversations over 3 online agents 2/2/2, in priority order, with events and notifications', async () => {
    const t = await tenant();
    const { brandId } = await routedBrand(db.prisma, t, 'round_robin', { admin: {}, manager: {}, agent: {} });
    const ids = await conversationsOf(db.prisma, t, brandId, [
      { priority: 'low' },
      { priority: 'normal' },
      { priority: 'urgent' },
      { priority: 'high' },
      { priority: 'normal' },
      { priority: 'urgent' },
    ]);
    const bus = createLocalEventBus();
    const heard: LiveEvent[] = [];
    bus.subscribe(t.organizationId, (e) => heard.push(e));
    expect(await assignWaiting({ db: db.prisma, bus }, t.organizationId, brandId)).toBe(6);

    const inPriorityOrder = [ids[2]!, ids[5]!, ids[3]!, ids[1]!, ids[4]!, ids[0]!];
    const rows = await assigneesOf(db.prisma, inPriorityOrder);
    // Never assigned before: the members in id order, then round again.
    const turn = (['admin', 'manager', 'agent'] as const)
      .map((r) => t.users[r])
      .sort((a, b) => a.membershipId.localeCompare(b.membershipId))
      .map((u) => u.userId);
    expect(rows.map((r) => r.assigneeUserId)).toEqual([...turn, ...turn]);
    expect(rows.every((r) => r.version === 1)).toBe(true);

    const events = await db.prisma.conversationEvent.findMany({
      where: { organizationId: t.organizationId, type: 'assigned' },
      select: { conversationId: true, actorUserId: true, data: true },
    });
    expect(events).toHaveLength(6);
    for (const e of events) {
      const to = rows.find((r) => r.id === e.conversationId)!.assigneeUserId;
      expect(e).toMatchObject({ actorUserId: null, data: { to, by: 'auto', mode: 'round_robin' } });
    }
    const notifications = await db.prisma.notification.findMany({
      where: { organizationId: t.organizationId, kind: 'assigned' },
      select: { userId: true, actorUserId: true },
    });
    expect(notifications).toHaveLength(6);
    expect(notifications.every((x) => x.actorUserId === null)).toBe(true);
    // Not a procedure: no audit rows.
    expect(await db.prisma.auditLog.count({ where: { organizationId: t.organizationId } })).toBe(0);
    const lastAssigned = await db.prisma.membership.findMany({
      where: { id: { in: [t.users.admin.membershipId, t.users.agent.membershipId] } },
      select: { lastAssignedAt: true },
    });
    expect(lastAssigned.every((m) => m.lastAssignedAt !== null)).toBe(true);
    await new Promise((r) => setTimeout(r, 20));
    expect(heard.filter((e) => e.type === 'conversation.updated')).toHaveLength(6);
    expect(
      heard
        .filter((e) => e.type === 'notification.created')
        .map((e) => e.userId)
        .sort(),
    ).toEqual([...turn].sort());
    await bus.close();
  });

  it('respects capacity and gives nothing to away or offline agents', async () => {
    const t = await tenant();
    const { brandId } = await routedBrand(db.prisma, t, 'round_robin', {
      owner: { availability: 'offline' },
      manager: { availability: 'away' },
      admin: { capacity: 1 },
      agent: { capacity: 2 },
    });
    // The admin is already at capacity.
    await conversationsOf(db.prisma, t, brandId, [{ assigneeUserId: t.users.admin.userId, status: 'open' }]);
    const waiting = await conversationsOf(db.prisma, t, brandId, [{}, {}, {}, {}]);
    expect(await assignWaiting(deps(), t.organizationId, brandId)).toBe(2);
    const rows = await assigneesOf(db.prisma, waiting);
    expect(rows.map((r) => r.assigneeUserId)).toEqual([t.users.agent.userId, t.users.agent.userId, null, null]);
    // Nothing more to give until capacity frees.
    expect(await assignWaiting(deps(), t.organizationId, brandId)).toBe(0);
  });

  it('gives a team’s conversation only to that team’s members', async () => {
    const t = await tenant();
    const { brandId } = await routedBrand(db.prisma, t, 'round_robin', { admin: {}, agent: {} });
    const billing = await db.prisma.team.create({
      data: { organizationId: t.organizationId, name: 'Billing' },
      select: { id: true },
    });
    await db.prisma.teamMember.create({ data: { teamId: billing.id, membershipId: t.users.agent.membershipId } });
    const ids = await conversationsOf(db.prisma, t, brandId, [
      { teamId: billing.id },
      { teamId: billing.id },
      { teamId: billing.id },
    ]);
    expect(await assignWaiting(deps(), t.organizationId, brandId)).toBe(3);
    expect((await assigneesOf(db.prisma, ids)).map((r) => r.assigneeUserId)).toEqual(
      ids.map(() => t.users.agent.userId),
    );
  });

  it('least loaded gives each conversation to the agent with the fewest open ones', async () => {
    const t = await tenant();
    const { brandId } = await routedBrand(db.prisma, t, 'least_loaded', { admin: {}, manager: {}, agent: {} });
    const a = t.users.admin.userId;
    await conversationsOf(db.prisma, t, brandId, [
      { assigneeUserId: a, status: 'open' },
      { assigneeUserId: a, status: 'open' },
      { assigneeUserId: a, status: 'open' },
      { assigneeUserId: t.users.agent.userId, status: 'open' },
    ]);
    const ids = await conversationsOf(db.prisma, t, brandId, [{}, {}, {}]);
    expect(await assignWaiting(deps(), t.organizationId, brandId)).toBe(3);
    const to = (await assigneesOf(db.prisma, ids)).map((r) => r.assigneeUserId);
    // manager 0 → 1; agent 1 and manager 1 tie: the agent was never assigned automatically; then manager 1 < agent 2.
    expect(to).toEqual([t.users.manager.userId, t.users.agent.userId, t.users.manager.userId]);
  });

  it('manual mode assigns nothing', async () => {
    const t = await tenant();
    const { brandId } = await routedBrand(db.prisma, t, 'manual', { agent: {} });
    const ids = await conversationsOf(db.prisma, t, brandId, [{}, {}]);
    expect(await assignWaiting(deps(), t.organizationId, brandId)).toBe(0);
    expect((await assigneesOf(db.prisma, ids)).every((r) => r.assigneeUserId === null)).toBe(true);
  });

  it('two concurrent runs never assign a conversation twice nor exceed a capacity', async () => {
    const t = await tenant();
    const { brandId } = await routedBrand(db.prisma, t, 'round_robin', {
      admin: { capacity: 2 },
      manager: { capacity: 2 },
      agent: { capacity: 2 },
    });
    const ids = await conversationsOf(
      db.prisma,
      t,
      brandId,
      Array.from({ length: 10 }, () => ({})),
    );
    const counts = await Promise.all([
      assignWaiting(deps(), t.organizationId, brandId),
      assignWaiting(deps(), t.organizationId, brandId),
    ]);
    expect(counts[0] + counts[1]).toBe(6);
    const events = await db.prisma.conversationEvent.groupBy({
      by: ['conversationId'],
      where: { organizationId: t.organizationId, type: 'assigned' },
      _count: { _all: true },
    });
    expect(events).toHaveLength(6);
    expect(events.every((e) => e._count._all === 1)).toBe(true);
    const rows = await assigneesOf(db.prisma, ids);
    for (const role of ['admin', 'manager', 'agent'] as const) {
      expect(rows.filter((r) => r.assigneeUserId === t.users[role].userId)).toHaveLength(2);
    }
  });

  it('routing.setMode: managers only, audited, own brands only; getSettings for workers', async () => {
    const t: TenantFixture = await tenant();
    const other = await tenant();
    const org = { organizationId: t.organizationId };
    const manager = await callerFor(db.prisma, t.users.manager.userId);
    expect(await manager.routing.setMode({ ...org, brandId: t.brandIds[0]!, mode: 'least_loaded' })).toMatchObject({
      brandId: t.brandIds[0],
      assignmentMode: 'least_loaded',
    });
    const audit = await db.prisma.auditLog.findMany({
      where: { organizationId: t.organizationId, action: 'routing.setMode' },
      select: { before: true, after: true, targetId: true },
    });
    expect(audit).toEqual([
      { targetId: t.brandIds[0], before: { assignmentMode: 'manual' }, after: { assignmentMode: 'least_loaded' } },
    ]);
    const agent = await callerFor(db.prisma, t.users.agent.userId);
    expect(await outcome(agent.routing.setMode({ ...org, brandId: t.brandIds[0]!, mode: 'manual' }))).toBe('FORBIDDEN');
    const settings = await agent.routing.getSettings(org);
    expect(settings.map((s) => [s.brandId, s.assignmentMode])).toEqual(
      expect.arrayContaining([
        [t.brandIds[0], 'least_loaded'],
        [t.brandIds[1], 'manual'],
      ]),
    );
    const foreign = manager.routing.setMode({ ...org, brandId: other.brandIds[0]!, mode: 'round_robin' });
    expect(await outcome(foreign)).toBe('NOT_FOUND');
    expect(await outcome(manager.routing.setMode({ ...org, brandId: t.brandIds[0]!, mode: 'fifo' as never }))).toBe(
      'BAD_REQUEST',
    );
    // A manager limited to the first brand neither sees nor changes the second.
    await db.prisma.membership.update({
      where: { id: t.users.manager.membershipId },
      data: { brandIds: [t.brandIds[0]!] },
    });
    const limited = await callerFor(db.prisma, t.users.manager.userId);
    expect((await limited.routing.getSettings(org)).map((s) => s.brandId)).toEqual([t.brandIds[0]]);
    expect(await outcome(limited.routing.setMode({ ...org, brandId: t.brandIds[1]!, mode: 'round_robin' }))).toBe(
      'NOT_FOUND',
    );
    const modes = await db.prisma.brand.findMany({
      where: { id: { in: [t.brandIds[1]!, other.brandIds[0]!] } },
      select: { assignmentMode: true },
    });
    expect(modes.every((m) => m.assignmentMode === 'manual')).toBe(true);
  });
});
