import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { loadConfig } from '../config.ts';
import { enrich } from '../features/enrichment/index.ts';
import { startIngestWorker } from '../features/ingest/ingest.worker.ts';
import { loadBrandTriage } from '../features/rules/brand-rules.ts';
import { buildApp } from '../http/app.ts';
import { seedDemo } from '../seed/demo.ts';
import { callerFor, startTestServices, TEST_SECRET_KEY } from '../../test/harness.ts';
import { createTestDatabase } from '../../test/test-database.ts';
import { startDemoTraffic } from './demo-traffic.ts';

const log = pino({ level: 'silent' });

/**
 * The whole live path, as the demo runs it: the simulator posts to the sandbox X network, which delivers signed
 * Account Activity webhooks to Perch over HTTP; the worker stores, threads, enriches and triages; a subscribed
 * client hears about each new conversation.
 */
describe('sandbox → signed webhook → conversation → live event', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let services: Awaited<ReturnType<typeof startTestServices>>;
  let app: FastifyInstance;
  let traffic: Awaited<ReturnType<typeof startDemoTraffic>> | null = null;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemo(db.prisma);
    services = await startTestServices(db);
    await startIngestWorker(db.prisma, services.queue, { enrich, loadTriage: loadBrandTriage, bus: services.bus }, log);
    const config = loadConfig({ WEB_DIST_DIR: '/nonexistent', PERCH_SECRET_KEY: TEST_SECRET_KEY.toString('base64') });
    app = await buildApp({ config, db, queue: services.queue, bus: services.bus, logger: log });
    await app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await traffic?.stop();
    await app.close();
    await services.stop();
    await db.dispose();
  });

  it('simulated customers reach a subscribed manager as new, enriched conversations', async () => {
    const org = await db.prisma.organization.findUniqueOrThrow({ where: { slug: 'skyward-air' } });
    const manager = await db.prisma.membership.findFirstOrThrow({
      where: { organizationId: org.id, role: 'manager' },
    });
    const caller = await callerFor(db.prisma, manager.userId);
    const stream = await caller.live.events({ organizationId: org.id });
    const created: string[] = [];
    const reading = (async () => {
      for await (const event of stream) {
        if (event.type === 'conversation.created' && 'conversationId' in event && event.conversationId) {
          created.push(event.conversationId);
          if (created.length >= 3) break;
        }
      }
    })();

    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    traffic = await startDemoTraffic({
      db: db.prisma,
      secretKey: TEST_SECRET_KEY,
      publicUrl: `http://127.0.0.1:${address.port}`,
      sandboxPort: 0,
      ratePerMinute: 600,
      log,
    });
    await Promise.race([
      reading,
      new Promise((_, reject) => setTimeout(() => reject(new Error('no live conversation in 60 s')), 60_000)),
    ]);

    const conversations = await db.prisma.conversation.findMany({
      where: { id: { in: created } },
      include: { mentions: true },
    });
    expect(conversations).toHaveLength(3);
    // Skyward Air is on Enterprise (sentiment triage); Skyward Cargo on Free, whose mentions get no sentiment.
    const triaged = new Set(
      (await db.prisma.subscription.findMany({ where: { organizationId: org.id }, select: { brandId: true } })).map(
        (s) => s.brandId,
      ),
    );
    for (const c of conversations) {
      expect(c.organizationId).toBe(org.id);
      expect(c.mentions.length).toBeGreaterThan(0);
      expect(c.language).toMatch(/^(en|fr|es|de|und)$/);
      if (triaged.has(c.brandId)) expect(c.mentions[0]?.sentiment).toMatch(/^(positive|neutral|negative)$/);
      else expect(c.mentions[0]?.sentiment).toBeNull();
    }
  }, 90_000);
});
