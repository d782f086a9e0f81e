import { afterEach, describe, expect, it } from 'vitest';
import { BRAND_TOKEN, startWorld, type ProblemBody, type TestWorld } from './test-helpers.ts';

interface Created {
  data: { id: string; text: string };
}
interface Timeline {
  data: { id: string; text: string; in_reply_to_tweet_id: string | null }[];
  meta: { result_count: number; duplicate_replies: { in_reply_to_tweet_id: string; count: number }[] };
}

let w: TestWorld;
afterEach(() => w.sandbox.close());

const post = (body: unknown, token: string = BRAND_TOKEN) =>
  w.call<Created & ProblemBody>('POST', '/2/tweets', { token, body });

describe('POST /2/tweets', () => {
  it("answers 201 {data:{id,text}}, records the post in the brand's timeline and shows double replies", async () => {
    w = await startWorld();
    const mention = await w.mention('@SkywardAir lost bag at CDG');
    const first = await post({ text: 'So sorry! DM us your file number.', reply: { in_reply_to_tweet_id: mention } });
    expect(first.status).toBe(201);
    expect(first.body.data).toMatchObject({
      id: expect.stringMatching(/^\d{19}$/) as string,
      text: 'So sorry! DM us your file number.',
    });
    await post({ text: 'So sorry! DM us your file number.', reply: { in_reply_to_tweet_id: mention } });
    const timeline = await w.call<Timeline>('GET', `/sandbox/timeline/${w.brandId}`, { token: null });
    expect(timeline.body.meta.result_count).toBe(2);
    expect(timeline.body.data[1]).toMatchObject({ id: first.body.data.id, in_reply_to_tweet_id: mention });
    expect(timeline.body.meta.duplicate_replies).toEqual([{ in_reply_to_tweet_id: mention, count: 2 }]);
  });

  it('counts weighted characters as X does (twitter-text v3, NFC) and refuses more than 280 with a 400', async () => {
    w = await startWorld();
    expect((await post({ text: '🙂'.repeat(140) })).status).toBe(201); // emoji weigh 2
    expect((await post({ text: '🙂'.repeat(141) })).status).toBe(400);
    expect((await post({ text: '日本'.repeat(70) })).status).toBe(201); // CJK weighs 2
    expect((await post({ text: '日本'.repeat(70) + 'x' })).status).toBe(400);
    // A URL counts 23 whatever its length: 257 + 23 = 280.
    const url = `https://example.com/${'a'.repeat(100)}`;
    expect((await post({ text: `${'x'.repeat(256)} ${url}` })).status).toBe(201);
    expect((await post({ text: `${'x'.repeat(257)} ${url}` })).status).toBe(400);
    const long = await post({ text: 'x'.repeat(281) });
    expect(long.status).toBe(400);
    expect(long.body).toMatchObject({
      title: 'Invalid Request',
      errors: [{ parameters: { text: ['x'.repeat(281)] } }],
    });
    expect((await post({ text: 'e\u0301'.repeat(280) })).status).toBe(201); // NFC: 280 "é"
    expect((await post({ text: '   ' })).status).toBe(400);
  });

  it("does not count a reply's leading @mentions (reply metadata), but does count them in a new post", async () => {
    w = await startWorld();
    const mention = await w.mention('@SkywardAir where is my bag?');
    const text = `@marie_dubois @SkywardAir ${'x'.repeat(280)}`;
    expect((await post({ text, reply: { in_reply_to_tweet_id: mention } })).status).toBe(201);
    expect((await post({ text: `${text}x`, reply: { in_reply_to_tweet_id: mention } })).status).toBe(400);
    expect((await post({ text })).status).toBe(400);
    // Only the leading ones: a mention inside the text counts.
    const inside = `${'x'.repeat(270)} @marie_dubois`;
    expect((await post({ text: inside, reply: { in_reply_to_tweet_id: mention } })).status).toBe(400);
  });

  it('refuses app-only tokens and replies to deleted posts with 403 X errors', async () => {
    w = await startWorld();
    const appOnly = await post({ text: 'hi' }, 'test-bearer');
    expect(appOnly.status).toBe(403);
    expect(appOnly.body.title).toBe('Unsupported Authentication');
    const gone = await w.mention('@SkywardAir bye');
    await w.call('DELETE', `/sandbox/tweets/${gone}`, { token: null });
    const res = await post({ text: 'Sorry to see that', reply: { in_reply_to_tweet_id: gone } });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ title: 'Forbidden', status: 403, errors: [{ status: 403, title: 'Forbidden' }] });
  });
});

