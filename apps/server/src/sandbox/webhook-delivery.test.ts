import { createHmac, timingSafeEqual } from 'node:crypto';
import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { BRAND_TOKEN, startWorld, type TestWorld } from './test-helpers.ts';

/**
 * A stand-in for Perch's webhook endpoint: answers the CRC and checks every POST's signature with its own HMAC
 * code on the raw bytes (not the sandbox's), so a signing mistake in the sandbox cannot cancel out.
 */
const SECRET = 'consumer-secret-for-tests';
const hmac = (key: string, data: string) => createHmac('sha256', key).update(data).digest('base64');

interface V1Event {
  id_str: string;
  text: string;
  truncated: boolean;
  extended_tweet?: { full_text: string };
  user: { id_str: string; screen_name: string; name: string; followers_count: number; verified: boolean };
  in_reply_to_status_id_str: string | null;
  is_quote_status: boolean;
  quoted_status_id_str?: string;
  created_at: string;
}
interface Payload {
  for_user_id: string;
  tweet_create_events?: V1Event[];
  tweet_delete_events?: { status: { id: string; user_id: string }; timestamp_ms: string }[];
}
type Behaviour = (attempt: number) => number | 'hang';

async function startReceiver(behaviour: Behaviour = () => 200) {
  const app = Fastify({ forceCloseConnections: true });
  const received: { payload: Payload; signatureOk: boolean }[] = [];
  const crcTokens: string[] = [];
  const receiver = {
    received,
    crcTokens,
    crc: 'right' as 'right' | 'wrong',
    behaviour,
    url: '',
    close: () => app.close(),
  };
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  app.get<{ Querystring: { crc_token: string } }>('/webhooks/x', (request) => {
    crcTokens.push(request.query.crc_token);
    const key = receiver.crc === 'right' ? SECRET : 'some-other-secret';
    return { response_token: `sha256=${hmac(key, request.query.crc_token)}` };
  });
  app.post('/webhooks/x', async (request, reply) => {
    const raw = request.body as string;
    const given = Buffer.from(String(request.headers['x-twitter-webhooks-signature'] ?? ''));
    const expected = Buffer.from(`sha256=${hmac(SECRET, raw)}`);
    const signatureOk = given.length === expected.length && timingSafeEqual(given, expected);
    received.push({ payload: JSON.parse(raw) as Payload, signatureOk });
    const answer = receiver.behaviour(received.length);
    if (answer === 'hang') await new Promise((resolve) => setTimeout(resolve, 300));
    return reply.code(answer === 'hang' ? 200 : answer).send();
  });
  receiver.url = `${await app.listen({ port: 0, host: '127.0.0.1' })}/webhooks/x`;
  return receiver;
}

let w: TestWorld;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
afterEach(async () => {
  await w.sandbox.close();
  await receiver.close();
});

const register = () =>
  w.call<{ id: string; valid: boolean; crc: { ok: boolean } }>('POST', '/sandbox/webhooks', {
    token: null,
    body: { url: receiver.url, consumerSecret: SECRET, forUserId: w.brandId },
  });

