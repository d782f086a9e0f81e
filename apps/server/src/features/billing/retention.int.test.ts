import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INBOX_SORTS, type ListInboxInput } from '@perch/shared';
import { callerFor, createTenant, type Caller, type TenantFixture } from '../../../test/harness.ts';
import { createTestDatabase } from '../../../test/test-database.ts';
import { subscribeBrand } from '../../seed/factories.ts';
import { prismaFetcher } from '../exports/export.repository.ts';
import { exportBatches, resolveExport } from '../exports/export.service.ts';
import { createConversations, failure } from '../inbox/inbox.testing.ts';
import { dropEntitlements } from './entitlements.ts';

/**
 * History retention (docs/billing.md, "Retention"): a Free brand (30 days) hides its closed conversations whose last
 * message is older — from lists, counts, search and reads by id — keeps its work in progress, and shows everything
 * again as soon as it moves to a plan keeping more. Nothing is deleted.
 */

const DAY = 86_400_000;

describe('retention: closed history older than the plan keeps is hidden, never deleted', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let a: TenantFixture;
  let b: TenantFixture;
  let agent: Caller;
  let other: Caller;
  /** Brand "free" of tenant a (moved to Free), brand "ent" still on Enterprise. */
  let free: string;
  let ent: string;
  const c = {} as Record<'ancient' | 'old' | 'recent' | 'oldOpen' | 'entOld' | 'foreign', string>;
  const org = () => ({ organizationId: a.organizationId });

  beforeAll(async () => {
    db = await createTestDatabase();
    a = await createTenant(db.prisma, 'Keep Air');
    b = await createTenant(db.prisma, 'Keep Rail');
    [free, ent] = a.brandIds as [string, string];
    // The first brand falls back to Free (no subscription), as after a downgrade.
    await db.prisma.subscription.deleteMany({ where: { brandId: free } });
    dropEntitlements(a.organizationId);
    const now = Date.now();
    const [ancient, old, recent, oldOpen, entOld] = await createConversations(db.prisma, a.organizationId, [
      // Kept under an earlier plan: the hidden stretch is now the longer one (reads start from the kept rows).
      { brandId: free, status: 'resolved', lastMessageAt: new Date(now - 400 * DAY), text: 'suitcase, year one' },
      { brandId: free, status: 'resolved', lastMessageAt: new Date(now - 40 * DAY), text: 'my suitcase is lost' },
      { brandId: free, status: 'resolved', lastMessageAt: new Date(now - 10 * DAY), text: 'lost suitcase again' },
      { brandId: free, status: 'open', lastMessageAt: new Date(now - 40 * DAY), text: 'suitcase still missing' },
      { brandId: ent, status: 'resolved', lastMessageAt: new Date(now - 40 * DAY), text: 'suitcase found' },
    ]);
    Object.assign(c, {
      ancient: ancient!.id,
      old: old!.id,
      recent: recent!.id,
      oldOpen: oldOpen!.id,
      entOld: entOld!.id,
    });
    // One customer wrote both resolved conversations: the old one must not show among their past ones.
    await db.prisma.conversation.update({ where: { id: recent!.id }, data: { customerId: old!.customerId } });
    await db.prisma.customer.update({ where: { id: old!.customerId }, data: { displayName: 'Zelda Oldtimer' } });
    const [foreign] = await createConversations(db.prisma, b.organizationId, [
      { brandId: b.brandIds[0]!, status: 'open' },
    ]);
    c.foreign = foreign!.id;
    agent = await callerFor(db.prisma, a.users.agent.userId);
    other = await callerFor(db.prisma, b.users.agent.userId);
  }, 120_000);
  afterAll(() => db.dispose());

  const ids = async (input: Omit<ListInboxInput, 'organizationId'>) => {
    const page = await agent.inbox.list({ ...org(), ...input });
    return { ids: page.rows.map((r) => r.id).sort(), hidden: page.hiddenHistory };
  };

  it('lists: a closed view shows only what the plan keeps, in every sort; open work is never hidden', async () => {
    for (const sort of INBOX_SORTS) {
      const resolved = await ids({ view: 'resolved', sort, filters: { brandIds: [free] } });
      expect(resolved.ids, sort).toEqual([c.recent]);
      const [note, ...more] = resolved.hidden ?? [];
      expect(more).toEqual([]);
      expect(note).toMatchObject({ brandId: free, planId: 'free', retentionDays: 30, upgradePlanId: 'pro' });
      expect(Date.now() - Date.parse(note!.before)).toBeGreaterThanOrEqual(30 * DAY);
      // "All brands": each brand its own cutoff (the Enterprise brand keeps its 40-day-old conversation).
      expect((await ids({ view: 'resolved', sort })).ids, sort).toEqual([c.recent, c.entOld].sort());
      expect((await ids({ view: 'all_open', sort, filters: { brandIds: [free] } })).ids).toEqual([c.oldOpen]);
    }
    // A view with nothing closed, or a brand with nothing hidden, says nothing.
    expect((await ids({ view: 'all_open' })).hidden).toBeUndefined();
    expect((await ids({ view: 'resolved', filters: { brandIds: [ent] } })).hidden).toBeUndefined();
  });

  it('counts: the resolved count leaves the hidden conversations out exactly, per brand', async () => {
    const all = await agent.inbox.counts(org());
    expect(all.resolved).toBe(2);
    expect(all.all_open).toBe(1);
    const one = await agent.inbox.counts({ ...org(), brandId: free });
    expect(one).toMatchObject({ resolved: 1, all_open: 1 });
    // A saved view over the closed statuses counts the same way.
    const view = await db.prisma.savedView.create({
      data: {
        organizationId: a.organizationId,
        ownerUserId: a.users.agent.userId,
        name: 'Everything',
        definition: { view: 'resolved', filters: {} },
      },
      select: { id: true },
    });
    const counts = await agent.inbox.savedViewCounts(org());
    expect(counts.find((v) => v.viewId === view.id)?.count).toBe(2);
    expect((await ids({ view: view.id })).ids).toEqual([c.recent, c.entOld].sort());
  });

  it('search: hidden conversations are not found, by text or by customer', async () => {
    const hits = await agent.inbox.search({ ...org(), brandId: free, query: 'suitcase' });
    expect(hits.rows.map((r) => r.id).sort()).toEqual([c.recent, c.oldOpen].sort());
    expect(hits.hiddenHistory?.[0]).toMatchObject({ brandId: free, retentionDays: 30 });
    const byName = await agent.inbox.search({ ...org(), brandId: free, query: 'Zelda' });
    expect(byName.rows.map((r) => r.id)).toEqual([c.recent]);
  });

  it('reading a hidden conversation by id answers PAYMENT_REQUIRED (history); another tenant’s id NOT_FOUND', async () => {
    let caught: unknown;
    try {
      await agent.conversations.get({ ...org(), conversationId: c.old });
    } catch (error) {
      caught = error;
    }
    const domain = (caught as { cause?: { code?: string; details?: unknown } }).cause;
    expect(domain?.code).toBe('PAYMENT_REQUIRED');
    expect(domain?.details).toEqual({ feature: 'history', brandId: free, planId: 'pro', retentionDays: 30 });
    // Tenant scoping first: the same id from another organization is missing, and so is a foreign id here.
    expect(await failure(other.conversations.get({ organizationId: b.organizationId, conversationId: c.old }))).toBe(
      'NOT_FOUND',
    );
    expect(await failure(agent.conversations.get({ ...org(), conversationId: c.foreign }))).toBe('NOT_FOUND');
    // Work in progress and recent history open as usual; the old one is not among the customer's past ones.
    await agent.conversations.get({ ...org(), conversationId: c.oldOpen });
    const recent = await agent.conversations.get({ ...org(), conversationId: c.recent });
    expect(recent.customer.previousConversations.map((p) => p.id)).not.toContain(c.old);
  });

  it('exports over all time contain only the history each plan keeps', async () => {
    const now = Date.now();
    const [ancient, kept] = await createConversations(db.prisma, a.organizationId, [
      { brandId: ent, status: 'resolved', lastMessageAt: new Date(now - 1_200 * DAY) },
      { brandId: ent, status: 'resolved', lastMessageAt: new Date(now - 1_000 * DAY) },
    ]);
    const actor = {
      userId: a.users.manager.userId,
      organizationId: a.organizationId,
      membershipId: a.users.manager.membershipId,
      brandIds: [],
    };
    const resolved = await resolveExport(db.prisma, actor, {});
    const rows: string[] = [];
    for await (const batch of exportBatches(prismaFetcher(db.prisma), resolved)) rows.push(...batch.map((r) => r[0]!));
    // The Free brand has no exports (advanced analytics); the Enterprise one keeps 1,095 days.
    expect(rows).toContain(kept!.id);
    expect(rows).toContain(c.entOld);
    expect(rows).not.toContain(ancient!.id);
    expect(await db.prisma.conversation.count({ where: { id: ancient!.id } })).toBe(1);
  });

  it('an upgrade shows the history again at once, as far back as the new plan keeps (nothing was deleted)', async () => {
    await subscribeBrand(db.prisma, a.organizationId, free, 'pro');
    dropEntitlements(a.organizationId);
    const resolved = await ids({ view: 'resolved', filters: { brandIds: [free] } });
    expect(resolved.ids).toEqual([c.old, c.recent].sort());
    expect(resolved.hidden).toEqual([expect.objectContaining({ planId: 'pro', retentionDays: 365 })]);
    expect((await agent.inbox.counts({ ...org(), brandId: free })).resolved).toBe(2);
    const hits = await agent.inbox.search({ ...org(), brandId: free, query: 'suitcase' });
    expect(hits.rows.map((r) => r.id).sort()).toEqual([c.old, c.recent, c.oldOpen].sort());
    const detail = await agent.conversations.get({ ...org(), conversationId: c.old });
    expect(detail.conversation.id).toBe(c.old);
    // Pro keeps 365 days: the 400-day-old conversation waits for Enterprise.
    const caught = await agent.conversations.get({ ...org(), conversationId: c.ancient }).catch((e: unknown) => e);
    expect((caught as { cause?: { details?: unknown } }).cause?.details).toEqual({
      feature: 'history',
      brandId: free,
      planId: 'enterprise',
      retentionDays: 365,
    });
  });
});
