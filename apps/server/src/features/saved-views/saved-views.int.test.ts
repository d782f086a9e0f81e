import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORKSPACE_LIMITS } from '@perch/shared';
import { createTestDatabase } from '../../../test/test-database.ts';
import { callerFor, createTenant, type TenantFixture } from '../../../test/harness.ts';
import { outcome } from '../../../test/procedure-samples.ts';
import { failure } from '../teams/workspace-settings.test-support.ts';

const definition = (filters: Record<string, unknown> = {}) => ({
  view: 'all_open' as const,
  filters,
  sort: 'newest' as const,
});

describe('saved views: personal and shared', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let a: TenantFixture;
  let b: TenantFixture;
  let org: { organizationId: string };
  let agent: Awaited<ReturnType<typeof callerFor>>;
  let manager: Awaited<ReturnType<typeof callerFor>>;

  beforeAll(async () => {
    db = await createTestDatabase();
    a = await createTenant(db.prisma, 'Views Air');
    b = await createTenant(db.prisma, 'Views Telecom');
    org = { organizationId: a.organizationId };
    agent = await callerFor(db.prisma, a.users.agent.userId);
    manager = await callerFor(db.prisma, a.users.manager.userId);
  });
  afterAll(() => db.dispose());

  it('an agent keeps personal views; defaults fill the definition; others do not see them', async () => {
    const tag = await manager.tags.create({ ...org, brandId: a.brandIds[0]!, name: 'Refund' });
    const view = await agent.savedViews.create({
      ...org,
      name: 'My refunds',
      definition: { filters: { tagIds: [tag.id], assigneeUserIds: ['none', a.users.agent.userId] } },
    });
    expect(view).toMatchObject({
      name: 'My refunds',
      shared: false,
      mine: true,
      editable: true,
      definition: { view: 'all_open', sort: 'priority', filters: { tagIds: [tag.id] } },
    });
    expect((await agent.savedViews.list(org)).map((v) => v.id)).toEqual([view.id]);
    expect(await manager.savedViews.list(org)).toEqual([]);
    // Someone else's personal view does not exist for a manager either.
    expect(await outcome(manager.savedViews.delete({ ...org, viewId: view.id }))).toBe('NOT_FOUND');
  });

  it('sharing is for managers: an agent gets FORBIDDEN, at creation and by update', async () => {
    const denied = await failure(
      agent.savedViews.create({ ...org, name: 'For all', shared: true, definition: definition() }),
    );
    expect(denied).toEqual({ code: 'FORBIDDEN', message: 'Only managers can share a view with the organization' });
    const own = await agent.savedViews.create({ ...org, name: 'Mine', definition: definition() });
    expect(await outcome(agent.savedViews.update({ ...org, viewId: own.id, shared: true }))).toBe('FORBIDDEN');
    expect(await db.prisma.savedView.count({ where: { organizationId: a.organizationId, shared: true } })).toBe(0);
  });

  it('a shared view reaches everyone; only managers change it', async () => {
    const shared = await manager.savedViews.create({
      ...org,
      name: 'Urgent everywhere',
      shared: true,
      definition: definition({ priorities: ['urgent'] }),
    });
    const seen = (await agent.savedViews.list(org)).find((v) => v.id === shared.id);
    expect(seen).toMatchObject({ shared: true, mine: false, editable: false });
    expect(await outcome(agent.savedViews.update({ ...org, viewId: shared.id, name: 'Mine now' }))).toBe('FORBIDDEN');
    expect(await outcome(agent.savedViews.delete({ ...org, viewId: shared.id }))).toBe('FORBIDDEN');
    const admin = await callerFor(db.prisma, a.users.admin.userId);
    expect((await admin.savedViews.update({ ...org, viewId: shared.id, name: 'Urgent (all brands)' })).name).toBe(
      'Urgent (all brands)',
    );
    expect(await admin.savedViews.delete({ ...org, viewId: shared.id })).toEqual({ id: shared.id });
  });

  it('validates the definition strictly and the name bound', async () => {
    const bad = [
      { ...org, name: 'x', definition: { view: 'everything', filters: {}, sort: 'priority' } },
      { ...org, name: 'x', definition: { ...definition(), extra: 1 } },
      { ...org, name: 'x', definition: definition({ unknownFilter: ['a'] }) },
      { ...org, name: 'x'.repeat(WORKSPACE_LIMITS.savedViewName + 1), definition: definition() },
    ];
    for (const input of bad) expect(await outcome(agent.savedViews.create(input as never))).toBe('BAD_REQUEST');
  });

  it("ids inside filters must be the organization's: another tenant's (alone or mixed) → NOT_FOUND, nothing saved", async () => {
    const foreignTag = await (
      await callerFor(db.prisma, b.users.manager.userId)
    ).tags.create({
      organizationId: b.organizationId,
      brandId: b.brandIds[0]!,
      name: 'Foreign',
    });
    const before = await db.prisma.savedView.count();
    const foreign = [
      { brandIds: [a.brandIds[0], b.brandIds[0]] },
      { tagIds: [foreignTag.id] },
      { channelIds: [b.webhookChannelId] },
      { assigneeUserIds: [b.users.agent.userId] },
      { teamIds: ['00000000-0000-4000-8000-000000000000'] },
    ];
    for (const filters of foreign) {
      const result = await outcome(
        agent.savedViews.create({ ...org, name: 'Foreign', definition: definition(filters) }),
      );
      expect({ filters, result }).toEqual({ filters, result: 'NOT_FOUND' });
    }
    expect(await db.prisma.savedView.count()).toBe(before);
  });

  it(`caps personal views at ${WORKSPACE_LIMITS.savedViewsPerUser} per user`, async () => {
    const owner = await callerFor(db.prisma, a.users.owner.userId);
    const rows = Array.from({ length: WORKSPACE_LIMITS.savedViewsPerUser }, (_, i) => ({
      organizationId: a.organizationId,
      ownerUserId: a.users.owner.userId,
      name: `View ${i}`,
      definition: { view: 'all_open', filters: {}, sort: 'newest' },
      position: i,
    }));
    await db.prisma.savedView.createMany({ data: rows });
    const over = await failure(owner.savedViews.create({ ...org, name: 'One too many', definition: definition() }));
    expect(over.code).toBe('BAD_REQUEST');
  });

  it('reorders the views the caller may edit', async () => {
    const first = await agent.savedViews.create({ ...org, name: 'First', definition: definition() });
    const second = await agent.savedViews.create({ ...org, name: 'Second', definition: definition() });
    const listed = await agent.savedViews.reorder({ ...org, viewIds: [second.id, first.id] });
    const order = listed.filter((v) => v.id === first.id || v.id === second.id).map((v) => v.name);
    expect(order).toEqual(['Second', 'First']);
    expect(await outcome(agent.savedViews.reorder({ ...org, viewIds: [first.id, first.id] }))).toBe('BAD_REQUEST');
  });
});
