import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor } from '../../test/harness.ts';
import { createTestDatabase } from '../../test/test-database.ts';
import { demoEmail, DEMO_ORGS, seedDemo } from './demo.ts';

describe('demo workspace: teams, shifts and tags an agent works with', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemo(db.prisma);
  });
  afterAll(() => db.dispose());

  it('Skyward agents see their teams, who is online with what capacity, and the brand tags', async () => {
    const skyward = DEMO_ORGS[0]!;
    const user = await db.prisma.user.findUniqueOrThrow({
      where: { email: demoEmail(skyward, 'agent1') },
      select: { id: true, memberships: { select: { organizationId: true } } },
    });
    const organizationId = user.memberships[0]!.organizationId;
    const agent = await callerFor(db.prisma, user.id);

    const teams = await agent.teams.list({ organizationId });
    const care = teams.find((t) => t.name === 'Passenger care');
    expect(care?.members.map((m) => m.name).sort()).toEqual(['Camille Durand', 'Chloé Petit', 'Lucas Bernard']);
    expect(care?.brandIds).toHaveLength(1);

    const agents = await agent.agents.list({ organizationId });
    expect(agents.find((a) => a.name === 'Camille Durand')).toMatchObject({ availability: 'online', capacity: 8 });
    expect(agents.find((a) => a.name === 'Hugo Robert')).toMatchObject({ availability: 'offline' });

    const tags = await agent.tags.list({ organizationId });
    expect(tags.map((t) => t.name)).toEqual(expect.arrayContaining(['baggage', 'delays', 'praise', 'shipments']));
  });
});
