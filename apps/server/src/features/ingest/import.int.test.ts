import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { startQueue, type Queue } from '../../queue/queue.ts';
import { createTestDatabase } from '../../../test/test-database.ts';
import { createTenant, type TenantFixture } from '../../../test/harness.ts';
import { enrich } from '../enrichment/index.ts';
import { importFile } from './import.service.ts';
import { countUnprocessed } from './ingest.repository.ts';
import { startIngestWorker } from './ingest.worker.ts';

const log = pino({ level: 'silent' });
const header =
  'id,text,created_at,author_id,author_username,author_name,author_followers,author_verified,in_reply_to_id,kind';
const row = (id: number, text = `@SkywardAir my bag is lost, ref ${id}`) =>
  `${id},"${text}",2025-06-0${(id % 9) + 1}T08:00:00Z,u${id % 7},user${id % 7},User ${id % 7},${id * 10},false,,mention`;

describe('bulk import (CSV and NDJSON) into a channel', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let queue: Queue;
  let t: TenantFixture;

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await createTenant(db.prisma, 'Import Air');
    queue = await startQueue(db, log);
    await startIngestWorker(db.prisma, queue, enrich, log);
  });
  afterAll(async () => {
    await queue.stop();
    await db.dispose();
  });

  async function run(lines: string[], format: 'csv' | 'ndjson') {
    const report = await importFile(db.prisma, queue, {
      channelId: t.webhookChannelId,
      source: Readable.from([lines.join('\n') + '\n']),
      format,
      batchSize: 50,
    });
    const until = Date.now() + 90_000;
    while ((await countUnprocessed(db.prisma, report.batches)) > 0 && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 100));
    }
    return report;
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
    expect(report.batches).toHaveLength(3); // 50 + 50 + 18
    expect(await db.prisma.mention.count({ where: { channelId: t.webhookChannelId } })).toBe(118);
    // Imported history threads into customers' conversations like live traffic.
    expect(await db.prisma.handle.count({ where: { organizationId: t.organizationId } })).toBe(7);
  });

  it('re-importing the same file adds nothing; duplicate rows are stored once', async () => {
    const before = await db.prisma.mention.count({ where: { channelId: t.webhookChannelId } });
    await run([header, row(1), row(2), row(2)], 'csv');
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
});
