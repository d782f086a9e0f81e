import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, createTenant, startTestServices, type TenantFixture } from '../../../test/harness.ts';
import { createTestDatabase } from '../../../test/test-database.ts';
import { localMidnight } from '../dashboards/dashboard-time.ts';
import { eventLog } from './episodes.fixtures.ts';
import { rebuildRollups, refreshDirtyMetrics } from './metrics.service.ts';
import { drain, rollupSnapshot, storeConversation, type MetricsTenant } from './metrics.testing.ts';
import { startRollupRebuildWorker } from './metrics.worker.ts';
import { eventually } from '../../../test/eventually.ts';

describe('metrics: a brand’s new time zone rebuilds its rollups (metrics.rebuild job)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let services: Awaited<ReturnType<typeof startTestServices>>;
  let t: TenantFixture;
  let brandId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    services = await startTestServices(db);
    await startRollupRebuildWorker(db.prisma, services.queue, pino({ level: 'silent' }));
    t = await createTenant(db.prisma, 'Rollup zones');
    brandId = t.brandIds[0]!; // Europe/Paris
    const customer = await db.prisma.customer.create({
      data: { organizationId: t.organizationId, displayName: 'Zone customer' },
      select: { id: true },
    });
    const tenant: MetricsTenant = {
      organizationId: t.organizationId,
      paris: brandId,
      newYork: t.brandIds[1]!,
      customerId: customer.id,
      channelId: t.webhookChannelId,
    };
    // 2 March 2026 at 02:00 UTC: the 2nd in Paris, still the 1st in New York.
    const log = eventLog();
    log.created('02:00');
    log.queued('02:05', 'r1', t.users.agent.userId);
    log.sent('02:06', 'r1', t.users.agent.userId);
    await storeConversation(db.prisma, tenant, { brandId, assigneeUserId: t.users.agent.userId }, log.events);
    await drain(() => refreshDirtyMetrics(db.prisma));
  }, 120_000);
  afterAll(async () => {
    await services.stop();
    await db.dispose();
  });

  const dayBuckets = async () =>
    (
      await db.prisma.metricRollup.findMany({
        where: { organizationId: t.organizationId, brandId, grain: 'day', kind: 'inbound', dim: '' },
        select: { bucket: true, count: true },
      })
    ).map((r) => ({ bucket: r.bucket.toISOString(), count: r.count }));

  it('day rows move to the new local midnight; nothing stays keyed by the old zone; other settings do not rebuild', async () => {
    expect(await dayBuckets()).toEqual([
      { bucket: localMidnight('2026-03-02', 'Europe/Paris').toISOString(), count: 1 },
    ]);
    const owner = await callerFor(db.prisma, t.users.owner.userId);

    // A rename alone queues nothing: the rows stay as they are.
    await owner.brands.update({ organizationId: t.organizationId, brandId, name: 'Rollup zones renamed' });
    expect(await db.pool.query(`SELECT 1 FROM pgboss.job WHERE name = 'metrics.rebuild'`)).toMatchObject({
      rowCount: 0,
    });

    await owner.brands.update({ organizationId: t.organizationId, brandId, timeZone: 'America/New_York' });
    const expected = [{ bucket: localMidnight('2026-03-01', 'America/New_York').toISOString(), count: 1 }];
    await eventually(async () => JSON.stringify(await dayBuckets()) === JSON.stringify(expected), 20_000);
    // Month rows too: the 1st of March in New York (the fact is on 1 March there).
    const months = await db.prisma.metricRollup.findMany({
      where: { organizationId: t.organizationId, brandId, grain: 'month', kind: 'inbound', dim: '' },
      select: { bucket: true },
    });
    expect(months.map((m) => m.bucket.toISOString())).toEqual([
      localMidnight('2026-03-01', 'America/New_York').toISOString(),
    ]);
    // Every dimension's day rows moved (none left at the old local midnight), and a second rebuild changes nothing.
    const { rows: stale } = await db.pool.query(
      `SELECT 1 FROM "MetricRollup" WHERE "organizationId" = $1 AND "brandId" = $2 AND grain = 'day' AND bucket <> $3`,
      [t.organizationId, brandId, localMidnight('2026-03-01', 'America/New_York')],
    );
    expect(stale).toHaveLength(0);
    const rebuilt = await rollupSnapshot(db.prisma, t.organizationId);
    await rebuildRollups(db.prisma, { organizationId: t.organizationId, brandId });
    expect(await rollupSnapshot(db.prisma, t.organizationId)).toEqual(rebuilt);
  });
});
