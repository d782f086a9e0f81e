import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { loadConfig } from '../../config.ts';
import { buildApp } from '../../http/app.ts';
import { createTestDatabase } from '../../../test/test-database.ts';
import {
  callerFor,
  createTenant,
  startTestServices,
  TEST_SECRET_KEY,
  type TenantFixture,
} from '../../../test/harness.ts';
import { createWebhookChannel, createXChannel, rotateWebhookSecret } from '../channels/channels.service.ts';
import { enrich } from '../enrichment/index.ts';
import { createInboundAcceptor } from './ingest.service.ts';
import { startIngestWorker } from './ingest.worker.ts';
import { signStandardWebhook } from './signatures.ts';

const BRAND_X_ID = '900000000000000001';
const CONSUMER_SECRET = 'sandbox-consumer-secret-0123456789';
const log = pino({ level: process.env.TEST_LOG ?? 'silent' });

let seq = 1000;
function tweet(over: Partial<{ id: string; text: string; userId: string; screen: string; inReplyTo: string }> = {}) {
  const id = over.id ?? String(++seq);
  return {
    id_str: id,
    text: over.text ?? '@SkywardAir flight SA212 delayed 3 hours, nobody at the gate knows anything',
    truncated: false,
    in_reply_to_status_id_str: over.inReplyTo ?? null,
    is_quote_status: false,
    created_at: 'Sun Nov 29 10:00:00 +0000 2026',
    user: {
      id_str: over.userId ?? '42',
      screen_name: over.screen ?? 'marie_voyage',
      name: 'Marie V.',
      followers_count: 120,
      verified: false,
    },
  };
}

