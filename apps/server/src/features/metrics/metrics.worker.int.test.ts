import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/test-database.ts';
import { processDirtySla } from '../sla/sla.worker.ts';
import { eventLog } from './episodes.fixtures.ts';
import { refreshDirtyMetrics } from './metrics.service.ts';
import {
  appendLog,
  inboundAt,
  drain,
  factsOf,
  metricsTenant,
  newAgent,
  storeConversation,
  type MetricsTenant,
} from './metrics.testing.ts';
import { METRICS_DEFER_TO_SLA_MS, startMetricsWorker } from './metrics.worker.ts';

describe('metrics worker', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let t: MetricsTenant;
  let conversationId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await metricsTenant(db.prisma, 'Metrics worker');
    const agent = newAgent();
    const log = eventLog();
    log.created('09:00');
    log.status('09:05', 'new', 'open', agent);
    conversationId = await storeConversation(db.prisma, t, { brandId: t.paris, assigneeUserId: agent }, log.events);
    await drain(() => refreshDirtyMetrics(db.prisma));
  });
  afterAll(async () => {
    await db.dispose();
  });

  const inboundFacts = async () =>
    (await factsOf(db.prisma, t.organizationId, conversationId)).filter((f) => f.kind === 'inbound').length;

  it('drains the queue on its own, after the SLA sync of each conversation, and stops cleanly', async () => {
    expect(await inboundFacts()).toBe(1);
    const worker = startMetricsWorker(db.prisma, pino({ level: 'silent' }), { intervalMs: 50 });
    try {
      // The new event marks the conversation for both workers: the metrics wait for the SLA sync (no SLA worker
      // runs here), however many ticks pass.
      await appendLog(db.prisma, t, t.paris, conversationId, inboundAt('15:00'));
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(await inboundFacts()).toBe(1);
      // The SLA worker's pass syncs it (and clears its mark): the metrics follow.
      for (let synced = 1; synced > 0;) synced = await processDirtySla({ db: db.prisma }, { limit: 500 });
      await expect.poll(inboundFacts, { timeout: 10_000 }).toBe(2);

      // An SLA mark older than METRICS_DEFER_TO_SLA_MS (an SLA worker down or failing) no longer holds them back.
      await appendLog(db.prisma, t, t.paris, conversationId, inboundAt('16:00'));
      await db.prisma.dirtyConversation.update({
        where: { consumer_conversationId: { consumer: 'sla', conversationId } },
        data: { markedAt: new Date(Date.now() - METRICS_DEFER_TO_SLA_MS - 1_000) },
      });
      await expect.poll(inboundFacts, { timeout: 10_000 }).toBe(3);
    } finally {
      await worker.stop();
    }
  });
});
