import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { startQueue, type Queue } from '../../../queue/queue.ts';
import { createTestDatabase } from '../../../../test/test-database.ts';
import { createTenant, TEST_SECRET_KEY, type TenantFixture } from '../../../../test/harness.ts';
import { openChannelSecrets } from '../../channels/channel-secrets.ts';
import { configureReplyWebhook } from '../../channels/channels.service.ts';
import { verifyStandardWebhook } from '../../ingest/signatures.ts';
import { deliverReply } from './deliver-reply.ts';
import { startDeliveryWorld } from './delivery.testing.ts';

const log = pino({ level: process.env.TEST_LOG ?? 'silent' });

interface Received {
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** The brand's own system: records every POST and answers as the test says. */
async function startReceiver() {
  const received: Received[] = [];
  let respond: (res: http.ServerResponse, n: number) => void = (res) => res.writeHead(200).end();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks) });
      respond(res, received.length);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    received,
    answer(fn: typeof respond) {
      respond = fn;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('reply delivery through a generic webhook channel (signed POST, SSRF guard)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let queue: Queue;
  let t: TenantFixture;
  let w: Awaited<ReturnType<typeof startDeliveryWorld>>;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let deps: typeof w.deps;
  const admin = () => ({
    userId: t.users.admin.userId,
    organizationId: t.organizationId,
    ip: null,
    role: 'admin' as const,
  });

  const setReplyUrl = (url: string | null) =>
    configureReplyWebhook(
      db.prisma,
      admin(),
      { organizationId: t.organizationId, channelId: t.webhookChannelId, url },
      { trustedOrigins: [receiver.origin] },
    );
  const secretsOfChannel = async () => {
    const channel = await db.prisma.channel.findUniqueOrThrow({ where: { id: t.webhookChannelId } });
    return openChannelSecrets(TEST_SECRET_KEY, t.organizationId, channel.secrets);
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    queue = await startQueue(db, log);
    t = await createTenant(db.prisma, 'Hook Air');
    w = await startDeliveryWorld(db, queue, t);
    receiver = await startReceiver();
    deps = { ...w.deps, trustedOrigins: [receiver.origin], timeoutMs: 500 };
    await setReplyUrl(`${receiver.origin}/perch/replies`);
  });
  afterAll(async () => {
    await receiver?.close();
    await queue?.stop();
    await w?.sandbox.close();
    await db?.dispose();
  });

  it('POSTs the reply signed with the channel secret (verifiable), and stores the id the receiver gives', async () => {
    const r = await w.queuedReply({ channelId: t.webhookChannelId });
    receiver.answer((res) =>
      res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ id: 'ticket-981' })),
    );
    const before = receiver.received.length;
    expect(await deliverReply(deps, w.job(r.replyId))).toEqual({ state: 'sent', attempt: 1 });
    expect(receiver.received.length).toBe(before + 1);
    const got = receiver.received.at(-1)!;
    const secrets = (await secretsOfChannel()).webhookSecrets!.map((s) => s.secret);
    const verdict = verifyStandardWebhook({
      secrets,
      headers: got.headers,
      rawBody: got.body,
      nowSec: Math.floor(Date.now() / 1000),
    });
    expect(verdict).toEqual({ ok: true, id: r.replyId });
    const handle = await db.prisma.handle.findFirstOrThrow({
      where: { customer: { conversations: { some: { id: r.conversationId } } } },
    });
    expect(JSON.parse(got.body.toString('utf8'))).toEqual({
      type: 'reply.created',
      reply: {
        id: r.replyId,
        conversationId: r.conversationId,
        text: r.text,
        isDirectMessage: false,
        inReplyTo: r.postId,
        recipient: { id: w.customer.id, username: handle.username },
      },
      brand: { id: t.brandIds[0], name: 'Hook Air Main' },
    });
    expect(await w.replyRow(r.replyId)).toMatchObject({ state: 'sent', networkId: 'ticket-981' });
  });

  it('5xx then 2xx: retried with the same webhook-id; no id in the answer stores none', async () => {
    const r = await w.queuedReply({ channelId: t.webhookChannelId });
    receiver.answer((res) => res.writeHead(503).end('down for maintenance'));
    const before = receiver.received.length;
    expect(await deliverReply(deps, w.job(r.replyId))).toMatchObject({ state: 'failed' });
    expect((await w.replyRow(r.replyId)).lastError).toBe(
      'The reply webhook answered 503 Service Unavailable: down for maintenance',
    );
    receiver.answer((res) => res.writeHead(204).end());
    w.advanceTo((await w.replyRow(r.replyId)).nextAttemptAt!);
    expect(await deliverReply(deps, w.job(r.replyId))).toEqual({ state: 'sent', attempt: 2 });
    const ids = receiver.received.slice(before).map((x) => x.headers['webhook-id']);
    expect(ids).toEqual([r.replyId, r.replyId]);
    expect((await w.replyRow(r.replyId)).networkId).toBeNull();
  });

  it('an uncertain attempt (no answer in time) is resent with the same webhook-id for the receiver to drop', async () => {
    const r = await w.queuedReply({ channelId: t.webhookChannelId });
    const seen = new Set<string>();
    receiver.answer((res, n) => {
      const id = String(receiver.received[n - 1]!.headers['webhook-id']);
      const duplicate = seen.has(id);
      seen.add(id);
      if (!duplicate) return; // processed, but the answer never comes
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: 'dup-dropped' }));
    });
    expect(await deliverReply(deps, w.job(r.replyId))).toMatchObject({ state: 'failed' });
    expect((await w.replyRow(r.replyId)).outcomeUnknown).toBe(true);
    w.advanceTo((await w.replyRow(r.replyId)).nextAttemptAt!);
    expect(await deliverReply(deps, w.job(r.replyId))).toEqual({ state: 'sent', attempt: 2 });
    expect(seen).toEqual(new Set([r.replyId]));
  });

  it('a permanent 4xx is dead with the receiver reason', async () => {
    const r = await w.queuedReply({ channelId: t.webhookChannelId });
    receiver.answer((res) =>
      res
        .writeHead(422, { 'content-type': 'application/json' })
        .end(JSON.stringify({ detail: 'unknown conversation' })),
    );
    expect(await deliverReply(deps, w.job(r.replyId))).toMatchObject({ state: 'dead' });
    expect((await w.replyRow(r.replyId)).lastError).toBe(
      'The reply webhook answered 422 Unprocessable Entity: unknown conversation',
    );
  });

  it('S6 at send time: a loopback URL that is not trusted is refused, nothing is sent', async () => {
    const r = await w.queuedReply({ channelId: t.webhookChannelId });
    const before = receiver.received.length;
    expect(await deliverReply({ ...deps, trustedOrigins: [] }, w.job(r.replyId))).toMatchObject({ state: 'dead' });
    expect((await w.replyRow(r.replyId)).lastError).toMatch(
      /^The reply webhook: http:\/\/127\.0\.0\.1:\d+ is not a public address \(loopback\)\. Change the channel's reply URL/,
    );
    expect(receiver.received.length).toBe(before);
  });

  it('S6: a redirect to a private or metadata address is refused', async () => {
    for (const location of ['http://169.254.169.254/latest/meta-data/', 'http://10.1.2.3/hook', 'http://0x7f.1:9/x']) {
      const r = await w.queuedReply({ channelId: t.webhookChannelId });
      receiver.answer((res) => res.writeHead(307, { location }).end());
      expect(await deliverReply(deps, w.job(r.replyId))).toMatchObject({ state: 'dead' });
      expect((await w.replyRow(r.replyId)).lastError).toMatch(
        /is not a public address \((linkLocal|private|loopback)\)/,
      );
    }
  });

  it('no reply URL: dead with what to fix', async () => {
    await setReplyUrl(null);
    const r = await w.queuedReply({ channelId: t.webhookChannelId });
    expect(await deliverReply(deps, w.job(r.replyId))).toMatchObject({ state: 'dead' });
    expect((await w.replyRow(r.replyId)).lastError).toMatch(/has no reply URL: set one in Settings → Channels/);
    await setReplyUrl(`${receiver.origin}/perch/replies`);
  });
});
