import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/test-database.ts';
import { callerFor, createTenant, startTestServices, type Caller, type TenantFixture } from '../../test/harness.ts';
import { addMember, createUser } from '../seed/factories.ts';

describe('live: workspace settings changes reach open pages', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let services: Awaited<ReturnType<typeof startTestServices>>;
  let a: TenantFixture;
  let b: TenantFixture;
  let manager: Caller;
  let agent: Caller;
  const org = () => ({ organizationId: a.organizationId });

  beforeAll(async () => {
    db = await createTestDatabase();
    services = await startTestServices(db);
    a = await createTenant(db.prisma, 'Workspace Live Air');
    b = await createTenant(db.prisma, 'Workspace Live Rail');
    manager = await callerFor(db.prisma, a.users.manager.userId);
    agent = await callerFor(db.prisma, a.users.agent.userId);
  });
  afterAll(async () => {
    await services.stop();
    await db.dispose();
  });

  it('tag changes go to the tag brand, team and agent changes to every member; never to another tenant', async () => {
    const limited = await createUser(db.prisma, {
      email: 'limited@wslive.test',
      name: 'Limited',
      password: 'x'.repeat(12),
    });
    await addMember(db.prisma, a.organizationId, limited.id, 'agent', [a.brandIds[1]!]);
    const listeners = {
      agent: { caller: agent, input: org() },
      // Subscribed to the first brand only: still hears organization-wide facts.
      owner: { caller: await callerFor(db.prisma, a.users.owner.userId), input: { ...org(), brandId: a.brandIds[0]! } },
      // Limited to the second brand: does not hear the first brand's tags.
      limited: { caller: await callerFor(db.prisma, limited.id), input: org() },
      otherTenant: {
        caller: await callerFor(db.prisma, b.users.owner.userId),
        input: { organizationId: b.organizationId },
      },
    };
    const heard: Record<string, string[]> = {};
    let ready = 0;
    const readers = Object.entries(listeners).map(([who, { caller, input }]) => {
      heard[who] = [];
      return (async () => {
        for await (const event of await caller.live.events(input)) {
          if (event.type === 'job.dead') break;
          if (event.type === 'ready') ready++;
          else heard[who]!.push(event.type);
        }
      })();
    });
    while (ready < 4) await new Promise((r) => setTimeout(r, 20));

    const tag = await manager.tags.create({ ...org(), brandId: a.brandIds[0]!, name: 'Lost luggage' });
    await manager.tags.update({ ...org(), tagId: tag.id, color: '#2563eb' });
    await manager.teams.create({ ...org(), name: 'Night shift' });
    await agent.agents.setAvailability({ ...org(), availability: 'away' });
    await manager.agents.setCapacity({ ...org(), membershipId: a.users.agent.membershipId, capacity: 8 });
    await manager.tags.delete({ ...org(), tagId: tag.id });
    await new Promise((r) => setTimeout(r, 50));
    // An organization-wide event ends every stream (each tenant's).
    const at = new Date().toISOString();
    await services.bus.publish([
      { organizationId: a.organizationId, type: 'job.dead', at },
      { organizationId: b.organizationId, type: 'job.dead', at },
    ]);
    await Promise.all(readers);

    const all = ['tags.changed', 'tags.changed', 'teams.changed', 'agents.changed', 'agents.changed', 'tags.changed'];
    expect(heard).toEqual({
      agent: all,
      owner: all,
      limited: ['teams.changed', 'agents.changed', 'agents.changed'],
      otherTenant: [],
    });
  });
});