describe('Account Activity webhooks', () => {
  it('passes the CRC at registration, then delivers signed v1.1 tweet_create_events', async () => {
    w = await startWorld({ now: () => Date.parse('2026-03-01T12:00:00Z') });
    receiver = await startReceiver();
    const registered = await register();
    expect(registered.status).toBe(201);
    expect(registered.body).toMatchObject({ valid: true, crc: { ok: true } });
    expect(receiver.crcTokens).toHaveLength(1);

    const short = await w.mention('@SkywardAir flight SA212 delayed 3 hours');
    const long = await w.mention(`@SkywardAir ${'my bag is lost at CDG and nobody answers. '.repeat(5)}`.trim());
    const brandPost = await w.call<{ data: { id: string } }>('POST', '/2/tweets', {
      token: BRAND_TOKEN,
      body: { text: 'We are on it, sorry!', reply: { in_reply_to_tweet_id: short } },
    });
    const quote = await w.call<{ data: { id: string } }>('POST', `/sandbox/customers/${w.customerId}/tweets`, {
      token: null,
      body: { text: 'Not what I call help', quote_tweet_id: brandPost.body.data.id },
    });
    await w.sandbox.webhooks.idle();

    expect(receiver.received.every((r) => r.signatureOk)).toBe(true);
    // Deliveries run concurrently (X does not promise an order either): look events up by post id.
    const events = new Map(
      receiver.received.flatMap((r) => r.payload.tweet_create_events ?? []).map((e) => [e.id_str, e] as const),
    );
    expect(receiver.received.map((r) => r.payload.for_user_id)).toEqual(Array(4).fill(w.brandId));
    expect(events.get(short)).toMatchObject({
      id_str: short,
      text: '@SkywardAir flight SA212 delayed 3 hours',
      truncated: false,
      user: {
        id_str: w.customerId,
        screen_name: 'marie_dubois',
        name: 'Marie Dubois',
        followers_count: 340,
        verified: false,
      },
      in_reply_to_status_id_str: null,
      is_quote_status: false,
      created_at: 'Sun Mar 01 12:00:00 +0000 2026',
    });
    const truncated = events.get(long);
    expect(truncated).toMatchObject({ truncated: true });
    expect(truncated?.text).toMatch(/… https:\/\/t\.co\/\w+$/);
    expect([...(truncated?.text ?? '')].length).toBeLessThanOrEqual(140);
    expect(truncated?.extended_tweet?.full_text).toMatch(/nobody answers\.$/);
    // The brand's own reply is echoed (user.id_str == for_user_id: outbound, not a mention).
    expect(events.get(brandPost.body.data.id)).toMatchObject({
      user: { id_str: w.brandId },
      in_reply_to_status_id_str: short,
    });
    expect(events.get(quote.body.data.id)).toMatchObject({
      is_quote_status: true,
      quoted_status_id_str: brandPost.body.data.id,
    });

    const deliveries = await w.call<{ data: { state: string; attempts: { statusCode: number }[] }[] }>(
      'GET',
      '/sandbox/deliveries',
      { token: null },
    );
    expect(deliveries.body.data.map((d) => [d.state, d.attempts.map((a) => a.statusCode)])).toEqual(
      Array(4).fill(['delivered', [200]]),
    );
  });

  it('refuses a registration whose CRC answer is wrong', async () => {
    w = await startWorld();
    receiver = await startReceiver();
    receiver.crc = 'wrong';
    const res = await register();
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'crc_failed', message: 'wrong response_token' });
    expect(w.sandbox.webhooks.webhooks.size).toBe(0);
  });

  it('retries a failed delivery (5xx, then a timeout) with back-off and records every attempt', async () => {
    w = await startWorld({ webhooks: { retryDelaysMs: [20, 20, 20], timeoutMs: 100 } });
    receiver = await startReceiver((n) => (n === 1 ? 500 : n === 2 ? 'hang' : 200));
    await register();
    const id = await w.mention('@SkywardAir cancelled flight, refund please');
    await w.sandbox.webhooks.idle();
    const [delivery] = w.sandbox.webhooks.deliveries;
    expect(delivery).toMatchObject({ tweetId: id, state: 'delivered', kind: 'tweet_create' });
    expect(delivery?.attempts.map((a) => [a.attempt, a.statusCode, a.error])).toEqual([
      [1, 500, 'HTTP 500'],
      [2, null, 'timeout after 100 ms'],
      [3, 200, null],
    ]);
    expect(receiver.received).toHaveLength(3);
    expect(new Set(receiver.received.map((r) => JSON.stringify(r.payload))).size).toBe(1); // the same event each time
  });

  it('gives up after the last attempt', async () => {
    w = await startWorld({ webhooks: { retryDelaysMs: [10] } });
    receiver = await startReceiver(() => 503);
    await register();
    await w.mention('@SkywardAir hello?');
    await w.sandbox.webhooks.idle();
    expect(w.sandbox.webhooks.deliveries.map((d) => [d.state, d.attempts.length])).toEqual([['failed', 2]]);
  });

  it('delivers tweet_delete_events when a post is deleted', async () => {
    w = await startWorld();
    receiver = await startReceiver();
    await register();
    const id = await w.mention('@SkywardAir something I regret');
    await w.call('DELETE', `/sandbox/tweets/${id}`, { token: null });
    await w.sandbox.webhooks.idle();
    expect(receiver.received.find((r) => r.payload.tweet_delete_events)?.payload).toEqual({
      for_user_id: w.brandId,
      tweet_delete_events: [
        { status: { id, user_id: w.customerId }, timestamp_ms: expect.stringMatching(/^\d+$/) as string },
      ],
    });
  });

  it('re-checks the CRC periodically and stops delivering to a webhook that fails it until re-validated', async () => {
    w = await startWorld({ webhooks: { crcIntervalMs: 30 } });
    receiver = await startReceiver();
    const { body } = await register();
    receiver.crc = 'wrong';
    await expect.poll(() => w.sandbox.webhooks.webhooks.get(body.id)?.valid, { timeout: 2000 }).toBe(false);
    await w.mention('@SkywardAir anyone?');
    expect(w.sandbox.webhooks.deliveries.at(-1)?.state).toBe('skipped');
    receiver.crc = 'right';
    const put = await w.call<{ valid: boolean }>('PUT', `/sandbox/webhooks/${body.id}`, { token: null });
    expect(put.body.valid).toBe(true);
    await w.mention('@SkywardAir hello again');
    await w.sandbox.webhooks.idle();
    expect(w.sandbox.webhooks.deliveries.at(-1)?.state).toBe('delivered');
    expect(receiver.crcTokens.length).toBeGreaterThan(2);
  });
});
