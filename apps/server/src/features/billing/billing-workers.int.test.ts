import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/test-database.ts';
import { createTenant, type TenantFixture } from '../../../test/harness.ts';
import { createLocalEventBus, type LiveEvent } from '../../live/event-bus.ts';
import { subscribeBrand } from '../../seed/factories.ts';
import { enrich } from '../enrichment/index.ts';
import { storeMentionBatch } from '../ingest/mention-batch.ts';
import type { NormalizedMention } from '../ingest/normalized-mention.ts';
import { assignWaiting } from '../routing/assign-waiting.ts';
import { conversationsOf, routedBrand } from '../routing/routing.testing.ts';
import { applyDueSubscriptions } from './billing-clock.ts';
import { dropEntitlements } from './entitlements.ts';

/**
 * The plan gates of the workers (docs/billing.md): automatic assignment and sentiment/priority triage run only for
 * brands whose plan includes them, and the billing clock moves subscriptions on time.
 */
describe('billing: the workers follow the plan', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let n = 0;
  const tenant = () => createTenant(db.prisma, `Billing workers ${++n}`);

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.dispose());

  async function onFree(t: TenantFixture, brandId: string) {
    await db.prisma.subscription.deleteMany({ where: { organizationId: t.organizationId, brandId } });
    dropEntitlements(t.organizationId);
  }

  const mention = (id: string, text: string): NormalizedMention => ({
    externalId: id,
    kind: 'mention',
    text,
    inReplyToExternalId: null,
    threadExternalId: null,
    postedAt: new Date(),
    author: {
      externalUserId: `author-${id}`,
      username: `traveller${id}`,
      displayName: 'Traveller',
      followers: 10,
      verified: false,
      profileUrl: null,
    },
    raw: {},
  });

  it('automatic assignment waits on Free and runs once the brand is on Pro', async () => {
    const t = await tenant();
    const { brandId } = await routedBrand(db.prisma, t, 'round_robin', { agent: {}, manager: {} });
    await conversationsOf(db.prisma, t, brandId, [{}, {}]);
    const bus = createLocalEventBus();
    await onFree(t, brandId);
    expect(await assignWaiting({ db: db.prisma, bus }, t.organizationId, brandId)).toBe(0);
    await subscribeBrand(db.prisma, t.organizationId, brandId, 'pro');
    dropEntitlements(t.organizationId);
    expect(await assignWaiting({ db: db.prisma, bus }, t.organizationId, brandId)).toBe(2);
  });

  it('on Free a mention gets no sentiment nor computed priority; on Enterprise it does — every mention is stored', async () => {
    const t = await tenant();
    const [paid, free] = t.brandIds as [string, string];
    await onFree(t, free);
    const channels = await Promise.all(
      [paid, free].map((brandId) =>
        db.prisma.channel.create({
          data: { organizationId: t.organizationId, brandId, kind: 'webhook', name: `hook ${brandId}` },
          select: { id: true },
        }),
      ),
    );
    const angry = 'URGENT my flight was cancelled and nobody helps, this is a disgrace, terrible service';
    for (const [i, brandId] of [paid, free].entries()) {
      await db.prisma.$transaction((tx) =>
        storeMentionBatch(
          tx,
          { enrich },
          { organizationId: t.organizationId, brandId, channelId: channels[i]!.id, network: 'webhook' },
          [mention(`m${i}`, angry)],
        ),
      );
    }
    const rows = await db.prisma.mention.findMany({
      where: { organizationId: t.organizationId },
      select: { brandId: true, sentiment: true, priorityScore: true, language: true },
    });
    expect(rows).toHaveLength(2);
    const paidRow = rows.find((r) => r.brandId === paid)!;
    const freeRow = rows.find((r) => r.brandId === free)!;
    expect(paidRow.sentiment).toBe('negative');
    expect(paidRow.priorityScore).not.toBeNull();
    expect(freeRow).toMatchObject({ sentiment: null, priorityScore: null, language: paidRow.language });
    const conversations = await db.prisma.conversation.findMany({
      where: { organizationId: t.organizationId },
      select: { brandId: true, priority: true },
    });
    expect(conversations.find((c) => c.brandId === free)!.priority).toBe('normal');
  });

  it('the clock ends trials, applies scheduled downgrades at the period end, and tells open browsers', async () => {
    const t = await tenant();
    const [trialBrand, downBrand] = t.brandIds as [string, string];
    const periodEnd = new Date(Date.UTC(2026, 10, 1));
    await db.prisma.subscription.update({
      where: { brandId: trialBrand },
      data: {
        planId: 'pro',
        state: 'trialing',
        trialEndsAt: new Date(periodEnd.getTime() - 3_600_000),
        trialUsed: true,
        cancelAtPeriodEnd: true,
        currentPeriodStart: new Date(Date.UTC(2026, 9, 1)),
        currentPeriodEnd: periodEnd,
      },
    });
    await db.prisma.subscription.update({
      where: { brandId: downBrand },
      data: {
        scheduledPlanId: 'pro',
        scheduledSeats: 6,
        currentPeriodStart: new Date(Date.UTC(2026, 9, 1)),
        currentPeriodEnd: periodEnd,
      },
    });
    const bus = createLocalEventBus();
    const heard: LiveEvent[] = [];
    bus.subscribe(t.organizationId, (e) => heard.push(e));
    const now = new Date(Date.UTC(2026, 10, 1, 0, 1));
    expect(await applyDueSubscriptions({ db: db.prisma, bus }, now)).toBeGreaterThanOrEqual(2);
    const subs = await db.prisma.subscription.findMany({ where: { organizationId: t.organizationId } });
    expect(subs.find((s) => s.brandId === trialBrand)).toMatchObject({ planId: 'free', state: 'canceled' });
    expect(subs.find((s) => s.brandId === downBrand)).toMatchObject({
      planId: 'pro',
      seats: 6,
      scheduledPlanId: null,
      currentPeriodStart: new Date(Date.UTC(2026, 10, 1)),
    });
    expect(
      heard
        .filter((e) => e.type === 'plan.changed')
        .map((e) => e.brandId)
        .sort(),
    ).toEqual([trialBrand, downBrand].sort());
    const audit = await db.prisma.auditLog.findMany({
      where: { organizationId: t.organizationId, action: 'billing.clock' },
      select: { actorUserId: true, targetId: true },
    });
    expect(audit.map((a) => a.targetId).sort()).toEqual([trialBrand, downBrand].sort());
    // Nothing is due any more: a second pass changes nothing.
    expect(
      await db.prisma.subscription.count({
        where: { organizationId: t.organizationId, currentPeriodEnd: { lte: now } },
      }),
    ).toBe(0);
  });
});