describe('ingest: X webhook and generic signed webhook → stored once → conversation', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let services: Awaited<ReturnType<typeof startTestServices>>;
  let app: FastifyInstance;
  let t: TenantFixture;
  let xUrl: string;
  let xChannelId: string;
  let genericUrl: string;
  let genericSecret: string;
  const actor = () => ({
    userId: t.users.owner.userId,
    organizationId: t.organizationId,
    ip: null,
    role: 'owner' as const,
  });
  const deps = { secretKey: TEST_SECRET_KEY, publicUrl: 'http://perch.test' };

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await createTenant(db.prisma, 'Ingest Air');
    services = await startTestServices(db);
    const { queue, bus } = services;
    await startIngestWorker(db.prisma, queue, { enrich, bus }, log);
    const config = loadConfig({ WEB_DIST_DIR: '/nonexistent', PERCH_SECRET_KEY: TEST_SECRET_KEY.toString('base64') });
    app = await buildApp({ config, db, queue, bus, logger: log });
    const x = await createXChannel(db.prisma, deps, actor(), {
      organizationId: t.organizationId,
      brandId: t.brandIds[0]!,
      name: 'X @SkywardAir',
      xUserId: BRAND_X_ID,
      consumerSecret: CONSUMER_SECRET,
    });
    xUrl = new URL(x.webhookUrl).pathname;
    xChannelId = x.channel.id;
    const g = await createWebhookChannel(db.prisma, deps, actor(), {
      organizationId: t.organizationId,
      brandId: t.brandIds[0]!,
      name: 'Reviews',
    });
    genericUrl = new URL(g.webhookUrl).pathname;
    genericSecret = g.signingSecret;
  });
  afterAll(async () => {
    await app.close();
    await services.stop();
    await db.dispose();
  });

  const postX = (body: unknown, secret = CONSUMER_SECRET) => {
    const raw = typeof body === 'string' ? body : JSON.stringify(body);
    const signature = `sha256=${createHmac('sha256', secret).update(raw).digest('base64')}`;
    return app.inject({
      method: 'POST',
      url: xUrl,
      headers: { 'content-type': 'application/json', 'x-twitter-webhooks-signature': signature },
      payload: raw,
    });
  };
  const mentionsWith = (externalId: string) =>
    db.prisma.mention.findMany({ where: { externalId }, include: { conversation: true } });
  const ingestJobs = async () => {
    const [row] = await db.prisma.$queryRaw<
      { n: bigint }[]
    >`SELECT count(*) AS n FROM pgboss.job WHERE name = 'ingest.process'`;
    return Number(row?.n ?? 0);
  };
  async function eventually<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000): Promise<T> {
    const until = Date.now() + ms;
    for (;;) {
      const value = await fn();
      if (ok(value) || Date.now() > until) return value;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** What the X webhook route hands the acceptor for one post (tests that drive group commit directly). */
  const acceptorInput = (id: string, channelId = xChannelId) => ({
    organizationId: t.organizationId,
    channelId,
    source: 'x_webhook' as const,
    payload: { for_user_id: BRAND_X_ID, tweet_create_events: [tweet({ id, userId: `9${id}` })] },
  });

  it('answers the CRC challenge with the HMAC of the token', async () => {
    const res = await app.inject({ url: `${xUrl}?crc_token=challenge-123` });
    expect(res.statusCode).toBe(200);
    const expected = createHmac('sha256', CONSUMER_SECRET).update('challenge-123').digest('base64');
    expect(res.json<{ response_token: string }>()).toEqual({ response_token: `sha256=${expected}` });
  });

  it('stores a signed mention once, with its customer, handle, conversation, enrichment, events and usage', async () => {
    const t1 = tweet({ id: '5001' });
    const res = await postX({ for_user_id: BRAND_X_ID, tweet_create_events: [t1] });
    expect(res.statusCode).toBe(200);
    expect(res.json<{ accepted: number }>()).toMatchObject({ accepted: 1 });
    const [m] = await eventually(
      () => mentionsWith('5001'),
      (r) => r.length > 0 && r[0]!.conversationId !== null,
    );
    expect(m).toMatchObject({ kind: 'mention', language: 'en', sentiment: 'negative' });
    expect(m!.conversation?.status).toBe('new');
    expect(m!.conversation!.waitingSince).not.toBeNull();
    const handle = await db.prisma.handle.findFirstOrThrow({ where: { externalUserId: '42' } });
    expect(m!.conversation?.customerId).toBe(handle.customerId);
    expect(handle).toMatchObject({ username: 'marie_voyage', followers: 120 });
    const events = await db.prisma.conversationEvent.findMany({ where: { conversationId: m!.conversationId! } });
    expect(events.map((e) => e.type).sort()).toEqual(['conversation_created', 'received']);
    const usage = await db.prisma.usageRecord.findFirstOrThrow({
      where: { organizationId: t.organizationId, metric: 'mentions' },
    });
    expect(usage.quantity).toBeGreaterThanOrEqual(1);
  });

  it('R3: the same event delivered 5 times at once → 5 × 200, exactly one row', async () => {
    const body = { for_user_id: BRAND_X_ID, tweet_create_events: [tweet({ id: '5002', userId: '43', screen: 'jb' })] };
    const responses = await Promise.all(Array.from({ length: 5 }, () => postX(body)));
    expect(responses.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200]);
    await eventually(
      () => db.prisma.inboundEvent.count({ where: { status: 'pending' } }),
      (n) => n === 0,
    );
    expect(await db.prisma.mention.count({ where: { externalId: '5002' } })).toBe(1);
  });

  it('group commit: 40 concurrent deliveries are all acknowledged and stored, sharing fewer transactions', async () => {
    const before = await ingestJobs();
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        postX({
          for_user_id: BRAND_X_ID,
          tweet_create_events: [tweet({ id: `6${String(i).padStart(3, '0')}`, userId: `7${i}` })],
        }),
      ),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(Array(40).fill(200));
    const jobs = (await ingestJobs()) - before;
    expect(jobs).toBeGreaterThan(0);
    expect(jobs).toBeLessThan(40);
    const stored = await eventually(
      () => db.prisma.mention.count({ where: { externalId: { startsWith: '6' }, conversationId: { not: null } } }),
      (n) => n === 40,
    );
    expect(stored).toBe(40);
  });

  it('group commit: a request that cannot be written fails alone; its neighbours are stored, nothing half-written', async () => {
    const acceptor = createInboundAcceptor(db, services.queue, { parallel: 1 });
    const missing = '0193a000-0000-7000-8000-000000000000';
    const inputs = ['8100', '8101', '8102', '8199', '8103'].map((id) =>
      acceptorInput(id, id === '8199' ? missing : xChannelId),
    );
    // The first commits alone; the next four wait for it and then share one transaction, which the request for a
    // channel that does not exist (a foreign key violation) fails: each is then written on its own.
    const results = await Promise.allSettled(inputs.map((input) => acceptor.accept(input)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    const ids = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.inboundEventId] : []));
    expect(await db.prisma.inboundEvent.count({ where: { id: { in: ids } } })).toBe(4);
    expect(await db.prisma.inboundEvent.count({ where: { channelId: missing } })).toBe(0);
    const stored = await eventually(
      () => db.prisma.mention.count({ where: { externalId: { in: ['8100', '8101', '8102', '8103', '8199'] } } }),
      (n) => n === 4,
    );
    expect(stored).toBe(4);
    const after = await db.prisma.channel.findUniqueOrThrow({ where: { id: xChannelId } });
    expect(after.lastEventAt).not.toBeNull();
  });

  it('group commit wakes the ingest workers once per committed group, not at their next poll', async () => {
    const wakes: string[] = [];
    const queue = {
      ...services.queue,
      wake(name: Parameters<typeof services.queue.wake>[0]) {
        wakes.push(name);
        services.queue.wake(name);
      },
    };
    const acceptor = createInboundAcceptor(db, queue, { parallel: 1 });
    const inputs = ['8300', '8301', '8302', '8303'].map((id) => acceptorInput(id));
    // One alone, then three that wait for it and share the next commit: two groups, two wakes.
    const accepted = await Promise.all(inputs.map((input) => acceptor.accept(input)));
    expect(wakes).toEqual(['ingest.process', 'ingest.process']);
    const ids = accepted.map((a) => a.inboundEventId);
    expect(await db.prisma.inboundEvent.count({ where: { id: { in: ids } } })).toBe(4);
    const stored = await eventually(
      () => db.prisma.mention.count({ where: { externalId: { in: ['8300', '8301', '8302', '8303'] } } }),
      (n) => n === 4,
    );
    expect(stored).toBe(4);
  });

  it('publishes each change on the event bus to subscribed clients of the organization, after commit', async () => {
    const manager = await callerFor(db.prisma, t.users.manager.userId);
    const stream = await manager.live.events({ organizationId: t.organizationId, brandId: t.brandIds[0]! });
    const received: { type: string; conversationId?: string }[] = [];
    // Events of earlier tests' posts may still arrive: read until the one of this test's post.
    const reading = (async () => {
      for await (const event of stream) {
        received.push(event);
        if (event.type !== 'conversation.created') continue;
        const [own] = await mentionsWith('7001');
        if (own?.conversationId && own.conversationId === event.conversationId) break;
      }
    })();
    await eventually(
      () => Promise.resolve(received.length),
      (n) => n > 0,
    );
    expect(received[0]?.type).toBe('ready');
    const res = await postX({ for_user_id: BRAND_X_ID, tweet_create_events: [tweet({ id: '7001', userId: '801' })] });
    expect(res.statusCode).toBe(200);
    await reading;
    const [m] = await mentionsWith('7001');
    expect(received.at(-1)).toMatchObject({ type: 'conversation.created', conversationId: m?.conversationId });
  });

  it('threads a reply into the conversation of the post it answers, and reopens a resolved one', async () => {
    await postX({
      for_user_id: BRAND_X_ID,
      tweet_create_events: [tweet({ id: '5010', userId: '44', screen: 'paul' })],
    });
    const [first] = await eventually(
      () => mentionsWith('5010'),
      (r) => r[0]?.conversationId != null,
    );
    await db.prisma.conversation.update({
      where: { id: first!.conversationId! },
      data: { status: 'resolved', waitingSince: null },
    });
    await postX({
      for_user_id: BRAND_X_ID,
      tweet_create_events: [
        tweet({ id: '5011', userId: '44', screen: 'paul', inReplyTo: '5010', text: '@SkywardAir still waiting!' }),
      ],
    });
    const [reply] = await eventually(
      () => mentionsWith('5011'),
      (r) => r[0]?.conversationId != null,
    );
    expect(reply!.kind).toBe('reply');
    expect(reply!.conversationId).toBe(first!.conversationId);
    expect(reply!.conversation!.status).toBe('open');
    const types = (
      await db.prisma.conversationEvent.findMany({ where: { conversationId: reply!.conversationId! } })
    ).map((e) => e.type);
    expect(types).toContain('reopened');
  });

  it('stores the brand’s own posts as outbound, and hides the text of deleted posts', async () => {
    await postX({
      for_user_id: BRAND_X_ID,
      tweet_create_events: [tweet({ id: '5020', userId: BRAND_X_ID, screen: 'SkywardAir', text: 'We are sorry' })],
    });
    const [own] = await eventually(
      () => mentionsWith('5020'),
      (r) => r.length > 0,
    );
    expect(own!.kind).toBe('outbound');
    await postX({
      for_user_id: BRAND_X_ID,
      tweet_create_events: [tweet({ id: '5021', userId: '45', screen: 'oops' })],
    });
    await eventually(
      () => mentionsWith('5021'),
      (r) => r.length > 0,
    );
    await postX({
      for_user_id: BRAND_X_ID,
      tweet_delete_events: [{ status: { id: '5021', user_id: '45' }, timestamp_ms: '1' }],
    });
    const [gone] = await eventually(
      () => mentionsWith('5021'),
      (r) => r[0]?.deletedAt != null,
    );
    expect(gone).toMatchObject({ text: '' });
    expect(gone!.deletedAt).not.toBeNull();
  });

  it('refuses a bad or missing signature (401), malformed JSON (400), a foreign for_user_id (422), oversize (413) — writing nothing', async () => {
    const before = await db.prisma.inboundEvent.count();
    const body = { for_user_id: BRAND_X_ID, tweet_create_events: [tweet({ id: '5030' })] };
    expect((await postX(body, 'not-the-secret')).statusCode).toBe(401);
    const unsigned = await app.inject({
      method: 'POST',
      url: xUrl,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    });
    expect(unsigned.statusCode).toBe(401);
    expect((await postX('{"for_user_id": ')).statusCode).toBe(400);
    expect((await postX({ ...body, for_user_id: '1' })).statusCode).toBe(422);
    expect((await postX({ ...body, pad: 'x'.repeat(6 * 1024 * 1024) })).statusCode).toBe(413);
    expect(await db.prisma.inboundEvent.count()).toBe(before);
  });

  it('unknown channel ids answer 404', async () => {
    const res = await app.inject({ url: `/webhooks/x/00000000-0000-4000-8000-000000000000?crc_token=a` });
    expect(res.statusCode).toBe(404);
  });

  describe('generic signed webhook (Standard Webhooks)', () => {
    const postGeneric = (body: unknown, secret: string, ts = Math.floor(Date.now() / 1000)) => {
      const raw = JSON.stringify(body);
      return app.inject({
        method: 'POST',
        url: genericUrl,
        headers: {
          'content-type': 'application/json',
          'webhook-id': `msg_${ts}`,
          'webhook-timestamp': String(ts),
          'webhook-signature': signStandardWebhook(secret, `msg_${ts}`, ts, raw),
        },
        payload: raw,
      });
    };
    const review = (id: string) => ({
      mentions: [
        {
          id,
          text: 'Merci pour le remboursement rapide, service au top !',
          created_at: '2026-11-29T10:00:00Z',
          author: { id: 'rv-1', username: 'claire' },
        },
      ],
    });

    it('accepts a signed delivery and keeps the valid mentions of a mixed batch', async () => {
      const body = { mentions: [...review('g-1').mentions, { id: 'g-bad', text: 'no author' }] };
      const res = await postGeneric(body, genericSecret);
      expect(res.statusCode).toBe(200);
      const answer = res.json<{ accepted: number; rejected: { path: string }[] }>();
      expect(answer.accepted).toBe(1);
      expect(answer.rejected.map((r) => r.path)).toEqual([expect.stringContaining('1')]);
      const [m] = await eventually(
        () => mentionsWith('g-1'),
        (r) => r[0]?.conversationId != null,
      );
      expect(m).toMatchObject({ language: 'fr', sentiment: 'positive' });
    });

    it('refuses a stale timestamp, and keeps the previous secret valid during a rotation', async () => {
      expect((await postGeneric(review('g-2'), genericSecret, Math.floor(Date.now() / 1000) - 301)).statusCode).toBe(
        401,
      );
      const channelId = genericUrl.split('/').at(-1)!;
      const rotated = await rotateWebhookSecret(db.prisma, deps, actor(), channelId);
      expect((await postGeneric(review('g-3'), genericSecret)).statusCode).toBe(200);
      expect((await postGeneric(review('g-4'), rotated.signingSecret)).statusCode).toBe(200);
      expect((await postGeneric(review('g-5'), 'whsec_' + Buffer.alloc(24, 3).toString('base64'))).statusCode).toBe(
        401,
      );
    });
  });
});
