import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { loadConfig } from '../../../config.ts';
import { buildApp } from '../../../http/app.ts';
import { startDemoTraffic } from '../../../sandbox/demo-traffic.ts';
import { seedDemo } from '../../../seed/demo.ts';
import { startTestServices, TEST_SECRET_KEY } from '../../../../test/harness.ts';
import { createTestDatabase } from '../../../../test/test-database.ts';
import { openChannelSecrets } from '../../channels/channel-secrets.ts';
import { createConversationFixture } from '../../conversations/conversations.testing.ts';
import { deliverReply } from './deliver-reply.ts';

const log = pino({ level: 'silent' });

/**
 * The demo as e2e runs it (SIMULATOR_RATE=0): the sandbox and the demo brands' X channels, no simulated posts, and
 * channels that can reply (the brand's user token, the sandbox as API base URL).
 */
describe('demo sandbox channels reply through the sandbox', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let services: Awaited<ReturnType<typeof startTestServices>>;
  let app: FastifyInstance;
  let traffic: Awaited<ReturnType<typeof startDemoTraffic>>;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemo(db.prisma);
    services = await startTestServices(db);
    const config = loadConfig({ WEB_DIST_DIR: '/nonexistent', PERCH_SECRET_KEY: TEST_SECRET_KEY.toString('base64') });
    app = await buildApp({ config, db, queue: services.queue, bus: services.bus, logger: log });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    traffic = await startDemoTraffic({
      db: db.prisma,
      secretKey: TEST_SECRET_KEY,
      publicUrl: `http://127.0.0.1:${address.port}`,
      sandboxPort: 0,
      ratePerMinute: 0,
      log,
    });
  });
  afterAll(async () => {
    await traffic?.stop();
    await app?.close();
    await services?.stop();
    await db?.dispose();
  });

  it('rate 0 posts nothing; a reply on the SkywardAir channel is posted to the sandbox', async () => {
    const control = async <T>(path: string, body?: object): Promise<T> => {
      const res = await fetch(`${traffic.url}${path}`, {
        method: body ? 'POST' : 'GET',
        ...(body ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}),
      });
      if (!res.ok) throw new Error(`${path}: ${res.status}`);
      return (await res.json()) as T;
    };
    await new Promise((r) => setTimeout(r, 500));
    expect((await control<{ tweets: number }>('/sandbox/health')).tweets).toBe(0);

    const org = await db.prisma.organization.findUniqueOrThrow({ where: { slug: 'skyward-air' } });
    const channel = await db.prisma.channel.findFirstOrThrow({
      where: { organizationId: org.id, kind: 'x', name: 'X @SkywardAir (sandbox)' },
    });
    expect(channel.config).toMatchObject({ apiBaseUrl: traffic.url });
    expect(openChannelSecrets(TEST_SECRET_KEY, org.id, channel.secrets).accessToken).toBe('sandbox-user-SkywardAir');

    const customer = await control<{ id: string }>('/sandbox/accounts', { username: 'late_flyer', kind: 'customer' });
    const post = await control<{ data: { id: string } }>(`/sandbox/customers/${customer.id}/tweets`, {
      text: '@SkywardAir SA212 delayed again?',
    });
    const agent = await db.prisma.membership.findFirstOrThrow({ where: { organizationId: org.id, role: 'agent' } });
    const { conversationId } = await createConversationFixture(db.prisma, {
      organizationId: org.id,
      brandId: channel.brandId,
      channelId: channel.id,
    });
    const reply = await db.prisma.reply.create({
      data: {
        organizationId: org.id,
        conversationId,
        brandId: channel.brandId,
        channelId: channel.id,
        authorUserId: agent.userId,
        text: 'Sorry about SA212, a new departure time is coming shortly.',
        inReplyToExternalId: post.data.id,
        recipientExternalId: customer.id,
        idempotencyKey: randomUUID(),
        nextAttemptAt: new Date(),
      },
      select: { id: true },
    });
    const deps = {
      db: db.prisma,
      queue: services.queue,
      bus: services.bus,
      secretKey: TEST_SECRET_KEY,
      trustedOrigins: [traffic.url],
    };
    expect(await deliverReply(deps, { organizationId: org.id, replyId: reply.id })).toEqual({
      state: 'sent',
      attempt: 1,
    });
    const timeline = await control<{ data: { id: string; text: string; in_reply_to_tweet_id?: string }[] }>(
      `/sandbox/timeline/${channel.externalId}`,
    );
    expect(timeline.data).toHaveLength(1);
    const row = await db.prisma.reply.findUniqueOrThrow({ where: { id: reply.id } });
    expect(timeline.data[0]).toMatchObject({
      id: row.networkId,
      text: 'Sorry about SA212, a new departure time is coming shortly.',
    });
  }, 60_000);
});
