import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/test-database.ts';
import { callerFor, createTenant } from '../../../test/harness.ts';
import { outcome } from '../../../test/procedure-samples.ts';

describe('members', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.dispose());

  it('removing a member ends their access to the organization at once, with their live session', async () => {
    const t = await createTenant(db.prisma, 'Removal Air');
    const agent = await callerFor(db.prisma, t.users.agent.userId);
    expect(await outcome(agent.brands.list({ organizationId: t.organizationId }))).toBe('OK');
    const admin = await callerFor(db.prisma, t.users.admin.userId);
    await admin.members.remove({ organizationId: t.organizationId, membershipId: t.users.agent.membershipId });
    expect(await outcome(agent.brands.list({ organizationId: t.organizationId }))).toBe('NOT_FOUND');
    expect((await agent.auth.me())?.memberships).toEqual([]);
  });

  it('a role change takes effect on the next request', async () => {
    const t = await createTenant(db.prisma, 'Promotion Air');
    const agent = await callerFor(db.prisma, t.users.agent.userId);
    expect(await outcome(agent.audit.list({ organizationId: t.organizationId, limit: 5 }))).toBe('FORBIDDEN');
    const owner = await callerFor(db.prisma, t.users.owner.userId);
    await owner.members.changeRole({
      organizationId: t.organizationId,
      membershipId: t.users.agent.membershipId,
      role: 'admin',
    });
    expect(await outcome(agent.audit.list({ organizationId: t.organizationId, limit: 5 }))).toBe('OK');
  });

  it('keeps at least one owner, and only owners touch owners', async () => {
    const t = await createTenant(db.prisma, 'Owner Air');
    const owner = await callerFor(db.prisma, t.users.owner.userId);
    const admin = await callerFor(db.prisma, t.users.admin.userId);
    const org = t.organizationId;
    expect(
      await outcome(
        owner.members.changeRole({ organizationId: org, membershipId: t.users.owner.membershipId, role: 'admin' }),
      ),
    ).toBe('BAD_REQUEST');
    expect(await outcome(owner.members.remove({ organizationId: org, membershipId: t.users.owner.membershipId }))).toBe(
      'BAD_REQUEST',
    );
    expect(await outcome(admin.members.remove({ organizationId: org, membershipId: t.users.owner.membershipId }))).toBe(
      'FORBIDDEN',
    );
    expect(
      await outcome(
        admin.members.changeRole({ organizationId: org, membershipId: t.users.agent.membershipId, role: 'owner' }),
      ),
    ).toBe('FORBIDDEN');
    // With a second owner, the first may step down.
    await owner.members.changeRole({ organizationId: org, membershipId: t.users.admin.membershipId, role: 'owner' });
    expect(
      await outcome(
        owner.members.changeRole({ organizationId: org, membershipId: t.users.owner.membershipId, role: 'admin' }),
      ),
    ).toBe('OK');
  });

  it('a member limited to some brands lists only those', async () => {
    const t = await createTenant(db.prisma, 'Scoped Air');
    const owner = await callerFor(db.prisma, t.users.owner.userId);
    await owner.members.changeRole({
      organizationId: t.organizationId,
      membershipId: t.users.agent.membershipId,
      role: 'agent',
      brandIds: [t.brandIds[1]!],
    });
    const agent = await callerFor(db.prisma, t.users.agent.userId);
    const brands = await agent.brands.list({ organizationId: t.organizationId });
    expect(brands.map((b) => b.id)).toEqual([t.brandIds[1]]);
  });

  it('the audit log pages with a keyset cursor, newest first', async () => {
    const t = await createTenant(db.prisma, 'Audit Air');
    const owner = await callerFor(db.prisma, t.users.owner.userId);
    for (let i = 0; i < 5; i++) {
      await owner.brands.create({ organizationId: t.organizationId, name: `Brand ${i}`, timeZone: 'Europe/Paris' });
    }
    const first = await owner.audit.list({ organizationId: t.organizationId, limit: 3 });
    expect(first.items).toHaveLength(3);
    expect(first.items[0]!.after).toMatchObject({ name: 'Brand 4' });
    const second = await owner.audit.list({ organizationId: t.organizationId, limit: 3, cursor: first.nextCursor! });
    expect(second.items.map((i) => (i.after as { name: string }).name)).toEqual(['Brand 1', 'Brand 0']);
    expect(second.nextCursor).toBeNull();
    expect(first.items[0]!.actor?.email).toBe(t.users.owner.email);
  });
});