describe('rate limits', () => {
  it('reports x-rate-limit-* on every answer and answers 429 without Retry-After once spent, until reset', async () => {
    let now = Date.parse('2026-03-01T12:00:00Z');
    w = await startWorld({ now: () => now, rateLimits: { mentions: 3, tweets: 2 } });
    const path = `/2/users/${w.brandId}/mentions`;
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await w.call<ProblemBody>('GET', path));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429]);
    expect(answers.map((a) => a.headers.get('x-rate-limit-remaining'))).toEqual(['2', '1', '0', '0']);
    const reset = Number(answers[0]!.headers.get('x-rate-limit-reset'));
    expect(reset).toBe(now / 1000 + 15 * 60);
    expect(answers[3]!.headers.get('x-rate-limit-limit')).toBe('3');
    expect(answers[3]!.headers.get('retry-after')).toBeNull();
    expect(answers[3]!.body).toMatchObject({ title: 'Too Many Requests', status: 429 });
    // Posting has its own per-user budget; the spent mentions budget does not touch it.
    expect((await post({ text: 'a' })).headers.get('x-rate-limit-remaining')).toBe('1');
    expect((await post({ text: 'b' })).status).toBe(201);
    expect((await post({ text: 'c' })).status).toBe(429);
    now += 15 * 60_000; // the window resets
    expect((await w.call('GET', path)).status).toBe(200);
    expect((await post({ text: 'd' })).status).toBe(201);
  });

  it('limits posts per user, whichever of its tokens is used, and can be changed at runtime', async () => {
    w = await startWorld({ rateLimits: { tweets: 2 } });
    w.sandbox.state.registerToken('second-token', w.brandId);
    expect((await post({ text: 'a' })).status).toBe(201);
    expect((await post({ text: 'b' }, 'second-token')).status).toBe(201);
    expect((await post({ text: 'c' }, 'second-token')).status).toBe(429);
    const changed = await w.call('POST', '/sandbox/rate-limits', { token: null, body: { tweets: 5 } });
    expect(changed.body).toMatchObject({ limits: { tweets: 5, mentions: 450 } });
    expect((await post({ text: 'd' })).headers.get('x-rate-limit-remaining')).toBe('4');
  });
});

describe('faults', () => {
  const mentionsOf = (signal?: AbortSignal) =>
    w.call<ProblemBody>('GET', `/2/users/${w.brandId}/mentions`, signal ? { signal } : {});

  it('switches 5xx, 429, 403, latency and timeouts on and off at runtime', async () => {
    w = await startWorld();
    const set = (faults: Record<string, unknown>) =>
      w.call('POST', '/sandbox/faults', { token: null, body: { ...faults } });

    await set({ error5xxRate: 1 });
    const error = await mentionsOf();
    expect([500, 502, 503]).toContain(error.status);
    expect(error.body.status).toBe(error.status);

    await set({ error5xxRate: 0, rateLimit429Rate: 1 });
    const limited = await mentionsOf();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('x-rate-limit-remaining')).toBe('0');
    expect(Number(limited.headers.get('x-rate-limit-reset'))).toBeGreaterThan(Date.now() / 1000);

    await set({ rateLimit429Rate: 0, permanent4xxRate: 1 });
    const forbidden = await mentionsOf();
    expect(forbidden.status).toBe(403);
    expect(forbidden.body).toMatchObject({
      title: 'Forbidden',
      type: 'about:blank',
      detail: expect.any(String) as string,
    });

    await set({ permanent4xxRate: 0, latencyMs: 150 });
    const started = performance.now();
    expect((await mentionsOf()).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);

    w.sandbox.faults.set({ latencyMs: 0, timeoutRate: 1 });
    await expect(mentionsOf(AbortSignal.timeout(200))).rejects.toThrow(/abort|timeout/i);
    expect(w.sandbox.faults.injected.timeout).toBe(1);
    // Only where asked: posting keeps working while the mentions endpoint hangs.
    w.sandbox.faults.set({ endpoints: ['mentions'] });
    expect((await post({ text: 'still up' })).status).toBe(201);

    expect((await w.call('DELETE', '/sandbox/faults', { token: null })).status).toBe(200);
    expect((await mentionsOf()).status).toBe(200);
    const log = await w.call<{ data: { status: number; fault: string | null }[] }>('GET', '/sandbox/requests', {
      token: null,
    });
    expect(log.body.data.map((e) => e.fault)).toEqual(['5xx', '429', '4xx', null, 'timeout', null, null]);
  });

  it('draws the same faults from the same seed', async () => {
    const run = async () => {
      w = await startWorld({ seed: 7 });
      w.sandbox.faults.set({ error5xxRate: 0.5 });
      const statuses = [];
      for (let i = 0; i < 12; i++) statuses.push((await mentionsOf()).status);
      await w.sandbox.close();
      return statuses;
    };
    const first = await run();
    expect(new Set(first).size).toBeGreaterThan(1);
    expect(await run()).toEqual(first);
  });

  it('closes promptly while a request hangs', async () => {
    w = await startWorld();
    w.sandbox.faults.set({ timeoutRate: 1 });
    const hanging = mentionsOf().catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = performance.now();
    await w.sandbox.close();
    expect(performance.now() - started).toBeLessThan(1000);
    expect(await hanging).toBeInstanceOf(Error);
  });
});

describe('createSandbox', () => {
  it('fails cleanly when the port is taken', async () => {
    w = await startWorld();
    const port = Number(new URL(w.sandbox.url).port);
    await expect(startWorld({ port })).rejects.toThrow(/EADDRINUSE/);
  });
});
