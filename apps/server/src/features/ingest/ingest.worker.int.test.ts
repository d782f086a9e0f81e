import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { eventually } from '../../../test/eventually.ts';
import { createTestDatabase } from '../../../test/test-database.ts';
import { createTenant, startTestServices, type TenantFixture } from '../../../test/harness.ts';
import type { LiveEvent } from '../../live/event-bus.ts';
import { enrich } from '../enrichment/index.ts';
import { acceptInbound } from './ingest.service.ts';
import { startIngestWorker } from './ingest.worker.ts';

const log = pino({ level: process.env.TEST_LOG ?? 'silent' });

/** One generic-webhook delivery of one post (docs/ingest-formats.md). */
function delivery(id: string, text: string, author: string) {
  return {
    mentions: [
      {
        id,
        text,
        created_at: '2026-11-29T10:00:00Z',
        author: { id: `author-${author}`, username: author, name: author, followers: 10, verified: false },
      },
    ],
  };
}

describe('ingest worker: a backlog of group-commit jobs is stored in shared passes, a bad job fails alone', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let a: TenantFixture;
  let b: TenantFixture;

  beforeAll(async () => {
    db = await createTestDatabase();
    a = await createTenant(db.prisma, 'Backlog Air');
    b = await createTenant(db.prisma, 'Backlog Telecom');
  });
  afterAll(async () => {
    await db.dispose();
  });

  /** Accepts each delivery as the webhook route does (raw event + its job, committed), before any worker runs. */
  async function queueDeliveries(
    services: Awaited<ReturnType<typeof startTestServices>>,
    deliveries: { tenant: TenantFixture; id: string; text: string }[],
  ) {
    const eventIds = new Map<string, string>();
    for (const d of deliveries) {
      const { inboundEventId } = await acceptInbound(db, services.queue, {
        organizationId: d.tenant.organizationId,
        channelId: d.tenant.webhookChannelId,
        source: 'generic_webhook',
        payload: delivery(d.id, d.text, d.id),
      });
      eventIds.set(d.id, inboundEventId);
    }
    return eventIds;
  }

  /** The stored posts among `ids`, with the organization each was stored in. */
  async function storedPosts(ids: string[]) {
    const rows = await db.prisma.mention.findMany({
      where: { externalId: { in: ids } },
      select: { externalId: true, organizationId: true, conversationId: true },
    });
    return new Map(rows.map((r) => [r.externalId, r]));
  }

  it('15 waiting jobs of two tenants: every post stored once in its own tenant, in far fewer passes than jobs', async () => {
    const services = await startTestServices(db);
    try {
      const deliveries = [
        ...Array.from({ length: 12 }, (_, i) => ({ tenant: a, id: `a-${i}`, text: `Flight SA${i} delayed` })),
        ...Array.from({ length: 3 }, (_, i) => ({ tenant: b, id: `b-${i}`, text: `Outage in zone ${i}` })),
      ];
      const eventIds = await queueDeliveries(services, deliveries);
      // The bus is the real one; each pass publishes its committed changes once.
      const published: LiveEvent[][] = [];
      const bus = {
        ...services.bus,
        publish: (events: LiveEvent[]) => {
          published.push(events);
          return services.bus.publish(events);
        },
      };
      await startIngestWorker(db.prisma, services.queue, { enrich, bus }, log);

      const ids = deliveries.map((d) => d.id);
      await eventually(async () => (await storedPosts(ids)).size === deliveries.length, 20_000);
      const stored = await storedPosts(ids);
      for (const d of deliveries) {
        expect(stored.get(d.id)?.organizationId).toBe(d.tenant.organizationId);
        expect(stored.get(d.id)?.conversationId).not.toBeNull();
      }
      expect(await db.prisma.mention.count({ where: { externalId: { in: deliveries.map((d) => d.id) } } })).toBe(15);
      const pending = await db.prisma.inboundEvent.count({
        where: { id: { in: [...eventIds.values()] }, status: 'pending' },
      });
      expect(pending).toBe(0);
      // One job per pass would publish 15 times; the worker fetched them together.
      expect(published.length).toBeGreaterThanOrEqual(1);
      expect(published.length).toBeLessThanOrEqual(3);
      const organizations = new Set(published.flat().map((e) => e.organizationId));
      expect(organizations).toEqual(new Set([a.organizationId, b.organizationId]));
    } finally {
      await services.stop();
    }
  });

  it('a job whose channel transaction fails is retried alone: its neighbours in the pass are stored', async () => {
    const services = await startTestServices(db);
    try {
      const eventIds = await queueDeliveries(services, [
        { tenant: a, id: 'a-before', text: 'My bag is lost' },
        { tenant: a, id: 'a-poison', text: 'POISON: this post makes enrichment throw' },
        { tenant: a, id: 'a-after', text: 'Refund still missing' },
        { tenant: b, id: 'b-other', text: 'No signal since this morning' },
      ]);
      // Like a bug in one post's enrichment: the channel's whole transaction rolls back.
      const failingEnrich: typeof enrich = (input) => {
        if (input.text.startsWith('POISON')) throw new Error('enrichment failed on this post');
        return enrich(input);
      };
      await startIngestWorker(db.prisma, services.queue, { enrich: failingEnrich, bus: services.bus }, log);

      const good = ['a-before', 'a-after', 'b-other'];
      await eventually(async () => (await storedPosts(good)).size === 3, 20_000);
      expect((await storedPosts(['a-poison'])).size).toBe(0);
      const poison = await db.prisma.inboundEvent.findUniqueOrThrow({
        where: { id: eventIds.get('a-poison')! },
        select: { status: true },
      });
      expect(poison.status).toBe('pending');
      // The poison job failed and waits for its retry; the others completed.
      const ingestJobs = async () =>
        (
          await db.pool.query<{ state: string; ids: string[] }>(
            `SELECT state, ARRAY(SELECT jsonb_array_elements_text(data->'inboundEventIds')) AS ids
             FROM pgboss.job WHERE name = 'ingest.process' AND data->'inboundEventIds' ?| $1::text[]`,
            [[...eventIds.values()]],
          )
        ).rows;
      await eventually(async () => (await ingestJobs()).every((j) => j.state !== 'active' && j.state !== 'created'));
      const jobs = await ingestJobs();
      const stateOf = (id: string) => jobs.find((j) => j.ids.includes(eventIds.get(id)!))?.state;
      expect(stateOf('a-poison')).toBe('retry');
      for (const id of good) expect(stateOf(id)).toBe('completed');
    } finally {
      await services.stop();
    }
  });
});
