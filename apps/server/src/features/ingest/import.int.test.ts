import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/test-database.ts';
import { createTenant, type TenantFixture } from '../../../test/harness.ts';
import { loadBrandTriage } from '../rules/brand-rules.ts';
import { importFile } from './import.service.ts';
const header =
  'id,text,created_at,author_id,author_username,author_name,author_followers,author_verified,in_reply_to_id,kind';
const row = (id: number, text = `@SkywardAir my bag is lost, ref ${id}`) =>
  `${id},"${text}",2025-06-0${(id % 9) + 1}T08:00:00Z,u${id % 7},user${id % 7},User ${id % 7},${id * 10},false,,mention`;

describe('bulk import (CSV and NDJSON) into a channel', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let t: TenantFixture;

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await createTenant(db.prisma, 'Import Air');
  });
  afterAll(async () => {
    await db.dispose();
  });

  async function run(lines: string[], format: 'csv' | 'ndjson') {
    const progress: number[] = [];
    const report = await importFile(
      db.prisma,
      null,
      { channelId: t.webhookChannelId, source: Readable.from([lines.join('\n') + '\n']), format, batchSize: 50 },
      (r) => progress.push(r.accepted),
    );
    return { ...report, progress };
  }

  it('imports 120 rows with broken rows in the middle: each is reported by line, the rest is stored', async () => {
    const lines = [header];
    for (let i = 1; i <= 120; i++) {
      if (i === 60) lines.push('60,"bad date",yesterday,u1,user1,User 1,10,false,,mention');
      else if (i === 61) lines.push('61,"too few fields"');
      else lines.push(row(i));
    }
    const report = await run(lines, 'csv');
    expect(report.rows).toBe(120);
    expect(report.accepted).toBe(118);
    expect(report.rejected.map((r) => r.line)).toEqual([61, 62]); // the header is line 1
    expect(report.progress).toEqual([50, 100, 118]); // committed batches of 50 + 50 + 18
    expect(report.stored).toBe(118);
    expect(await db.prisma.mention.count({ where: { channelId: t.webhookChannelId } })).toBe(118);
    // Imported history threads into customers' conversations like live traffic: 7 authors, one open
    // conversation each, every post in its author's conversation, one `received` event per post.
    expect(await db.prisma.handle.count({ where: { organizationId: t.organizationId } })).toBe(7);
    const conversations = await db.prisma.conversation.findMany({
      where: { organizationId: t.organizationId },
      select: { id: true, customerId: true, _count: { select: { mentions: true } } },
    });
    expect(conversations).toHaveLength(7);
    expect(new Set(conversations.map((c) => c.customerId)).size).toBe(7);
    expect(conversations.reduce((n, c) => n + c._count.mentions, 0)).toBe(118);
    expect(
      await db.prisma.conversationEvent.count({ where: { organizationId: t.organizationId, type: 'received' } }),
    ).toBe(118);
    const usage = await db.prisma.usageRecord.aggregate({
      where: { organizationId: t.organizationId, metric: 'mentions' },
      _sum: { quantity: true },
    });
    expect(usage._sum.quantity).toBe(118);
  });

  it('re-importing the same file adds nothing; duplicate rows are stored once', async () => {
    const before = await db.prisma.mention.count({ where: { channelId: t.webhookChannelId } });
    const report = await run([header, row(1), row(2), row(2)], 'csv');
    expect(report).toMatchObject({ accepted: 3, stored: 0, duplicates: 3 });
    expect(await db.prisma.mention.count({ where: { channelId: t.webhookChannelId } })).toBe(before);
  });

  it('reads NDJSON and reports bad JSON lines and missing fields', async () => {
    const good = (id: string) =>
      JSON.stringify({
        id,
        text: 'Le wifi à bord ne marche pas, je suis très déçue',
        created_at: '2025-07-01T10:00:00Z',
        author: { id: 'fr-1', username: 'lucie' },
      });
    const report = await run(
      [good('n-1'), '{"id": "n-2", "text": ', JSON.stringify({ id: 'n-3' }), good('n-4')],
      'ndjson',
    );
    expect(report.accepted).toBe(2);
    expect(report.rejected.map((r) => r.line)).toEqual([2, 3]);
    const stored = await db.prisma.mention.findMany({ where: { externalId: { in: ['n-1', 'n-4'] } } });
    expect(stored.map((m) => m.language)).toEqual(['fr', 'fr']);
  });

  it("applies the brand's keyword rules and VIP list: tag, priority and team on the conversation", async () => {
    const brandId = t.brandIds[0]!;
    const by = t.users.manager.userId;
    const tag = await db.prisma.tag.create({ data: { organizationId: t.organizationId, brandId, name: 'baggage' } });
    const team = await db.prisma.team.create({ data: { organizationId: t.organizationId, name: 'Baggage desk' } });
    await db.prisma.keywordRule.create({
      data: {
        organizationId: t.organizationId,
        brandId,
        phrase: 'valise perdue',
        tagId: tag.id,
        priority: 'high',
        teamId: team.id,
        position: 0,
        createdByUserId: by,
      },
    });
    await db.prisma.vipHandle.create({
      data: {
        organizationId: t.organizationId,
        brandId,
        network: 'webhook',
        username: 'vip_camille',
        createdByUserId: by,
      },
    });
    const line = (id: string, author: string, text: string) =>
      JSON.stringify({ id, text, created_at: '2025-08-01T10:00:00Z', author: { id: author, username: author } });
    const report = await importFile(db.prisma, null, {
      channelId: t.webhookChannelId,
      source: Readable.from([
        [
          line('r-1', 'rule_fan', 'Ma VALISE perdue à Lyon, personne ne répond'),
          line('r-2', 'vip_camille', 'Merci pour le vol'),
          line('r-3', 'plain_joe', 'Nice flight'),
        ].join('\n'),
      ]),
      format: 'ndjson',
      loadTriage: loadBrandTriage,
    });
    expect(report.stored).toBe(3);
    const conversationOf = async (externalId: string) =>
      (await db.prisma.mention.findFirstOrThrow({ where: { externalId }, include: { conversation: true } }))
        .conversation;
    expect(await conversationOf('r-1')).toMatchObject({ priority: 'high', tagIds: [tag.id], teamId: team.id });
    expect(await conversationOf('r-2')).toMatchObject({
      priority: 'urgent',
      isVip: true,
      channelId: t.webhookChannelId,
      lastInboundAt: new Date('2025-08-01T10:00:00Z'),
    });
    expect(await conversationOf('r-3')).toMatchObject({ tagIds: [], isVip: false, channelId: t.webhookChannelId });
  });

  it("keeps authors' details from their newest post: an old post never rolls them back", async () => {
    const line = (id: string, at: string, followers: number) =>
      JSON.stringify({ id, text: 'hello', created_at: at, author: { id: 'fresh-1', username: 'fresh', followers } });
    const importLines = (lines: string[]) =>
      importFile(db.prisma, null, {
        channelId: t.webhookChannelId,
        source: Readable.from([lines.join('\n')]),
        format: 'ndjson',
      });
    const followers = async () =>
      (await db.prisma.handle.findFirstOrThrow({ where: { externalUserId: 'fresh-1' } })).followers;
    await importLines([line('h-1', new Date().toISOString(), 500)]);
    expect(await followers()).toBe(500);
    await importLines([line('h-2', '2020-01-01T00:00:00Z', 3)]); // history: older than the last refresh
    expect(await followers()).toBe(500);
    await importLines([line('h-3', new Date(Date.now() + 60_000).toISOString(), 800)]); // a newer post
    expect(await followers()).toBe(800);
  });
});
