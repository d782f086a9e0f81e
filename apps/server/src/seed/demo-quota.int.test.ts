import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor } from '../../test/harness.ts';
import { createTestDatabase } from '../../test/test-database.ts';
import { enrich } from '../features/enrichment/index.ts';
import { releaseDueHeldMentions } from '../features/billing/quota-release.ts';
import { demoEmail, DEMO_ORGS, seedDemo } from './demo.ts';

describe('demo: Skyward Cargo (Free) is over its quota with a dozen mentions held', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemo(db.prisma);
  });
  afterAll(() => db.dispose());

  async function signedIn(local: string) {
    const user = await db.prisma.user.findUniqueOrThrow({
      where: { email: demoEmail(DEMO_ORGS[0]!, local) },
      select: { id: true, memberships: { select: { organizationId: true } } },
    });
    return { organizationId: user.memberships[0]!.organizationId, caller: await callerFor(db.prisma, user.id) };
  }

  it('shows 12 held mentions over a used-up quota, which the billing clock leaves held', async () => {
    const { organizationId, caller: agent } = await signedIn('agent4');
    const cargo = await db.prisma.brand.findFirstOrThrow({ where: { organizationId, name: 'Skyward Cargo' } });
    // The clock's step finds the month's quota used: nothing is released.
    expect(await releaseDueHeldMentions({ db: db.prisma, enrich })).toBe(0);
    const page = await agent.quota.held({ organizationId, brandId: cargo.id, limit: 50 });
    expect(page.quota).toMatchObject({
      planId: 'free',
      used: 1000,
      monthlyMentions: 1000,
      holdsOverQuota: true,
      held: 12,
    });
    expect(page.items).toHaveLength(12);
    expect(page.items[0]!.text).toMatch(/^@SkywardCargo /);

    // The owner and the billing admin were warned; the billing admin sees it in their bell.
    const { caller: billing } = await signedIn('billing');
    const bell = await billing.notifications.list({ organizationId, limit: 10 });
    expect(bell.items.map((i) => i.kind)).toEqual(['quota_warning']);
    expect(bell.items[0]!.quota).toMatchObject({ brandName: 'Skyward Cargo', threshold: 100, holds: true });
    expect(await billing.quota.heldCounts({ organizationId })).toEqual([
      { brandId: cargo.id, held: 12, capped: false },
    ]);
  });
});
