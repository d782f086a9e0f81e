import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, createTenant, startTestServices, type TenantFixture } from '../../../test/harness.ts';
import { createTestDatabase } from '../../../test/test-database.ts';
import { enrich } from '../enrichment/index.ts';
import { storeMentionBatch } from '../ingest/mention-batch.ts';
import type { MentionDeletion, NormalizedMention } from '../ingest/normalized-mention.ts';
import { periodOf } from './billing-period.ts';
import { dropEntitlements } from './entitlements.ts';
import { reviveHeld, serializeHeld } from './quota-hold.ts';
import { heldTestMention, setMonthUsage } from './quota.testing.ts';

/**
 * The over-quota hold and the quota warnings (docs/billing.md, "Quotas: hold and warnings"), through the ingest
 * step every path ends in (storeMentionBatch), on both databases.
 */
describe('quota: hold over a Free quota, and warnings at 80 % and 100 %', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let services: Awaited<ReturnType<typeof startTestServices>>;
  let n = 0;

  beforeAll(async () => {
    db = await createTestDatabase();
    services = await startTestServices(db);
  });
  afterAll(async () => {
    await services.stop();
    await db.dispose();
  });

  /** A tenant whose first brand is on Free (no subscription), with `used` mentions metered this month. */
  async function freeTenant(used: number) {
    const t = await createTenant(db.prisma, `Quota ${++n}`);
    const brandId = t.brandIds[0]!;
    await db.prisma.subscription.deleteMany({ where: { organizationId: t.organizationId, brandId } });
    dropEntitlements(t.organizationId);
    await setUsage(t, brandId, used);
    return { t, brandId, scope: scopeOf(t, brandId, t.webhookChannelId) };
  }
  const scopeOf = (t: TenantFixture, brandId: string, channelId: string) => ({
    organizationId: t.organizationId,
    brandId,
    channelId,
    network: 'webhook',
  });
  const setUsage = (t: TenantFixture, brandId: string, quantity: number, at?: Date) =>
    setMonthUsage(db.prisma, t.organizationId, brandId, quantity, at);
  const usage = async (t: TenantFixture, brandId: string, at = new Date()) =>
    (
      await db.prisma.usageRecord.findFirst({
        where: { organizationId: t.organizationId, brandId, metric: 'mentions', periodStart: periodOf(at).start },
        select: { quantity: true },
      })
    )?.quantity ?? 0;
  const store = (scope: ReturnType<typeof scopeOf>, mentions: NormalizedMention[], deletions: MentionDeletion[] = []) =>
    db.prisma.$transaction((tx) => storeMentionBatch(tx, { enrich }, scope, mentions, deletions));
  const batch = (count: number) => Array.from({ length: count }, () => heldTestMention());
  const heldIds = async (brandId: string) =>
    (
      await db.prisma.heldMention.findMany({
        where: { brandId },
        orderBy: [{ receivedAt: 'asc' }, { id: 'asc' }],
        select: { externalId: true },
      })
    ).map((h) => h.externalId);
  const storedIds = async (brandId: string) =>
    (await db.prisma.mention.findMany({ where: { brandId }, select: { externalId: true } })).map((m) => m.externalId);

  it('over a Free quota, posts beyond it are held in batch order: not threaded, not stored, not metered', async () => {
    const { t, brandId, scope } = await freeTenant(997);
    const posts = batch(5);
    const result = await store(scope, posts);
    expect(result).toMatchObject({ stored: 3, held: 2, duplicates: 0 });
    expect(result.live.filter((e) => e.type === 'quota.changed')).toHaveLength(1);
    expect((await storedIds(brandId)).sort()).toEqual(
      posts
        .slice(0, 3)
        .map((p) => p.externalId)
        .sort(),
    );
    expect(await heldIds(brandId)).toEqual(posts.slice(3).map((p) => p.externalId));
    expect(await usage(t, brandId)).toBe(1000);
    // Held authors are not customers yet, and no conversation holds their posts.
    const handles = await db.prisma.handle.count({
      where: {
        organizationId: t.organizationId,
        externalUserId: { in: posts.slice(3).map((p) => p.author.externalUserId) },
      },
    });
    expect(handles).toBe(0);
    expect(await db.prisma.conversation.count({ where: { brandId } })).toBe(3);

    // The payload revives the post exactly as ingest received it.
    const row = await db.prisma.heldMention.findFirstOrThrow({ where: { externalId: posts[3]!.externalId } });
    expect(reviveHeld(row.payload)).toEqual(posts[3]);
    expect(row).toMatchObject({ network: 'webhook', organizationId: t.organizationId, postedAt: posts[3]!.postedAt });
  });

  it('a held post delivered again is a duplicate, held once; the network deleting it drops the held copy', async () => {
    const { brandId, scope } = await freeTenant(1000);
    const posts = batch(3);
    expect(await store(scope, posts)).toMatchObject({ stored: 0, held: 3 });
    const again = await store(scope, [...posts, posts[0]!]);
    expect(again).toMatchObject({ stored: 0, held: 0, duplicates: 4 });
    expect(again.live).toEqual([]);
    expect(await heldIds(brandId)).toHaveLength(3);

    const deletion = { externalId: posts[1]!.externalId, authorExternalUserId: posts[1]!.author.externalUserId };
    const deleted = await store(scope, [], [deletion]);
    expect(deleted.deleted).toBe(1);
    expect(deleted.live.map((e) => e.type)).toEqual(['quota.changed']);
    expect(await heldIds(brandId)).toEqual([posts[0]!.externalId, posts[2]!.externalId]);
  });

  it('outbound posts and posts of earlier months are never held; they are stored and metered', async () => {
    const { t, brandId, scope } = await freeTenant(1000);
    const lastMonth = new Date(periodOf(new Date()).start.getTime() - 86_400_000);
    const old = heldTestMention({ postedAt: lastMonth });
    const own = heldTestMention({ kind: 'outbound' });
    const result = await store(scope, [old, own, heldTestMention()]);
    expect(result).toMatchObject({ stored: 2, held: 1 });
    expect((await storedIds(brandId)).sort()).toEqual([old.externalId, own.externalId].sort());
    expect(await usage(t, brandId)).toBe(1001);
    expect(await usage(t, brandId, lastMonth)).toBe(1);
  });

  it('a paid brand is never held, whatever its usage: its overage is billed', async () => {
    const t = await createTenant(db.prisma, `Quota paid ${++n}`);
    const brandId = t.brandIds[0]!;
    await setUsage(t, brandId, 100_000);
    const result = await store(scopeOf(t, brandId, t.webhookChannelId), batch(4));
    expect(result).toMatchObject({ stored: 4, held: 0 });
    expect(await heldIds(brandId)).toEqual([]);
    expect(await usage(t, brandId)).toBe(100_004);
  });

  it('warns the owners and billing admins once at 80 % and once at 100 %, with the figures', async () => {
    const { t, brandId, scope } = await freeTenant(795);
    // A second billing admin limited to the other brand is not told about this one.
    const other = await db.prisma.membership.update({
      where: { id: t.users.admin.membershipId },
      data: { role: 'billing_admin', brandIds: [t.brandIds[1]!] },
      select: { userId: true },
    });
    const warned = () =>
      db.prisma.notification.findMany({
        where: { organizationId: t.organizationId, kind: 'quota_warning' },
        select: { userId: true, data: true, conversationId: true },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      });

    expect(await store(scope, batch(4))).toMatchObject({ stored: 4 });
    expect(await warned()).toEqual([]);
    const crossing = await store(scope, batch(2));
    const eighty = await warned();
    expect(eighty.map((w) => w.userId).sort()).toEqual([t.users.owner.userId, t.users.billing_admin.userId].sort());
    expect(eighty[0]!.conversationId).toBeNull();
    expect(eighty[0]!.data).toMatchObject({
      brandId,
      threshold: 80,
      used: 801,
      quota: 1000,
      planId: 'free',
      holds: true,
    });
    expect((eighty[0]!.data as { brandName: string }).brandName).toBe(`Quota ${n} Main`);
    const told = crossing.live.filter((e) => e.type === 'notification.created').map((e) => e.userId);
    expect(told.sort()).toEqual([t.users.owner.userId, t.users.billing_admin.userId].sort());
    expect(told).not.toContain(other.userId);

    await store(scope, batch(3));
    expect(await warned()).toHaveLength(2);
    await setUsage(t, brandId, 998);
    expect(await store(scope, batch(5))).toMatchObject({ stored: 2, held: 3 });
    const all = await warned();
    expect(all).toHaveLength(4);
    expect(all.slice(2).map((w) => (w.data as { threshold: number }).threshold)).toEqual([100, 100]);
    await store(scope, batch(2));
    expect(await warned()).toHaveLength(4);
    expect(
      await db.prisma.quotaWarning.findMany({
        where: { brandId },
        select: { threshold: true },
        orderBy: { threshold: 'asc' },
      }),
    ).toEqual([{ threshold: 80 }, { threshold: 100 }]);

    // The billing admin reads it in their bell — and nothing about conversations, even one addressed to them.
    const conversationId = (await db.prisma.conversation.findFirstOrThrow({ where: { brandId }, select: { id: true } }))
      .id;
    await db.prisma.notification.create({
      data: {
        organizationId: t.organizationId,
        userId: t.users.billing_admin.userId,
        kind: 'assigned',
        conversationId,
        data: { excerpt: 'a conversation a billing admin must not read' },
      },
    });
    const billing = await callerFor(db.prisma, t.users.billing_admin.userId);
    const org = { organizationId: t.organizationId };
    const list = await billing.notifications.list({ ...org, limit: 20 });
    expect(list.items.map((i) => i.kind)).toEqual(['quota_warning', 'quota_warning']);
    expect(list.items[0]!.quota).toMatchObject({ brandId, threshold: 100, quota: 1000, holds: true });
    expect(list.items.every((i) => i.conversationId === null && i.excerpt === '')).toBe(true);
    expect(await billing.notifications.unreadCount(org)).toEqual({ count: 2 });
    expect(await billing.notifications.markRead(org)).toEqual({ marked: 2 });
    const hidden = await db.prisma.notification.findFirstOrThrow({
      where: { userId: t.users.billing_admin.userId, kind: 'assigned' },
    });
    expect(hidden.readAt).toBeNull();
    // Managers and agents get no quota warning.
    const agent = await callerFor(db.prisma, t.users.agent.userId);
    expect((await agent.notifications.list({ ...org, limit: 20 })).items).toEqual([]);
  });

  it('warns on a paid plan too, at 80 % of its quota (nothing is held there)', async () => {
    const t = await createTenant(db.prisma, `Quota paid warn ${++n}`);
    const brandId = t.brandIds[0]!;
    await setUsage(t, brandId, 79_999);
    await store(scopeOf(t, brandId, t.webhookChannelId), batch(1));
    const [warning] = await db.prisma.notification.findMany({
      where: { organizationId: t.organizationId, kind: 'quota_warning', userId: t.users.owner.userId },
      select: { data: true },
    });
    expect(warning?.data).toMatchObject({
      threshold: 80,
      used: 80_000,
      quota: 100_000,
      planId: 'enterprise',
      holds: false,
    });
  });

  it('serializes a post with its dates and revives it equal', () => {
    const post = heldTestMention({ inReplyToExternalId: '77', threadExternalId: '70', raw: { nested: [1, 'a'] } });
    expect(reviveHeld(JSON.parse(JSON.stringify(serializeHeld(post))))).toEqual(post);
    expect(() => reviveHeld({ v: 2 })).toThrow();
  });
});
