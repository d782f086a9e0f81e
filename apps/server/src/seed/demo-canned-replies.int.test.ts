import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor } from '../../test/harness.ts';
import { createTestDatabase } from '../../test/test-database.ts';
import { DEMO_CANNED_REPLIES, seedDemoCannedReplies } from './demo-canned-replies.ts';
import { demoEmail, DEMO_ORGS, seedDemo } from './demo.ts';

describe('demo canned replies: what agents find behind / on day one', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemo(db.prisma);
  });
  afterAll(() => db.dispose());

  async function signedIn(orgIndex: number, local: string) {
    const org = DEMO_ORGS[orgIndex]!;
    const user = await db.prisma.user.findUniqueOrThrow({
      where: { email: demoEmail(org, local) },
      select: { id: true, memberships: { select: { organizationId: true } } },
    });
    return { organizationId: user.memberships[0]!.organizationId, caller: await callerFor(db.prisma, user.id) };
  }

  it('a Skyward agent finds the French delay apology by its shortcut, and every brand has its set', async () => {
    const { organizationId, caller: agent } = await signedIn(0, 'agent1');
    const brands = await agent.brands.list({ organizationId });
    const air = brands.find((b) => b.name === 'Skyward Air')!;
    const found = await agent.cannedReplies.list({ organizationId, brandId: air.id, search: 'retard', language: 'fr' });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ name: 'Retard — excuses', shortcut: 'retard', language: 'fr', useCount: 0 });
    for (const brand of brands) {
      const listed = await agent.cannedReplies.list({ organizationId, brandId: brand.id });
      const expected = DEMO_CANNED_REPLIES['skyward-air']!.filter((r) => r.brand === brand.name);
      expect(listed.map((r) => r.shortcut).sort(), brand.name).toEqual(expected.map((r) => r.shortcut).sort());
    }
  });

  it('Northwind has its outage acknowledgement, written by the manager', async () => {
    const { organizationId, caller: manager } = await signedIn(1, 'manager');
    const [brand] = await manager.brands.list({ organizationId });
    const [outage] = await manager.cannedReplies.list({ organizationId, brandId: brand!.id, search: 'outage' });
    expect(outage).toMatchObject({ name: 'Outage acknowledgement', shortcut: 'outage' });
    const row = await db.prisma.cannedReply.findUniqueOrThrow({ where: { id: outage!.id } });
    const managerUser = await db.prisma.user.findUniqueOrThrow({
      where: { email: demoEmail(DEMO_ORGS[1]!, 'manager') },
    });
    expect(row.createdByUserId).toBe(managerUser.id);
  });

  it('seeding again changes nothing', async () => {
    const before = await db.prisma.cannedReply.findMany({ orderBy: { id: 'asc' } });
    const org = await db.prisma.organization.findUniqueOrThrow({ where: { slug: 'skyward-air' } });
    const brands = await db.prisma.brand.findMany({ where: { organizationId: org.id } });
    await db.prisma.$transaction((tx) =>
      seedDemoCannedReplies(tx, org.id, 'skyward-air', {
        users: new Map(),
        brands: new Map(brands.map((b) => [b.name, b.id])),
      }),
    );
    expect(await seedDemo(db.prisma)).toBe(false);
    expect(await db.prisma.cannedReply.findMany({ orderBy: { id: 'asc' } })).toEqual(before);
  });
});
