import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../../test/eventually.ts';
import { callerFor, createTenant, startTestServices, type TenantFixture } from '../../../test/harness.ts';
import { outcome } from '../../../test/procedure-samples.ts';
import { createTestDatabase } from '../../../test/test-database.ts';
import type { LiveEvent } from '../../live/event-bus.ts';
import { subscribeBrand } from '../../seed/factories.ts';
import { enrich } from '../enrichment/index.ts';
import { storeMentionBatch } from '../ingest/mention-batch.ts';
import { applyDueSubscriptions } from './billing-clock.ts';
import { periodOf } from './billing-period.ts';
import { dropEntitlements } from './entitlements.ts';
import { releaseDueHeldMentions, releaseHeldMentions, startHeldReleaseWorker } from './quota-release.ts';
import { heldTestMention, setMonthUsage } from './quota.testing.ts';

const log = pino({ level: process.env.TEST_LOG ?? 'silent' });

/**
 * Releasing held mentions (docs/billing.md, "Quotas: hold and warnings"): on an upgrade, all of them at once (a job
 * asked for by the plan change); on a new month, up to the quota; never twice, even from two releases at once. And
 * the over-quota view that shows them meanwhile.
 */
describe('quota: held mentions are released by an upgrade or a new period, once', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let services: Awaited<ReturnType<typeof startTestServices>>;
  const published: LiveEvent[] = [];
  let n = 0;

  beforeAll(async () => {
    db = await createTestDatabase();
    services = await startTestServices(db);
    const bus = {
      ...services.bus,
      publish: (events: readonly LiveEvent[]) => {
        published.push(...events);
        return Promise.resolve();
      },
    };
    await startHeldReleaseWorker({ db: db.prisma, queue: services.queue, bus, enrich, log });
  });
  afterAll(async () => {
    await services.stop();
    await db.dispose();
  });

  /** A tenant whose first brand is on Free with its quota used up this month and `held` posts held, in order. */
  async function overQuota(held: number) {
    const t = await createTenant(db.prisma, `Release ${++n}`);
    const brandId = t.brandIds[0]!;
    await db.prisma.subscription.deleteMany({ where: { organizationId: t.organizationId, brandId } });
    dropEntitlements(t.organizationId);
    await setUsage(t, brandId, 1000, new Date());
    const posts = Array.from({ length: held }, (_, i) =>
      heldTestMention({ postedAt: new Date(Date.now() - (held - i) * 1000) }),
    );
    const scope = { organizationId: t.organizationId, brandId, channelId: t.webhookChannelId, network: 'webhook' };
    // One post per batch: each is received after the previous one.
    for (const post of posts) {
      await db.prisma.$transaction((tx) => storeMentionBatch(tx, { enrich }, scope, [post]));
    }
    expect(await db.prisma.heldMention.count({ where: { brandId } })).toBe(held);
    return { t, brandId, posts };
  }
  const setUsage = (t: TenantFixture, brandId: string, quantity: number, at?: Date) =>
    setMonthUsage(db.prisma, t.organizationId, brandId, quantity, at);
  const stored = async (brandId: string) =>
    (
      await db.prisma.mention.findMany({
        where: { brandId },
        select: { externalId: true, conversationId: true },
        orderBy: { id: 'asc' },
      })
    ).map((m) => m.externalId);
  const deps = () => ({ db: db.prisma, enrich, bus: services.bus, queue: services.queue, log });

  it('the over-quota view lists them to those who work the inbox, with the brand’s figures; counts for all', async () => {
    const { t, brandId, posts } = await overQuota(3);
    const org = { organizationId: t.organizationId };
    const agent = await callerFor(db.prisma, t.users.agent.userId);
    const first = await agent.quota.held({ ...org, brandId, limit: 2 });
    expect(first.quota).toMatchObject({
      brandId,
      planId: 'free',
      used: 1000,
      monthlyMentions: 1000,
      holdsOverQuota: true,
      held: 3,
      periodEnd: periodOf(new Date()).end.toISOString(),
    });
    expect(first.items.map((i) => i.text)).toEqual(posts.slice(0, 2).map((p) => p.text));
    expect(first.items[0]).toMatchObject({ username: posts[0]!.author.username, network: 'webhook' });
    const second = await agent.quota.held({ ...org, brandId, limit: 2, cursor: first.nextCursor });
    expect(second.items.map((i) => i.text)).toEqual([posts[2]!.text]);
    expect(second.nextCursor).toBeNull();

    const billing = await callerFor(db.prisma, t.users.billing_admin.userId);
    expect(await billing.quota.heldCounts(org)).toEqual([{ brandId, held: 3, capped: false }]);
    expect(await outcome(billing.quota.held({ ...org, brandId }))).toBe('FORBIDDEN');
    // A member limited to the other brand sees neither this brand's held mentions nor its count.
    await db.prisma.membership.update({
      where: { id: t.users.agent.membershipId },
      data: { brandIds: [t.brandIds[1]!] },
    });
    const limited = await callerFor(db.prisma, t.users.agent.userId);
    expect(await outcome(limited.quota.held({ ...org, brandId }))).toBe('NOT_FOUND');
    expect(await limited.quota.heldCounts(org)).toEqual([]);
  });

  it('an upgrade releases them all at once, oldest first, into the inbox and the month’s usage', async () => {
    const { t, brandId, posts } = await overQuota(4);
    const org = { organizationId: t.organizationId };
    const billing = await callerFor(db.prisma, t.users.billing_admin.userId);
    const preview = await billing.billing.previewChange({ ...org, brandId, planId: 'pro', seats: 5 });
    published.length = 0;
    await billing.billing.confirmChange({
      ...org,
      brandId,
      previewToken: preview.previewToken,
      expectedVersion: 0,
      idempotencyKey: `upgrade-release-${n}`,
    });
    await eventually(async () => (await db.prisma.heldMention.count({ where: { brandId } })) === 0);
    await eventually(() => Promise.resolve(published.some((e) => e.type === 'quota.changed' && e.brandId === brandId)));
    expect(await stored(brandId)).toEqual(posts.map((p) => p.externalId));
    expect(await db.prisma.conversation.count({ where: { brandId } })).toBe(4);
    expect(published.filter((e) => e.type === 'conversation.created' && e.brandId === brandId)).toHaveLength(4);
    const usage = await db.prisma.usageRecord.findFirstOrThrow({
      where: { brandId, metric: 'mentions', periodStart: periodOf(new Date()).start },
    });
    expect(usage.quantity).toBe(1004);
    const agent = await callerFor(db.prisma, t.users.agent.userId);
    expect(await agent.quota.heldCounts(org)).toEqual([]);
  });

  it('a new month releases up to its quota, oldest first; the rest waits', async () => {
    const { t, brandId, posts } = await overQuota(5);
    const nextMonth = periodOf(new Date()).end;
    const now = () => new Date(nextMonth.getTime() + 3_600_000);
    // Still this month: nothing to release.
    expect(await releaseHeldMentions(deps(), { organizationId: t.organizationId, brandId })).toBe(0);
    await setUsage(t, brandId, 997, now());
    expect(await releaseHeldMentions(deps(), { organizationId: t.organizationId, brandId }, { now })).toBe(3);
    expect(await stored(brandId)).toEqual(posts.slice(0, 3).map((p) => p.externalId));
    const left = await db.prisma.heldMention.findMany({ where: { brandId }, select: { externalId: true } });
    expect(left.map((h) => h.externalId).sort()).toEqual(
      posts
        .slice(3)
        .map((p) => p.externalId)
        .sort(),
    );
    const usage = await db.prisma.usageRecord.findFirstOrThrow({
      where: { brandId, metric: 'mentions', periodStart: periodOf(now()).start },
    });
    expect(usage.quantity).toBe(1000);
    // The next tick finds the month's quota used: the rest stays held (other tenants' brands may be released).
    await releaseDueHeldMentions(deps(), now);
    expect(await db.prisma.heldMention.count({ where: { brandId } })).toBe(2);
  });

  it('the billing clock releases what a trial lets in; two releases at once store each post once', async () => {
    const { t, brandId, posts } = await overQuota(6);
    await subscribeBrand(db.prisma, t.organizationId, brandId, 'pro');
    dropEntitlements(t.organizationId);
    const target = { organizationId: t.organizationId, brandId };
    const counts = await Promise.all([
      releaseHeldMentions(deps(), target),
      releaseHeldMentions(deps(), target),
      releaseDueHeldMentions(deps()),
    ]);
    expect(counts[0] + counts[1] + counts[2]).toBe(6);
    expect((await stored(brandId)).sort()).toEqual(posts.map((p) => p.externalId).sort());
    expect(await db.prisma.mention.count({ where: { brandId } })).toBe(6);
    expect(await db.prisma.heldMention.count({ where: { brandId } })).toBe(0);
    const usage = await db.prisma.usageRecord.findFirstOrThrow({
      where: { brandId, metric: 'mentions', periodStart: periodOf(new Date()).start },
    });
    expect(usage.quantity).toBe(1006);
    // The clock still ticks as before.
    await applyDueSubscriptions({ db: db.prisma, bus: services.bus }, new Date());
  });
});
